/**
 * What the audit log records, as closed vocabularies: every action the server writes, every purpose an access can
 * serve, every kind of record an entry can name. The web shows each one in the reader's language (with the code kept
 * beside it for searching), and a server test fails when the server writes a code missing from these lists.
 */
export const auditActions = [
  'audit.alert_acknowledged',
  'audit.alert_raised',
  'audit.alerts_read',
  'audit.read',
  'auth.account_locked',
  'auth.sign_in',
  'auth.sign_out',
  'auth.sign_out_everywhere',
  'auth.two_factor',
  'auth.two_factor_enrolled',
  'auth.two_factor_enrolment_started',
  'auth.two_factor_reset',
  'backup.created',
  'backup.restored',
  'case.close',
  'case.decide',
  'case.list',
  'case.measure_done',
  'case.open',
  'case.read',
  'case.screen',
  'case.search',
  'case.share',
  'case.transfer',
  'case_record.add',
  'case_record.read',
  'consent.record',
  'consent.withdraw',
  'demo.generate_cases',
  'directory.create',
  'directory.update',
  'directory.verify',
  'estimation.from_cases',
  'estimation.from_upload',
  'indicator_checklist.publish',
  'keys.rotate',
  'match.answer',
  'match.request',
  'organisation.create',
  'organisation.update',
  'person.assign',
  'person.consent',
  'person.create',
  'person.list',
  'person.match_check',
  'person.read',
  'reference_statistics.import',
  'referral.accept',
  'referral.complete',
  'referral.decline',
  'referral.list',
  'referral.send',
  'referral.withdraw',
  'release.budget_set',
  'release.create',
  'release.download',
  'release.refused',
  'setup.first_run',
  'sop.version_create',
  'statistical_records.export',
  'statistical_records.import',
  'statistical_records.refresh',
  'statistics.download',
  'statistics.options',
  'statistics.read',
  'user.create',
  'user.unlock',
  'user.update',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** Why an access happened: the purpose written with every audit entry. */
export const auditPurposes = [
  'administration',
  'case_management',
  'case_transfer',
  'deduplication',
  'identification',
  'identification_decision',
  'oversight',
  'referral',
  'security',
  'statistics',
] as const;
export type AuditPurpose = (typeof auditPurposes)[number];

/** The kinds of record an audit entry can name. */
export const auditRecordTypes = [
  'audit_alert',
  'case',
  'case_record',
  'directory_entry',
  'estimation',
  'indicator_checklist',
  'match_request',
  'organisation',
  'person',
  'reference_dataset',
  'referral',
  'release',
  'sop_version',
  'statistical_dataset',
  'user',
] as const;
export type AuditRecordType = (typeof auditRecordTypes)[number];

/** The locale key of an audit code: dots become underscores so that i18next does not read them as nesting. */
export function auditCodeKey(code: string): string {
  return code.replace(/\./g, '__');
}
