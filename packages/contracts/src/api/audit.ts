import { z } from 'zod';
import { auditActions } from '../vocabularies/audit.js';
import { isoDateTime, uuid } from './common.js';

export const auditQuery = z.object({
  userId: uuid.optional(),
  recordId: z.string().max(100).optional(),
  /** The case number people use (`PAL-2026-000123`): every entry about the case, its person, records and referrals. */
  caseReference: z.string().trim().min(1, 'is required').max(40, 'is too long').optional(),
  action: z.enum(auditActions, { error: 'is not an action the audit log records' }).optional(),
  /** The organisation of the person who acted. */
  organisationId: uuid.optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  /** Entries with a sequence number below this one (for paging backwards). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.input<typeof auditQuery>;

export const auditEntryView = z.object({
  seq: z.number().int(),
  occurredAt: isoDateTime,
  actorUserId: uuid.nullable(),
  actorName: z.string().nullable(),
  organisationId: uuid.nullable(),
  /** The acting organisation's name, when it is known. */
  organisationName: z.string().nullable(),
  action: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  /** The case number of the case the entry is about (a case, its person, a record of it, a referral of it), if any. */
  caseReference: z.string().nullable(),
  /** The name of the staff account or organisation the entry is about, when it is one (never a person's name). */
  recordName: z.string().nullable(),
  purpose: z.string(),
  summary: z.string(),
  outcome: z.enum(['allowed', 'denied', 'failed']),
});
export type AuditEntryView = z.infer<typeof auditEntryView>;
export const auditList = z.object({
  entries: z.array(auditEntryView),
  /** Whether the case number searched for names a case (absent when none was searched for). */
  caseFound: z.boolean().optional(),
});
export type AuditList = z.infer<typeof auditList>;

/** A signed checkpoint of the audit chain's head, for an administrator to write down and keep outside the machine. */
export const auditCheckpointView = z.object({
  seq: z.number().int(),
  headHash: z.string(),
  entryCount: z.number().int(),
  createdAt: isoDateTime,
  keyId: z.string(),
  /** Ed25519 public key (base64 SubjectPublicKeyInfo DER) that checks the signature. */
  publicKey: z.string(),
});
export type AuditCheckpointView = z.infer<typeof auditCheckpointView>;
export const auditCheckpointResponse = z.object({
  checkpoint: auditCheckpointView.nullable(),
  /** Why the newest checkpoint file could not be used (altered, signed by an unknown key), if so. */
  problem: z.string().nullable(),
});
export type AuditCheckpointResponse = z.infer<typeof auditCheckpointResponse>;

export const auditVerifyResponse = z.object({
  ok: z.boolean(),
  /** Chain intact and every entry not marked forged authentic (forged entries were sealed as such and alerted). */
  chainIntact: z.boolean(),
  entriesChecked: z.number().int(),
  firstBadSeq: z.number().int().nullable(),
  problem: z.string().nullable(),
  forgedCount: z.number().int(),
  forgedEntries: z.array(z.number().int()),
  headSeq: z.number().int().nullable(),
  headHash: z.string().nullable(),
  /** The checkpoint the log was compared with (the newest signed one), and whether the log still holds it. */
  checkpoint: z.object({ seq: z.number().int(), createdAt: isoDateTime, matches: z.boolean() }).nullable(),
});
export type AuditVerifyResponse = z.infer<typeof auditVerifyResponse>;

/**
 * Alerts for the readers of the audit log: an entry that failed authentication, a failed periodic verification, a
 * chain that no longer matches a signed checkpoint, a user running many possible-duplicate checks.
 */
export const auditAlertKinds = ['audit.forged_entry', 'audit.verification_failed', 'audit.checkpoint_mismatch', 'match.check_rate'] as const;
export const auditAlertKind = z.enum(auditAlertKinds);
export type AuditAlertKind = z.infer<typeof auditAlertKind>;

export const auditAlertView = z.object({
  id: uuid,
  kind: auditAlertKind,
  /** A technical description without personal data (counts, sequence numbers, the problem found). */
  summary: z.string(),
  actorUserId: uuid.nullable(),
  organisationId: uuid.nullable(),
  raisedAt: isoDateTime,
  acknowledgedAt: isoDateTime.nullable(),
  acknowledgedBy: uuid.nullable(),
});
export type AuditAlertView = z.infer<typeof auditAlertView>;

export const auditAlertsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  includeAcknowledged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type AuditAlertsQuery = z.input<typeof auditAlertsQuery>;
export const auditAlertList = z.object({ alerts: z.array(auditAlertView) });
export type AuditAlertList = z.infer<typeof auditAlertList>;
