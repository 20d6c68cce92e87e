import type { TFunction } from 'i18next';
import { organisationTypes, roles, type OrganisationType, type Role } from '@palermo/contracts';
import { ApiError } from './api';
import { documentProblemOf } from '../features/documents/problems';

const isRole = (value: string | undefined): value is Role => (roles as readonly string[]).includes(value ?? '');
const isOrganisationType = (value: string | undefined): value is OrganisationType =>
  (organisationTypes as readonly string[]).includes(value ?? '');

/** Problems phrased exactly as the contracts and the server phrase them, and their translations. */
const fixedProblems: Record<string, (t: TFunction) => string> = {
  'is required': (t) => t('problems.required'),
  'must be an e-mail address': (t) => t('problems.email'),
  'must be six digits': (t) => t('problems.sixDigits'),
  'must name at least one role': (t) => t('problems.oneRole'),
  'must choose at least one': (t) => t('problems.chooseOne'),
  'must be one of the listed options': (t) => t('problems.choose'),
  'must be a valid identifier': (t) => t('problems.identifier'),
  'is not valid': (t) => t('problems.invalid'),
  'date order': (t) => t('problems.dateOrder'),
  'passwords differ': (t) => t('problems.passwordsDiffer'),
  'code rejected': (t) => t('errors.invalidCode'),
  'a user with this e-mail address already exists': (t) => t('problems.emailTaken'),
  'an organisation with this name already exists': (t) => t('problems.nameTaken'),
  'no such organisation': (t) => t('problems.noSuchOrganisation'),
  'the organisation is deactivated': (t) => t('problems.organisationInactive'),
  'you cannot deactivate yourself or remove your own administrator role': (t) => t('problems.notYourself'),
  'must not be in the future': (t) => t('problems.notFuture'),
  'must not be in the past': (t) => t('problems.notPast'),
  'must be a date (year, month and day)': (t) => t('problems.date'),
  'must be an E.164 phone number such as +442071234567': (t) => t('problems.phone'),
  'must be an ISO 3166-1 alpha-2 code such as NG': (t) => t('problems.countryCode'),
  'is not a country code in ISO 3166-1': (t) => t('problems.noSuchCountry'),
  'must answer at least one indicator': (t) => t('problems.screeningEmpty'),
  'must be the twelve letters and digits of the reset code': (t) => t('problems.resetCodeForm'),
  'the reset code is wrong, was already used or has expired': (t) => t('problems.resetCodeRefused'),
  'you cannot deactivate your own account': (t) => t('problems.notYourself'),
  'you are the last national administrator: name another one before giving up the role': (t) => t('problems.lastNationalAdmin'),
  'you cannot remove your own administrator role; another administrator can': (t) => t('problems.ownAdminRole'),
  'the organisation is deactivated: reactivate the organisation first': (t) => t('problems.organisationInactive'),
  'the account is deactivated: reactivate it first': (t) => t('problems.accountInactive'),
  'you cannot reset your own password here': (t) => t('problems.ownPassword'),
  'you cannot reset your own authenticator here': (t) => t('problems.ownAuthenticator'),
  'is not an action the audit log records': (t) => t('problems.choose'),
};

/** Translates one of the plain-English "problem" phrases used by the contracts (server and client alike). */
export function translateProblem(t: TFunction, problem: string): string {
  const fixed = fixedProblems[problem];
  if (fixed) return fixed(t);
  let match: RegExpMatchArray | null;
  if ((match = problem.match(/^must be at least (\d+) characters$/))) return t('problems.minChars', { min: match[1] });
  if ((match = problem.match(/^must be at most (\d+) characters$/))) return t('problems.maxChars', { max: match[1] });
  if ((match = problem.match(/^(\w+) cannot be held in an organisation of type (\w+)$/))) {
    const [, role, type] = match;
    if (isRole(role) && isOrganisationType(type)) {
      return t('problems.roleNotAllowedIn', { role: t(`roles.${role}`), type: t(`organisationTypes.${type}`) });
    }
  }
  if ((match = problem.match(/^only a national administrator can grant (\w+)$/))) {
    const role = match[1];
    if (isRole(role)) return t('problems.roleNationalOnly', { role: t(`roles.${role}`) });
  }
  const documentProblem = documentProblemOf(problem);
  if (documentProblem) return t(`documents.problems.${documentProblem}`);
  // Something the contracts do not list: show the server's own words.
  return problem;
}

/** A sentence for the person using the app, for any error a request can end in. */
export function describeError(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected');
  if (error.issues.length > 0) {
    return [t('errors.validation'), ...error.issues.map((issue) => translateProblem(t, issue.problem))].join(' ');
  }
  switch (error.code) {
    case 'network':
      return t('errors.network');
    case 'bad_response':
      return t('errors.badResponse');
    case 'validation':
      return t('errors.validation');
    case 'unauthenticated':
      return t('errors.unauthenticated');
    case 'forbidden':
      return t('errors.forbidden');
    case 'csrf':
      return t('errors.csrf');
    case 'invalid_credentials':
      return t('errors.invalidCredentials');
    case 'account_locked':
      return t('errors.accountLocked');
    case 'too_many_requests':
      return t('errors.tooManyRequests');
    case 'invalid_code':
      return t('errors.invalidCode');
    case 'mail_failed':
      return t('errors.mailFailed');
    default:
      break;
  }
  if (error.status === 403) return t('errors.forbidden');
  if (error.status === 404) return t('errors.notFound');
  if (error.status === 409) return t('errors.conflict', { message: error.message });
  if (error.status === 423) return t('errors.accountLocked');
  if (error.status >= 500) return t('errors.server');
  return t('errors.other', { message: error.message });
}
