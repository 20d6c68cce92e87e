import type { TFunction } from 'i18next';
import { prosecutionStepKinds, type ProsecutionStepKind } from '@palermo/contracts';
import { ApiError, type FieldIssue } from '../../app/api';
import { translateProblem } from '../../app/errors';

/**
 * The server names the step a refusal is about ("verdict: this charge already has a verdict; ..."); these turn its
 * phrases into the reader's language, with the step by its label and dates formatted, so that the problem shows on the
 * field it names in any language.
 */
const stepOfPhrase = new Map<string, ProsecutionStepKind>(prosecutionStepKinds.map((kind) => [kind.replace(/_/g, ' '), kind]));
stepOfPhrase.set('referral to prosecution', 'prosecution');

const fixed: Record<string, string> = {
  'no charge is recorded for this suspect; record the charges first': 'noCharge',
  'the suspect has not been prosecuted; record the prosecution first': 'notProsecuted',
  'there is no such charge against this suspect; record the charge first': 'noSuchCharge',
  'this charge already has a verdict; an appeal changes it': 'chargeHasVerdict',
  'an offence convicted is recorded only with a conviction': 'convictedOnlyWithConviction',
  'a conviction without a prosecution; record the prosecution first': 'withoutProsecution',
  'an acquittal without a prosecution; record the prosecution first': 'withoutProsecution',
  'no conviction is recorded for this suspect; record the verdict first': 'noConviction',
  'a fine needs its currency': 'fineCurrency',
  'there is no such verdict for this suspect; record the verdict before its appeal': 'noSuchVerdict',
  'there is no such appeal for this suspect; record the appeal first': 'noSuchAppeal',
  'this appeal was already decided': 'appealDecided',
  'the date must not be in the future': 'future',
};

const earlier: Record<string, string> = { 'first charge': 'charge', charge: 'charge', prosecution: 'prosecution', verdict: 'verdict', appeal: 'appeal' };

export function translateStepProblem(t: TFunction, date: (iso: string) => string, problem: string): string {
  const split = problem.indexOf(': ');
  const kind = split > 0 ? stepOfPhrase.get(problem.slice(0, split)) : undefined;
  if (kind === undefined) return translateProblem(t, problem);
  const rest = problem.slice(split + 2);
  const step = t(`prosecution.steps.${kind}`);
  const key = fixed[rest];
  if (key) return t('prosecution.stepProblem', { step, problem: t(`prosecution.problems.${key}` as 'prosecution.problems.future') });
  const before = rest.match(/^the date (\S+) is before (?:the (.+) it follows|its (verdict)) \((\S+)\)$/);
  if (before) {
    const [, when = '', what = '', its = '', then = ''] = before;
    const earlierKind = earlier[what || its] ?? 'prosecution';
    return t('prosecution.stepProblem', {
      step,
      problem: t('prosecution.problems.dateBefore', { date: date(when), earlier: t(`prosecution.steps.${earlierKind}` as 'prosecution.steps.arrest'), then: date(then) }),
    });
  }
  return t('prosecution.stepProblem', { step, problem: translateProblem(t, rest) });
}

export function localiseStepIssues(t: TFunction, date: (iso: string) => string, issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.map((issue) => ({ field: issue.field, problem: translateStepProblem(t, date, issue.problem) }));
}

/** Runs a request and puts the server's refusals into the reader's language before the form shows them. */
export async function translatingRefusals<T>(t: TFunction, date: (iso: string) => string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (caught) {
    if (caught instanceof ApiError && caught.issues.length > 0) {
      throw new ApiError(caught.status, caught.code, caught.message, localiseStepIssues(t, date, caught.issues));
    }
    throw caught;
  }
}
