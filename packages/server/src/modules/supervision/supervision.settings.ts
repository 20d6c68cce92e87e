import { approvalKinds, type ApprovalKind, type ApprovalSettings } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';

/** The country's choice of what a caseworker's work waits for a supervisor to approve. */
export async function approvalSettingsOf(db: Db): Promise<ApprovalSettings> {
  const row = await db.selectFrom('country_settings').select('approval_required_for').where('id', '=', 1).executeTakeFirst();
  const stored = new Set(row?.approval_required_for ?? []);
  return { approvalRequiredFor: approvalKinds.filter((kind) => stored.has(kind)) };
}

export async function setApprovalSettings(db: Db, actor: Actor, input: ApprovalSettings): Promise<ApprovalSettings> {
  return db.transaction().execute(async (tx) => {
    const before = await approvalSettingsOf(tx);
    const kinds = approvalKinds.filter((kind) => input.approvalRequiredFor.includes(kind));
    await tx.updateTable('country_settings').set({ approval_required_for: kinds, updated_at: new Date() }).where('id', '=', 1).execute();
    const words = (list: readonly string[]) => (list.length === 0 ? 'none' : list.join(', '));
    await appendAudit(tx, actor, {
      action: 'settings.approvals_set',
      purpose: 'administration',
      summary: `approval required for: ${words(before.approvalRequiredFor)} -> ${words(kinds)}`,
    });
    return { approvalRequiredFor: kinds };
  });
}

/**
 * Does this user's action of this kind wait for a supervisor? Only a caseworker's (a supervisor approves her own
 * work by doing it), and only where the country asks for approval of that kind.
 */
export async function approvalRequired(db: Db, subject: Subject, kind: ApprovalKind): Promise<boolean> {
  if (!subject.roles.includes('caseworker') || subject.roles.includes('supervisor')) return false;
  return (await approvalSettingsOf(db)).approvalRequiredFor.includes(kind);
}
