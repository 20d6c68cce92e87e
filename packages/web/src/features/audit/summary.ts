import type { TFunction } from 'i18next';

/**
 * The summaries the server writes (short English technical notes, never personal data) said again in the reader's
 * language, for the ones people meet most. A summary not listed here is shown as recorded, marked as English.
 */
type Rule = readonly [RegExp, (t: TFunction, match: RegExpMatchArray) => string];

const fieldLabel = (t: TFunction, field: string) =>
  field === 'displayName' ? t('users.displayName') : field === 'email' ? t('users.email') : field === 'name' ? t('organisations.name') : field === 'jurisdictions' ? t('organisations.jurisdictions') : field === 'active' ? t('users.colStatus') : field;

const rules: readonly Rule[] = [
  [/^(\d+) entries read; filters: (.+)$/, (t, m) => t('audit.summaries.entriesRead', { count: Number(m[1]) })],
  [/^password accepted; next: active$/, (t) => t('audit.summaries.passwordAccepted')],
  [/^password accepted; next: two_factor_required$/, (t) => t('audit.summaries.passwordAcceptedCode')],
  [/^password accepted; next: two_factor_enrolment_required$/, (t) => t('audit.summaries.passwordAcceptedEnrol')],
  [/^code accepted; session active$/, (t) => t('audit.summaries.codeAccepted')],
  [/^new authenticator secret issued$/, (t) => t('audit.summaries.enrolmentStarted')],
  [/^signed out$/, (t) => t('audit.summaries.signedOut')],
  [/^(\d+) sessions ended$/, (t, m) => t('audit.summaries.sessionsEnded', { count: Number(m[1]) })],
  [/^refused: wrong password \((\d+) consecutive failures\)$/, (t, m) => t('audit.summaries.wrongPassword', { count: Number(m[1]) })],
  [/^refused: no account with that e-mail address$/, (t) => t('audit.summaries.noAccount')],
  [/^case (\S+) opened$/, (t, m) => t('audit.summaries.caseOpened', { reference: m[1] })],
  [/^changed: (.+)$/, (t, m) => t('audit.summaries.changed', { fields: (m[1] ?? '').split(', ').map((f) => fieldLabel(t, f)).join(', ') })],
  [/^roles .+ -> .+; (\d+) sessions ended(; two factors to be set up at next sign-in)?$/, (t, m) => t(m[2] ? 'audit.summaries.rolesChangedEnrol' : 'audit.summaries.rolesChanged', { count: Number(m[1]) })],
  [/^account deactivated; (\d+) sessions ended$/, (t, m) => t('audit.summaries.deactivated', { count: Number(m[1]) })],
  [/^account reactivated$/, (t) => t('audit.summaries.reactivated')],
  [/^(account unlocked; )?failed attempts cleared$/, (t) => t('audit.summaries.unlocked')],
  [/^one-time reset code issued, sent by e-mail/, (t) => t('audit.summaries.resetCodeSent')],
  [/^one-time reset code issued, shown once/, (t) => t('audit.summaries.resetCodeShown')],
  [/^new password set with a reset code; (\d+) sessions ended$/, (t, m) => t('audit.summaries.passwordSetWithCode', { count: Number(m[1]) })],
  [/^refused: (wrong reset code|reset code expired|reset code already used|no reset code issued)/, (t) => t('audit.summaries.resetCodeRefused')],
  [/^authenticator removed by an administrator; (\d+) sessions ended/, (t, m) => t('audit.summaries.authenticatorRemoved', { count: Number(m[1]) })],
  [/^user created with roles /, (t) => t('audit.summaries.userCreated')],
  [/^person record viewed$/, (t) => t('audit.summaries.personViewed')],
  [/^refused by access rules$/, (t) => t('audit.summaries.refusedByRules')],
  [/^person recorded; /, (t) => t('audit.summaries.personRecorded')],
  [/^case closed with a reason$/, (t) => t('audit.summaries.caseClosed')],
  [/^case manager assigned$/, (t) => t('audit.summaries.caseManagerAssigned')],
  [/^consent for \S+: \w+$/, (t) => t('audit.summaries.consentRecorded')],
  [/^\w+ added to case (\S+)/, (t, m) => t('audit.summaries.recordAdded', { reference: m[1] })],
  [/^\w+ referral of case (\S+) accepted$/, (t, m) => t('audit.summaries.referralAccepted', { reference: m[1] })],
  [/^referral of case (\S+) declined with a reason/, (t, m) => t('audit.summaries.referralDeclined', { reference: m[1] })],
  [/^referral of case (\S+) withdrawn/, (t, m) => t('audit.summaries.referralWithdrawn', { reference: m[1] })],
  [/^service delivered on referral of case (\S+)/, (t, m) => t('audit.summaries.serviceDelivered', { reference: m[1] })],
  [/^\w+ referral of case (\S+) to organisation /, (t, m) => t('audit.summaries.referralSent', { reference: m[1] })],
  [/^listed (\d+) persons /, (t, m) => t('audit.summaries.personsListed', { count: Number(m[1]) })],
  [/^organisation of type (\w+) created$/, (t, m) => t('audit.summaries.organisationCreated', { type: t(`organisationTypes.${m[1] ?? ''}` as 'organisationTypes.ngo') })],
];

/** The summary in the reader's language, or undefined when it is not one of the known kinds. */
export function summarySentence(t: TFunction, summary: string): string | undefined {
  for (const [pattern, say] of rules) {
    const match = summary.match(pattern);
    if (match) return say(t, match);
  }
  return undefined;
}
