import type { CaseBriefTextRequest, DocumentLanguage, SherlocBrief } from '@palermo/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { visibleFields } from '../../platform/access/field-policy.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { notFound, type HttpError } from '../../platform/http/errors.js';
import { buildBrief, caseBriefTextBinding, findBriefText } from './case-brief.build.js';
import { caseBriefRules, prosecutionCaseBriefFieldPolicy } from './case-brief.fields.js';
import { briefPdf } from './case-brief.pdf.js';
import * as repo from './prosecution.repo.js';

const today = () => new Date().toISOString().slice(0, 10);

/** Audits a refusal on an operation that exists (one the user may not reach), and returns the 404. */
async function refused(tx: Db, actor: Actor, action: string, operationId: string): Promise<HttpError> {
  if (await repo.operationExists(tx, operationId)) {
    await appendAudit(tx, actor, { action, recordType: 'prosecution_operation', recordId: operationId, purpose: 'prosecution', summary: 'refused by access rules', outcome: 'denied' });
  }
  return notFound('Operation');
}

/**
 * Produces an operation's case brief (JSON, or a PDF in the language chosen), audited as its production. What the
 * user may see of it is the field policy's; every field is de-identified by construction (case-brief.build.ts).
 */
export async function produceBrief(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, operationId: string, format: 'json'): Promise<SherlocBrief | HttpError>;
export async function produceBrief(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, operationId: string, format: 'pdf', language: DocumentLanguage): Promise<{ bytes: Buffer; fileName: string } | HttpError>;
export async function produceBrief(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, operationId: string, format: 'json' | 'pdf', language: DocumentLanguage = 'en') {
  const brief = await buildBrief(tx, cipher, subject, operationId);
  if (!brief) return refused(tx, actor, 'prosecution.brief_export', operationId);
  const [operation] = await repo.findOperations(tx, subject, caseBriefRules.read, operationId);
  const visible = visibleFields(prosecutionCaseBriefFieldPolicy, subject, repo.factsOf(operation?.organisation_id ?? '', operation?.offices ?? [], operation?.courts ?? []));
  if (!visible.has('records')) return refused(tx, actor, 'prosecution.brief_export', operationId);
  await appendAudit(tx, actor, {
    action: 'prosecution.brief_export',
    recordType: 'prosecution_operation',
    recordId: operationId,
    purpose: 'prosecution',
    summary: `case brief as ${format === 'pdf' ? `PDF (${language})` : 'JSON'}: ${brief.defendants.length} defendant(s), ${brief.victims.total} victim(s) counted; text ${brief.text.status}`,
  });
  if (format === 'json') return brief;
  return { bytes: await briefPdf(brief, language), fileName: `case-brief-${brief.reference}-${language}.pdf` };
}

/**
 * Writes the brief's text for publication (a prosecutor of the office referred to): encrypted, one row per
 * operation, its version counted. Approval is recorded with the approver and the day; a draft clears it.
 */
export async function writeBriefText(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, operationId: string, input: CaseBriefTextRequest): Promise<{ id: string } | HttpError> {
  const [operation] = await repo.findOperations(tx, subject, caseBriefRules.write, operationId);
  const visible = operation ? visibleFields(prosecutionCaseBriefFieldPolicy, subject, repo.factsOf(operation.organisation_id, operation.offices, operation.courts)) : new Set<string>();
  if (!operation || !visible.has('factSummary')) return refused(tx, actor, 'prosecution.brief_text_write', operationId);
  const existing = await findBriefText(tx, operationId, true);
  const text = cipher.encrypt(JSON.stringify({ caseName: input.caseName, caseNumber: input.caseNumber, factSummary: input.factSummary, commentary: input.commentary }), caseBriefTextBinding(operationId));
  const approved = input.status === 'approved_for_publication';
  await sql`
    insert into prosecution_case_briefs (operation_id, text, country, status, approved_by, approved_on, updated_by, updated_at, version)
    values (${operationId}::uuid, ${text}, ${input.country}, ${input.status}, ${approved ? subject.userId : null}::uuid, ${approved ? today() : null}::date, ${subject.userId}::uuid, now(), 1)
    on conflict (operation_id) do update set text = excluded.text, country = excluded.country, status = excluded.status, approved_by = excluded.approved_by,
      approved_on = excluded.approved_on, updated_by = excluded.updated_by, updated_at = now(), version = prosecution_case_briefs.version + 1`.execute(tx);
  await appendAudit(tx, actor, {
    action: 'prosecution.brief_text_write',
    recordType: 'prosecution_operation',
    recordId: operationId,
    purpose: 'prosecution',
    summary: `${existing ? `version ${existing.version + 1}` : 'first version'}; status ${input.status}`,
  });
  return { id: operationId };
}

