/**
 * Every core field of HTCDS v2.0 (data-standard.md §1.2, the fields marked C, the two deprecated ones included) and
 * where Palermo keeps it: `full` when a place holds the field as HTCDS defines it, `partial` when it holds part of it
 * or in another shape, `none` when Palermo does not keep it (the note says why). Locations are `table.column`, with
 * `:key` for a key of a JSON column or a kind of record (`case_records.data:risk_assessment`). Code lists that
 * differ are mapped by the crosswalks of this folder; the server's standards-coverage test checks that every location
 * exists and renders docs/standards-coverage.md from this list.
 */

export type Coverage = 'full' | 'partial' | 'none';

export interface FieldCoverage {
  readonly coverage: Coverage;
  /** Where Palermo keeps it: `table.column` or `table.column:key`. Empty when `none`. */
  readonly at: readonly string[];
  /** How, or why not. Required for `partial` and `none`. */
  readonly note?: string;
}

export interface HtcdsFieldCoverage extends FieldCoverage {
  readonly field: string;
  readonly label: string;
  readonly deprecated?: true;
}

const full = (field: string, label: string, at: readonly string[], note?: string): HtcdsFieldCoverage => ({ field, label, coverage: 'full', at, ...(note ? { note } : {}) });
const partial = (field: string, label: string, at: readonly string[], note: string): HtcdsFieldCoverage => ({ field, label, coverage: 'partial', at, note });
const none = (field: string, label: string, note: string): HtcdsFieldCoverage => ({ field, label, coverage: 'none', at: [], note });

const ADDRESS = 'the address is kept as one encrypted text, not in parts';

export const htcdsCoreFieldCoverage: readonly HtcdsFieldCoverage[] = [
  // prs_ Person
  none('prs_Salutation', 'Salutation', 'not asked: a form of address says nothing the case needs, and gender is kept on its own'),
  full('prs_FirstName', 'First name', ['persons.given_name']),
  full('prs_SecondName', 'Family name', ['persons.family_name']),
  full('prs_Birthdate', 'Date of birth', ['persons.birth_date']),
  full('prs_Gender', 'Gender', ['persons.gender'], 'HTCDS codes; CTDC and GLOTIP through crosswalks/sex.ts'),
  full('prs_Citizenship', 'Citizenship', ['persons.citizenships'], 'several, ISO 3166-1 alpha-2'),
  partial('prs_Title', "Position in an organisation", ['users.roles'], "for staff, Palermo keeps the role in the platform, not a job title; for a survivor it does not apply"),
  partial('prs_Email', 'E-mail', ['person_profiles.safe_contact:email'], 'kept only as a safe way to contact her'),
  partial('prs_HomePhone', 'Home phone', ['persons.phone', 'person_profiles.safe_contact:phone'], 'one phone number; home and mobile are not told apart'),
  full('prs_MobilePhone', 'Mobile phone', ['persons.phone', 'person_profiles.safe_contact:phone'], 'E.164'),
  partial('prs_MailingStreet', 'Mailing street', ['persons.address'], ADDRESS),
  partial('prs_MailingCity', 'Mailing city', ['persons.address'], ADDRESS),
  partial('prs_MailingState', 'Mailing state', ['persons.address'], ADDRESS),
  partial('prs_MailingPostalCode', 'Mailing postal code', ['persons.address'], ADDRESS),
  partial('prs_MailingCountry', 'Mailing country', ['persons.address'], ADDRESS),
  // vic_ Victim context
  full('vic_TraffickingStatus', 'Trafficking status', ['cases.trafficking_status']),
  partial(
    'vic_TraffickingStatusDecisionMakingOrg',
    'Type of body that decided the status',
    ['status_decisions.organisation_id', 'organisations.type'],
    'the deciding organisation is kept; the HTCDS category follows from its type (crosswalks/decision-making-org.ts)',
  ),
  full('vic_MethodOfRecruitment', 'Method of recruitment', ['account_situations.data:recruitmentMethods']),
  full('vic_LocationOfRecruitment', 'Location of recruitment', ['account_situations.data:places', 'account_situations.personal:placeTexts'], 'country (structured) and place (encrypted) of each place with stage Recruitment'),
  full('vic_MethodsOfControl', 'Methods of control', ['account_situations.data:methodsOfControl'], 'HTCDS picklist plus the two defined methods it lacks; CTDC through crosswalks/means-of-control.ts'),
  full('vic_TypeOfExploitation', 'Type of exploitation', ['cases.forms_of_exploitation', 'account_situations.data:forms']),
  full('vic_ForcedLabourIndustry', 'Forced labour industry', ['account_situations.data:labourIndustries'], 'ISIC sections; CTDC through crosswalks/labour-sector.ts'),
  full('vic_TypeOfSexExploitation', 'Type of sexual exploitation', ['account_situations.data:sexualExploitationTypes']),
  full('vic_LocationOfExploitation', 'Location of exploitation', ['cases.country_of_exploitation', 'account_situations.data:places', 'account_situations.personal:placeTexts']),
  {
    ...partial('vic_Vulnerabilities', 'Vulnerabilities', ['case_records.data:needs_assessment', 'case_records.data:risk_assessment'], 'deprecated in v2.0 for assessment and planning, which Palermo keeps as needs and risk assessments'),
    deprecated: true,
  },
  { ...partial('vic_DetailsOfVulnerabilities', 'Details of vulnerabilities', ['case_records.notes'], 'deprecated in v2.0; the notes of the assessments'), deprecated: true },
  // cas_ Case and referrals
  full('cas_Status', 'Case status', ['cases.status'], 'HTCDS value names'),
  full('cas_ReasonForCaseClosure', 'Reason for closure', ['cases.closure_reason']),
  full('cas_CaseOwner', 'Case owner', ['cases.case_manager_user_id']),
  full('cas_ReferringOrganisation', 'Referring organisation', ['cases.reported_by_organisation_id']),
  full('cas_IncomingReferralDate', 'Incoming referral date', ['referrals.accepted_at']),
  full('cas_ReferringPrimaryCaseWorker', 'Referring case worker', ['referrals.sent_by']),
  partial('cas_ReasonForIncomingReferral', 'Reason for incoming referral', ['referrals.kind', 'referrals.service'], 'the service asked for, or a hand-over of case management, rather than the HTCDS reason list'),
  full('cas_IncomingReferralDetails', 'Incoming referral details', ['referrals.message']),
  full('cas_ReferredOrganisation', 'Referred organisation', ['referrals.to_organisation_id'], 'several referrals per case'),
  partial('cas_ReferredPrimaryCaseWorker', 'Referred case worker', ['referrals.accepted_by'], 'the person who accepted, known once accepted, not named when referring'),
  partial('cas_ReasonForOutgoingReferral', 'Reason for outgoing referral', ['referrals.kind', 'referrals.service'], 'the service asked for, or a hand-over of case management, rather than the HTCDS reason list'),
  full('cas_OutgoingReferralDate', 'Outgoing referral date', ['referrals.sent_at']),
  full('cas_OutgoingReferralDetails', 'Outgoing referral details', ['referrals.message']),
  // con_ Consent
  full('con_Consent', 'Consent', ['consent_events.purpose', 'consent_events.rights_explained'], 'one consent per purpose, with the rights explained, rather than one flag'),
];
