import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api';
import { describeError } from '../../app/errors';

/**
 * The case API's own problem phrases and error codes, translated. The shared translator (app/errors.ts) knows the
 * general phrases; these are added here, and anything else is passed on unchanged for it.
 */
const caseProblems: Record<string, (t: TFunction) => string> = {
  'give a name, a birth date or a case number': (t) => t('caseProblems.searchCriteria'),
  'must contain at least two letters': (t) => t('caseProblems.twoLetters'),
  'must explain the decision (at least 10 characters)': (t) => t('problems.minChars', { min: 10 }),
  'must give a reason': (t) => t('caseProblems.reason'),
  'must be an E.164 phone number such as +442071234567': (t) => t('caseProblems.phone'),
  'must be an ISO 3166-1 alpha-2 code such as NG': (t) => t('caseProblems.country'),
  'is required for consent to referral: name the organisation': (t) => t('caseProblems.referralTarget'),
  'only applies to consent to referral': (t) => t('caseProblems.targetOnlyReferral'),
  'must be an active competent-authority organisation': (t) => t('caseProblems.competentAuthority'),
  'is required for a service referral': (t) => t('problems.required'),
  'must not be before deliveredFrom': (t) => t('problems.dateOrder'),
  'must not be before startDate': (t) => t('problems.dateOrder'),
  'must not be before from': (t) => t('problems.dateOrder'),
  'must not be empty': (t) => t('problems.required'),
  'must not be in the future': (t) => t('caseProblems.future'),
  'must be an active organisation': (t) => t('caseProblems.activeOrganisation'),
  'must assess at least one need': (t) => t('caseProblems.oneNeed'),
  'cannot be urgent when there is no need': (t) => t('caseProblems.urgentWithoutNeed'),
  'must be true: the person chooses their own goals': (t) => t('caseProblems.ownGoals'),
  'is required when the follow-up was completed': (t) => t('caseProblems.wellbeingRequired'),
  'applies only to a completed follow-up': (t) => t('caseProblems.wellbeingOnlyCompleted'),
  'must be true: a return is only ever voluntary': (t) => t('caseProblems.voluntaryReturn'),
  'must be given when proceedings have concluded': (t) => t('caseProblems.outcomeRequired'),
  'must be an ISO 4217 currency code such as EUR': (t) => t('caseProblems.currency'),
  'must be a decimal amount such as 1500.00': (t) => t('caseProblems.amount'),
  'does not apply to permanent residence': (t) => t('caseProblems.permanentResidence'),
  'must be an assistance goal of this case': (t) => t('problems.choose'),
  'the organisation is not active': (t) => t('problems.organisationInactive'),
  'must be another organisation than the one managing the case': (t) => t('caseProblems.otherOrganisation'),
  'must be an organisation that provides assistance (it has no caseworkers to receive a referral)': (t) => t('caseProblems.assistingOrganisation'),
  'is required to transfer case management (the case version you read)': (t) => t('caseProblems.stale'),
};

/** Problems that name a value of the request ("is required when the claim is awarded"). */
function patternProblem(t: TFunction, problem: string): string | undefined {
  if (/^is required when the claim is /.test(problem)) return t('caseProblems.awardRequired');
  if (/^does not apply when the claim is /.test(problem)) return t('caseProblems.awardNotApplicable');
  return undefined;
}

function translateCaseProblem(t: TFunction, problem: string): string {
  return caseProblems[problem]?.(t) ?? patternProblem(t, problem) ?? problem;
}

/** Error codes of refusals that are not about one field (409 and friends), as sentences. */
function sentenceFor(t: TFunction, error: ApiError): string | undefined {
  if (isStaleVersion(error)) return t('caseProblems.stale');
  switch (error.code) {
    case 'consent_required':
      return t('caseProblems.consentRequired');
    case 'impossible_transition':
      return t('caseProblems.impossibleTransition');
    case 'no_possible_match':
      return t('caseProblems.noPossibleMatch');
    case 'not_applicable':
      return t('caseProblems.notApplicable');
    case 'not_found':
      return t('caseProblems.notFound');
    case 'conflict':
      return t('caseProblems.conflict');
    case 'referral_open':
      return t('caseProblems.referralOpen');
    case 'consent_withdrawn':
      return t('caseProblems.consentWithdrawn');
    case 'share_revoked':
      return t('caseProblems.shareRevoked');
    case 'case_closed':
      return t('caseProblems.caseClosed');
    case 'not_a_child':
      return t('caseProblems.notAChild');
    case 'already_corrected':
      return t('caseProblems.alreadyCorrected');
    case 'risk_assessment_required':
      return t('caseProblems.riskAssessmentRequired');
    case 'best_interests_assessment_required':
      return t('caseProblems.bestInterestsRequired');
    case 'return_not_in_best_interests':
      return t('caseProblems.returnNotInBestInterests');
    default:
      return undefined;
  }
}

/** The case was changed by someone else since the person read it (the version they sent is old). */
export function isStaleVersion(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && /changed by someone else/i.test(error.message);
}

/**
 * The same error with its problems in the reader's language. A refusal that names no field becomes one issue without
 * a field, which the form's error summary shows as a sentence of its own.
 */
export function localiseCaseError(t: TFunction, error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  if (error.issues.length > 0) {
    const issues = error.issues.map((issue) => ({ field: issue.field, problem: translateCaseProblem(t, issue.problem) }));
    return new ApiError(error.status, error.code, error.message, issues);
  }
  const sentence = sentenceFor(t, error);
  return sentence === undefined ? error : new ApiError(error.status, error.code, error.message, [{ field: '', problem: sentence }]);
}

/** Client-side issues, translated the same way. */
export function localiseIssues(t: TFunction, issues: ReadonlyArray<{ field: string; problem: string }>) {
  return issues.map((issue) => ({ field: issue.field, problem: translateCaseProblem(t, issue.problem) }));
}

/** One sentence for an error outside a form (a button's action). */
export function describeCaseError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.issues.length === 0) return sentenceFor(t, error) ?? describeError(t, error);
  return describeError(t, localiseCaseError(t, error));
}
