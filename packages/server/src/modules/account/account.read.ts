import {
  exploiterView,
  situationView,
  statementView,
  type AccountView,
  type ExploiterData,
  type ExploiterView,
  type SituationData,
  type SituationView,
  type StatementView,
} from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { presentFields } from '../../platform/access/field-policy.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { caseExists } from '../case/case.repo.js';
import {
  binding,
  decryptJson,
  joinExploiter,
  joinSituation,
  type ExploiterPersonal,
  type SituationPersonal,
  type StatementPersonal,
} from './account.crypto.js';
import * as repo from './account.repo.js';

const envelope = new Set(['id', 'caseId', 'version', 'updatedAt', 'updatedByName', 'history', 'suspectLinkId']);
const needsDecryption = (visible: ReadonlySet<string>, fields: readonly string[]) => fields.some((f) => visible.has(f));

/** A version's value through the record's grants (the envelope is the history entry's own). */
function presentValue<V extends object>(value: V, visible: ReadonlySet<string>): Partial<V> {
  return presentFields(value, new Set([...visible].filter((f) => !envelope.has(f))));
}

function historyOf<V extends object>(revisions: repo.RevisionRow[], recordId: string, value: (r: repo.RevisionRow) => Promise<V>, visible: ReadonlySet<string>) {
  return Promise.all(
    revisions
      .filter((r) => r.record_id === recordId)
      .map(async (r) => ({
        version: r.version,
        authorName: r.author_name,
        organisationName: r.organisation_name,
        changedAt: r.created_at.toISOString(),
        value: presentValue(await value(r), visible),
      })),
  );
}

/**
 * The account of a case as this user may see it, decrypting only the fields their grants show; every version in each
 * record's history passes through the same grants. Audited (counts and what was decrypted, never values); a refusal
 * on a case that exists is audited as denied. Undefined when the rules refuse.
 */
export async function readAccount(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string): Promise<AccountView | undefined> {
  const kase = await repo.findReadableCase(tx, subject, caseId);
  if (!kase) {
    if (await caseExists(tx, caseId)) {
      await appendAudit(tx, actor, { action: 'account.read', recordType: 'case', recordId: caseId, purpose: 'case_management', summary: 'account: refused by access rules', outcome: 'denied' });
    }
    return undefined;
  }
  const statementFields = new Set(kase.statement_fields);
  const situationFields = new Set(kase.situation_fields);
  const exploiterFields = new Set(kase.exploiter_fields);

  let statement: StatementView | null = null;
  if (statementFields.size > 0) {
    const row = await repo.statementOf(tx, caseId);
    if (row) {
      const decrypt = needsDecryption(statementFields, ['personAccount', 'responderReasons']);
      const value = decrypt ? await decryptJson<StatementPersonal>(cipher, tx, row.personal, binding('account_statements', 'personal', caseId)) : {};
      const history = statementFields.has('history')
        ? await historyOf(await repo.revisionsOf(tx, caseId, 'statement'), caseId, (r) => decryptJson<StatementPersonal>(cipher, tx, r.personal, binding('account_revisions', 'personal', r.id)), statementFields)
        : [];
      statement = presentFields(
        statementView.parse({ caseId, version: row.version, ...value, updatedAt: row.updated_at.toISOString(), updatedByName: row.updated_by_name, history }),
        statementFields,
      ) as StatementView;
    }
  }

  const situations: SituationView[] = [];
  if (situationFields.size > 0) {
    const rows = await repo.situationsOf(tx, caseId);
    const revisions = situationFields.has('history') && rows.length > 0 ? await repo.revisionsOf(tx, caseId, 'situation') : [];
    const decrypt = needsDecryption(situationFields, ['promised', 'places']);
    const none: SituationPersonal = { placeTexts: [] };
    for (const row of rows) {
      const personal = decrypt ? await decryptJson<SituationPersonal>(cipher, tx, row.personal, binding('account_situations', 'personal', row.id)) : none;
      const history = await historyOf(revisions, row.id, async (r) => joinSituation(r.data as SituationData, decrypt ? await decryptJson<SituationPersonal>(cipher, tx, r.personal, binding('account_revisions', 'personal', r.id)) : none), situationFields);
      const view = situationView.parse({
        id: row.id, caseId, version: row.version, ...joinSituation(row.data as SituationData, personal),
        updatedAt: row.updated_at.toISOString(), updatedByName: row.updated_by_name, history,
      });
      situations.push(presentFields(view, situationFields) as SituationView);
    }
  }

  const exploiters: ExploiterView[] = [];
  if (exploiterFields.size > 0) {
    const rows = await repo.exploitersOf(tx, caseId);
    const revisions = exploiterFields.has('history') && rows.length > 0 ? await repo.revisionsOf(tx, caseId, 'exploiter') : [];
    const showPseudonym = exploiterFields.has('pseudonym');
    const decrypt = needsDecryption(exploiterFields, ['identity', 'whereabouts', 'otherVictims']);
    for (const row of rows) {
      const pseudonym = showPseudonym ? await cipher.decrypt(row.pseudonym, binding('account_exploiters', 'pseudonym', row.id), tx) : '';
      const personal = decrypt ? await decryptJson<ExploiterPersonal>(cipher, tx, row.personal, binding('account_exploiters', 'personal', row.id)) : {};
      const history = await historyOf(revisions, row.id, async (r) => joinExploiter(
        r.kind ?? row.kind,
        showPseudonym && r.pseudonym ? await cipher.decrypt(r.pseudonym, binding('account_revisions', 'pseudonym', r.id), tx) : '',
        r.data as ExploiterData,
        decrypt ? await decryptJson<ExploiterPersonal>(cipher, tx, r.personal, binding('account_revisions', 'personal', r.id)) : {},
      ), exploiterFields);
      const view = exploiterView.parse({
        id: row.id, caseId, version: row.version, ...joinExploiter(row.kind, pseudonym || '-', row.data as ExploiterData, personal),
        suspectLinkId: row.suspect_link_id, updatedAt: row.updated_at.toISOString(), updatedByName: row.updated_by_name, history,
      });
      exploiters.push(presentFields(view, exploiterFields) as ExploiterView);
    }
  }

  // A competent authority reads the account to decide on her status; everyone else within case work.
  const decidingAuthority = !kase.can_edit && subject.organisationType === 'competent_authority';
  await appendAudit(tx, actor, {
    action: 'account.read',
    recordType: 'case',
    recordId: caseId,
    purpose: decidingAuthority ? 'identification_decision' : 'case_management',
    summary: `case ${kase.reference}: account read (statement ${statement ? 'shown' : 'none'}, ${situations.length} situations, ${exploiters.length} exploiters); fields shown: statement ${kase.statement_fields.length}, situation ${kase.situation_fields.length}, exploiter ${kase.exploiter_fields.length}`,
  });
  return { caseId, canEdit: kase.can_edit, statement, situations, exploiters };
}
