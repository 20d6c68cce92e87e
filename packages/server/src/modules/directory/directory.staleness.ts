/** Entries not verified within this many days are flagged stale, unless the operator sets another period. */
export const DEFAULT_STALE_AFTER_DAYS = 180;

const DAY_MS = 24 * 60 * 60 * 1000;

/** How the directory judges staleness: against this moment and this period. */
export interface StalenessPolicy {
  readonly now: Date;
  readonly staleAfterDays: number;
}

/** Entries last verified before this instant are stale. */
export function staleCutoff(policy: StalenessPolicy): Date {
  return new Date(policy.now.getTime() - policy.staleAfterDays * DAY_MS);
}

export function isStale(lastVerifiedAt: Date, policy: StalenessPolicy): boolean {
  return lastVerifiedAt.getTime() < staleCutoff(policy).getTime();
}
