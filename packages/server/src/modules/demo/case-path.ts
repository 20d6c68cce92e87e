import type { CaseStage, DecisionKind, DecisionOutcome, TraffickingStatus } from '@palermo/contracts';
import { addDays, daysBetween, type SyntheticRandom } from './synthetic-random.js';

/**
 * Where synthetic cases stand today: many reported and screened, fewer with decisions, as in any National Referral
 * Mechanism (people wait for decisions, many suspicions never reach one). A share of the pending decisions is past its
 * deadline, so that the overdue worklist has something in it.
 */
export const stageShares: ReadonlyArray<readonly [CaseStage, number]> = [
  ['reported', 20],
  ['screened', 20],
  ['reasonable_grounds_pending', 14],
  ['reasonable_grounds_positive', 18],
  ['reasonable_grounds_negative', 8],
  ['conclusive_positive', 15],
  ['conclusive_negative', 5],
];

/** Shares of pending decisions already past their deadline. */
export const overdueShares = { reasonableGrounds: 0.3, conclusiveGrounds: 0.15 } as const;

export interface PathDecision {
  readonly kind: DecisionKind;
  readonly outcome: DecisionOutcome;
  readonly at: Date;
  readonly dueAt: Date | null;
}

export interface StageSpan {
  readonly stage: CaseStage;
  readonly from: Date;
  /** When the case left the stage (or now). */
  readonly until: Date;
}

export interface CasePath {
  readonly stage: CaseStage;
  readonly openedAt: Date;
  readonly screenedAt: Date | null;
  readonly requestedAt: Date | null;
  readonly referralRefusedAt: Date | null;
  readonly decisions: PathDecision[];
  readonly reflectionFrom: Date | null;
  readonly decisionDueAt: Date | null;
  readonly traffickingStatus: TraffickingStatus;
  readonly closure: { readonly at: Date; readonly reason: string; readonly referred: boolean } | null;
  readonly followUp: boolean;
  readonly declinedAssistance: boolean;
  readonly stages: StageSpan[];
}

interface PathSettings {
  readonly now: Date;
  readonly settings: { readonly reflectionDays: number; readonly reasonableGroundsDays: number; readonly conclusiveGroundsDays: number };
}

type Closure = NonNullable<CasePath['closure']>;

const closureReasons: Partial<Record<CaseStage, ReadonlyArray<readonly [Omit<Closure, 'at'>, number]>>> = {
  reported: [[{ reason: 'no further contact after the first report', referred: false }, 1]],
  screened: [
    [{ reason: 'no indicators of trafficking found; signposted to general support services', referred: true }, 2],
    [{ reason: 'the person declined referral to the national referral mechanism', referred: false }, 1],
  ],
  reasonable_grounds_negative: [
    [{ reason: 'negative decision; referred to general support services', referred: true }, 2],
    [{ reason: 'negative decision; no further assistance requested', referred: false }, 1],
  ],
  conclusive_negative: [
    [{ reason: 'negative decision; referred to general support services', referred: true }, 2],
    [{ reason: 'negative decision; no further assistance requested', referred: false }, 1],
  ],
  conclusive_positive: [
    [{ reason: 'recovery and social-inclusion plan completed', referred: false }, 4],
    [{ reason: 'safe return with reintegration support in the country of origin', referred: true }, 1],
    [{ reason: 'handed over to social services for long-term support', referred: true }, 1],
  ],
};
const closedShare: Partial<Record<CaseStage, number>> = {
  reported: 0.08,
  screened: 0.12,
  reasonable_grounds_negative: 0.5,
  conclusive_positive: 0.45,
  conclusive_negative: 0.6,
};

/** Draws the stage a case has reached and when each step happened, all before `now`. */
export function drawPath(rng: SyntheticRandom, { now, settings }: PathSettings): CasePath {
  const stage = rng.weighted(stageShares);
  const rgDays = settings.reasonableGroundsDays;
  const cgDays = settings.conclusiveGroundsDays;
  const decisions: PathDecision[] = [];
  let screenedAt: Date | null = null;
  let requestedAt: Date | null = null;
  let referralRefusedAt: Date | null = null;
  let reflectionFrom: Date | null = null;
  let decisionDueAt: Date | null = null;

  /** Works back from the reasonable-grounds request: screened some days before, opened some days before that. */
  const before = (request: Date) => {
    requestedAt = request;
    screenedAt = rng.after(request, -10, -0.5);
    return rng.after(screenedAt, -5, -0.05);
  };
  let openedAt: Date;
  switch (stage) {
    case 'reported': {
      const recent = rng.chance(0.85);
      openedAt = rng.after(now, recent ? -21 : -365, recent ? -0.01 : -21);
      break;
    }
    case 'screened':
      screenedAt = rng.after(now, rng.chance(0.8) ? -30 : -300, -0.01);
      openedAt = rng.after(screenedAt, -5, -0.05);
      if (rng.chance(0.08)) referralRefusedAt = rng.after(screenedAt, 0, Math.min(2, daysBetween(screenedAt, now)));
      break;
    case 'reasonable_grounds_pending': {
      const overdue = rng.chance(overdueShares.reasonableGrounds);
      const request = rng.after(now, overdue ? -(rgDays + 40) : -rgDays + 0.01, overdue ? -(rgDays + 0.1) : -0.01);
      openedAt = before(request);
      decisionDueAt = addDays(request, rgDays);
      break;
    }
    case 'reasonable_grounds_positive': {
      const overdue = rng.chance(overdueShares.conclusiveGrounds);
      const decided = rng.after(now, overdue ? -(cgDays + 120) : -cgDays + 0.01, overdue ? -(cgDays + 0.1) : -0.01);
      const request = rng.after(decided, -(rgDays + 4), -0.5);
      openedAt = before(request);
      if (rng.chance(0.05)) {
        // Negative first, then positive on reconsideration.
        const negative = rng.after(request, 0, Math.min(rgDays, daysBetween(request, decided) / 2));
        decisions.push({ kind: 'reasonable_grounds', outcome: 'negative', at: negative, dueAt: addDays(request, rgDays) });
        decisions.push({ kind: 'reconsideration', outcome: 'positive', at: decided, dueAt: null });
      } else {
        decisions.push({ kind: 'reasonable_grounds', outcome: 'positive', at: decided, dueAt: addDays(request, rgDays) });
      }
      reflectionFrom = decided;
      decisionDueAt = addDays(decided, cgDays);
      break;
    }
    case 'reasonable_grounds_negative': {
      const decided = rng.after(now, -700, -0.01);
      const request = rng.after(decided, -(rgDays + 4), -0.2);
      openedAt = before(request);
      decisions.push({ kind: 'reasonable_grounds', outcome: 'negative', at: decided, dueAt: addDays(request, rgDays) });
      if (daysBetween(decided, now) > 31 && rng.chance(0.1)) {
        decisions.push({ kind: 'reconsideration', outcome: 'negative', at: rng.after(decided, 10, 30), dueAt: null });
      }
      break;
    }
    case 'conclusive_positive':
    case 'conclusive_negative': {
      const concluded = rng.after(now, -900, -0.01);
      const rg = rng.after(concluded, -(cgDays + 60), -(settings.reflectionDays + 0.5));
      const request = rng.after(rg, -(rgDays + 4), -0.2);
      openedAt = before(request);
      decisions.push({ kind: 'reasonable_grounds', outcome: 'positive', at: rg, dueAt: addDays(request, rgDays) });
      decisions.push({ kind: 'conclusive_grounds', outcome: stage === 'conclusive_positive' ? 'positive' : 'negative', at: concluded, dueAt: addDays(rg, cgDays) });
      reflectionFrom = rg;
      break;
    }
  }

  const stages = spans(stage, openedAt, screenedAt, requestedAt, decisions, now);
  const last = stages.at(-1)?.from ?? openedAt;
  let closure: Closure | null = null;
  const reasonsHere = closureReasons[stage];
  if (reasonsHere && daysBetween(last, now) > 1 && rng.chance(closedShare[stage] ?? 0)) {
    closure = { ...rng.weighted(reasonsHere), at: rng.after(last, 1, Math.min(120, daysBetween(last, now))) };
  }
  const declinedAssistance = stage === 'reported' && closure !== null && rng.chance(0.5);
  if (declinedAssistance && closure) closure = { ...closure, reason: 'the person declined assistance after being informed of their rights' };
  const traffickingStatus: TraffickingStatus =
    stage === 'conclusive_positive' ? 'ActualVictimOfTrafficking' : stage === 'reasonable_grounds_negative' || stage === 'conclusive_negative' ? 'NotAVictimOfTrafficking' : 'PossibleVictimOfTrafficking';
  return {
    stage,
    openedAt,
    screenedAt,
    requestedAt,
    referralRefusedAt,
    decisions,
    reflectionFrom,
    decisionDueAt,
    traffickingStatus,
    closure,
    followUp: closure === null && stage === 'conclusive_positive' && rng.chance(0.5),
    declinedAssistance,
    stages,
  };
}

/** The stages the case went through, each with when it entered and left it. */
function spans(stage: CaseStage, openedAt: Date, screenedAt: Date | null, requestedAt: Date | null, decisions: readonly PathDecision[], now: Date): StageSpan[] {
  const entered: Array<{ stage: CaseStage; from: Date }> = [{ stage: 'reported', from: openedAt }];
  if (screenedAt) entered.push({ stage: 'screened', from: screenedAt });
  if (requestedAt) entered.push({ stage: 'reasonable_grounds_pending', from: requestedAt });
  for (const d of decisions) {
    const to: CaseStage =
      d.kind === 'conclusive_grounds'
        ? d.outcome === 'positive' ? 'conclusive_positive' : 'conclusive_negative'
        : d.outcome === 'positive' ? 'reasonable_grounds_positive' : 'reasonable_grounds_negative';
    if (d.kind === 'reconsideration' && d.outcome === 'negative') continue;
    entered.push({ stage: to, from: d.at });
  }
  if (entered.at(-1)?.stage !== stage) throw new Error(`synthetic path ends at ${entered.at(-1)?.stage ?? '?'}, not ${stage}`);
  return entered.map((e, i) => ({ ...e, until: entered[i + 1]?.from ?? now }));
}
