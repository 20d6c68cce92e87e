import type { CaseStage, TraffickingStatus } from '@palermo/contracts';

/**
 * The translation key of a case's trafficking status as the reader should understand it. HTCDS records a positive
 * reasonable-grounds decision as "possible victim" (not yet determined), the same code as before any decision; the
 * stage says which one it is, so after the decision the reader sees that reasonable grounds were found.
 */
export function traffickingStatusKey(
  status: TraffickingStatus,
  stage: CaseStage | undefined,
): `traffickingStatuses.${TraffickingStatus | 'reasonableGroundsPositive'}` {
  if (status === 'PossibleVictimOfTrafficking' && stage === 'reasonable_grounds_positive') return 'traffickingStatuses.reasonableGroundsPositive';
  return `traffickingStatuses.${status}`;
}
