import { z } from 'zod';
import { isoDateTime, uuid } from './common.js';

export const auditQuery = z.object({
  userId: uuid.optional(),
  recordId: z.string().max(100).optional(),
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
  action: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  purpose: z.string(),
  summary: z.string(),
  outcome: z.enum(['allowed', 'denied', 'failed']),
});
export type AuditEntryView = z.infer<typeof auditEntryView>;
export const auditList = z.object({ entries: z.array(auditEntryView) });

export const auditVerifyResponse = z.object({
  ok: z.boolean(),
  entriesChecked: z.number().int(),
  firstBadSeq: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export type AuditVerifyResponse = z.infer<typeof auditVerifyResponse>;
