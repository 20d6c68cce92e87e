import type { TFunction } from 'i18next';
import { stepRefusalCode, stepRefusalParams, type ProsecutionStepKind, type StepRefusalCode } from '@palermo/contracts';
import type { FieldIssue } from '../../app/api';
import { translateProblem } from '../../app/errors';

/**
 * The server refuses a step with a stable code and the step it names (stepRefusalCodes, with the dates when one is
 * out of order); the contract does the same for a date in the future. These word the refusal in the reader's
 * language, with the step by its label and dates formatted, on the field it names. The server's English problem is
 * never shown as such: an issue without a code is a plain field problem ("is required"), translated as everywhere.
 */
const wordsOf: Record<StepRefusalCode, string> = {
  'no-charge': 'noCharge',
  'not-prosecuted': 'notProsecuted',
  'no-such-charge': 'noSuchCharge',
  'charge-has-verdict': 'chargeHasVerdict',
  'convicted-only-with-conviction': 'convictedOnlyWithConviction',
  'conviction-without-prosecution': 'withoutProsecution',
  'acquittal-without-prosecution': 'withoutProsecution',
  'no-conviction': 'noConviction',
  'fine-currency': 'fineCurrency',
  'no-such-verdict': 'noSuchVerdict',
  'no-such-appeal': 'noSuchAppeal',
  'appeal-decided': 'appealDecided',
  'date-before-earlier-step': 'dateBefore',
  'future-date': 'future',
};

export function translateStepProblem(t: TFunction, date: (iso: string) => string, issue: FieldIssue): string {
  const code = stepRefusalCode.safeParse(issue.code);
  const params = stepRefusalParams.safeParse(issue.params);
  if (!code.success || !params.success) return translateProblem(t, issue.problem);
  const { step, date: when, earlierStep, earlierDate } = params.data;
  const stepLabel = (kind: ProsecutionStepKind) => t(`prosecution.steps.${kind}` as 'prosecution.steps.arrest');
  const key = `prosecution.problems.${wordsOf[code.data]}` as 'prosecution.problems.future';
  const problem =
    code.data === 'date-before-earlier-step' && when !== undefined && earlierStep !== undefined && earlierDate !== undefined
      ? t('prosecution.problems.dateBefore', { date: date(when), earlier: stepLabel(earlierStep), then: date(earlierDate) })
      : t(key);
  return t('prosecution.stepProblem', { step: stepLabel(step), problem });
}

/** A step form's issues in the reader's words (its `localise`): the contract's and the server's alike, by their codes. */
export function localiseStepIssues(t: TFunction, date: (iso: string) => string, issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.map((issue) => ({ field: issue.field, problem: translateStepProblem(t, date, issue) }));
}
