import type { Insertable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Schema } from '../../platform/db/schema.js';
import { encryptPerson } from '../person/person.crypto.js';
import type { PlannedCase } from './case-plan.js';
import type { SyntheticRandom } from './synthetic-random.js';
import { bulkInsert, type BulkColumns, type BulkColumnType } from './bulk-insert.js';

/** Rows per INSERT statement: large enough to be fast, small enough to stay far below PostgreSQL's 65,535 parameters. */
export const ROWS_PER_STATEMENT = 800;

type Rows<T extends keyof Schema> = Array<Insertable<Schema[T]>>;

export interface CaseBatchRows {
  persons: Rows<'persons'>;
  cases: Rows<'cases'>;
  consent_events: Rows<'consent_events'>;
  person_consents: Rows<'person_consents'>;
  case_shares: Rows<'case_shares'>;
  screenings: Rows<'screenings'>;
  status_decisions: Rows<'status_decisions'>;
  case_actions: Rows<'case_actions'>;
}

/** Inserted in this order: each table's foreign keys point to tables before it. */
export const insertOrder = ['persons', 'cases', 'consent_events', 'person_consents', 'case_shares', 'screenings', 'status_decisions', 'case_actions'] as const;

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * Case and person references in the services' formats (C-<year>-XXXXXXX, P-XXXXXXXX), drawn from their own random
 * stream, unique within the run and against what the database already holds (a clash is drawn again).
 */
export class ReferenceMaker {
  private readonly used = new Set<string>();

  constructor(private readonly rng: SyntheticRandom) {}

  private draw(make: () => string): string {
    for (;;) {
      const candidate = make();
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        return candidate;
      }
    }
  }

  caseReference(openedAt: Date): string {
    return this.draw(() => `C-${openedAt.getUTCFullYear()}-${this.rng.code(REFERENCE_ALPHABET, 7)}`);
  }

  personReference(): string {
    return this.draw(() => `P-${this.rng.code(REFERENCE_ALPHABET, 8)}`);
  }

  /** Replaces references that the database already holds (from an earlier run or real use) with fresh ones. */
  async avoidExisting(tx: Db, rows: CaseBatchRows): Promise<void> {
    const caseRefs = rows.cases.map((c) => c.reference);
    const personRefs = rows.persons.map((p) => p.reference);
    const [takenCases, takenPersons] = await Promise.all([
      tx.selectFrom('cases').select('reference').where('reference', 'in', caseRefs).execute(),
      tx.selectFrom('persons').select('reference').where('reference', 'in', personRefs).execute(),
    ]);
    const clashC = new Set(takenCases.map((r) => r.reference));
    const clashP = new Set(takenPersons.map((r) => r.reference));
    for (const row of rows.cases) if (clashC.has(row.reference)) row.reference = this.caseReference(new Date(row.opened_at ?? Date.now()));
    for (const row of rows.persons) if (clashP.has(row.reference)) row.reference = this.personReference();
  }
}

export const emptyRows = (): CaseBatchRows => ({
  persons: [], cases: [], consent_events: [], person_consents: [], case_shares: [], screenings: [], status_decisions: [], case_actions: [],
});

export function appendRows(into: CaseBatchRows, more: CaseBatchRows): void {
  into.persons.push(...more.persons);
  into.cases.push(...more.cases);
  into.consent_events.push(...more.consent_events);
  into.person_consents.push(...more.person_consents);
  into.case_shares.push(...more.case_shares);
  into.screenings.push(...more.screenings);
  into.status_decisions.push(...more.status_decisions);
  into.case_actions.push(...more.case_actions);
}

/** The rows of a batch of planned cases, encrypted and blind-indexed exactly as the person and case services do. */
export function rowsOf(plans: readonly PlannedCase[], cipher: FieldCipher, references: ReferenceMaker): CaseBatchRows {
  const rows = emptyRows();
  for (const plan of plans) {
    const p = plan.person;
    const input = { givenName: p.givenName, familyName: p.familyName, pseudonym: p.pseudonym, birthDate: p.birthDate, phone: p.phone, address: p.address, identityNumber: p.identityNumber, notes: p.notes };
    rows.persons.push({
      id: plan.personId,
      reference: references.personReference(),
      organisation_id: plan.managingOrganisationId,
      case_manager_user_id: plan.caseManagerUserId,
      jurisdiction: plan.jurisdiction,
      created_by: plan.caseManagerUserId,
      created_at: plan.openedAt,
      updated_at: plan.openedAt,
      ...encryptPerson(cipher, plan.personId, input),
      name_index: cipher.index.nameTokens(p.givenName, p.familyName, p.pseudonym),
      birth_date_index: cipher.index.birthDateToken(p.birthDate),
      gender: p.gender,
      citizenships: p.citizenships,
      is_child: p.isChild,
    });
    rows.cases.push({
      id: plan.caseId,
      reference: references.caseReference(plan.openedAt),
      person_id: plan.personId,
      managing_organisation_id: plan.managingOrganisationId,
      case_manager_user_id: plan.caseManagerUserId,
      reported_by_organisation_id: plan.reportedByOrganisationId,
      status: plan.status,
      stage: plan.stage,
      trafficking_status: plan.traffickingStatus,
      forms_of_exploitation: p.formsOfExploitation,
      country_of_exploitation: p.countryOfExploitation,
      reflection_period_start: plan.reflectionStart,
      reflection_period_end: plan.reflectionEnd,
      decision_due_at: plan.decisionDueAt,
      closure_reason: plan.closureReason,
      opened_at: plan.openedAt,
      closed_at: plan.closedAt,
      updated_at: plan.updatedAt,
      version: plan.version,
    });
    const current = new Map<string, (typeof plan.consents)[number]>();
    for (const c of plan.consents) {
      rows.consent_events.push({
        id: c.id,
        person_id: plan.personId,
        purpose: c.purpose,
        target_organisation_id: c.targetOrganisationId,
        status: c.status,
        method: c.method,
        explained_by: c.explainedBy,
        rights_explained: [...c.rightsExplained],
        recorded_at: c.at,
      });
      const previous = current.get(c.purpose);
      if (c.purpose !== 'referral' && (!previous || previous.at <= c.at)) current.set(c.purpose, c);
    }
    for (const c of current.values()) {
      rows.person_consents.push({ person_id: plan.personId, purpose: c.purpose, status: c.status, recorded_by: c.explainedBy, recorded_at: c.at });
    }
    if (plan.share) {
      const s = plan.share;
      rows.case_shares.push({ id: s.id, case_id: plan.caseId, organisation_id: s.organisationId, purpose: 'identification_decision', person_fields: [...s.fields], consent_event_id: s.consentEventId, granted_by: s.grantedBy, granted_at: s.at });
    }
    if (plan.screening) {
      const s = plan.screening;
      rows.screenings.push({
        id: s.id,
        case_id: plan.caseId,
        checklist_code: s.checklistCode,
        checklist_version: s.checklistVersion,
        answers: JSON.stringify(s.answers),
        is_child: s.isChild,
        assessment: JSON.stringify(s.assessment),
        notes: cipher.encrypt(s.notes, `screenings.notes:${s.id}`),
        screened_by: s.screenedBy,
        organisation_id: s.organisationId,
        screened_at: s.at,
      });
    }
    for (const d of plan.decisions) {
      rows.status_decisions.push({ id: d.id, case_id: plan.caseId, kind: d.kind, outcome: d.outcome, reason: cipher.encrypt(d.reason, `status_decisions.reason:${d.id}`), decided_by: d.decidedBy, organisation_id: d.organisationId, decided_at: d.at, due_at: d.dueAt });
    }
    for (const a of plan.actions) {
      rows.case_actions.push({ id: a.id, case_id: plan.caseId, action: a.action, actor_user_id: a.actorUserId, organisation_id: a.organisationId, idempotency_key: a.key, summary: a.summary, occurred_at: a.at });
    }
  }
  return rows;
}

const columnsOf: { readonly [T in keyof CaseBatchRows]: Partial<Record<keyof Schema[T] & string, BulkColumnType>> } = {
  persons: {
    id: 'uuid', reference: 'text', organisation_id: 'uuid', case_manager_user_id: 'uuid', jurisdiction: 'text', given_name: 'bytea', family_name: 'bytea',
    pseudonym: 'bytea', birth_date: 'bytea', phone: 'bytea', address: 'bytea', identity_number: 'bytea', notes: 'bytea', created_by: 'uuid',
    created_at: 'timestamptz', updated_at: 'timestamptz', name_index: 'text[]', birth_date_index: 'text', gender: 'text', citizenships: 'text[]', is_child: 'boolean',
  },
  cases: {
    id: 'uuid', reference: 'text', person_id: 'uuid', managing_organisation_id: 'uuid', case_manager_user_id: 'uuid', reported_by_organisation_id: 'uuid',
    status: 'text', stage: 'text', trafficking_status: 'text', forms_of_exploitation: 'text[]', country_of_exploitation: 'text', reflection_period_start: 'date',
    reflection_period_end: 'date', decision_due_at: 'timestamptz', closure_reason: 'text', opened_at: 'timestamptz', closed_at: 'timestamptz', updated_at: 'timestamptz', version: 'integer',
  },
  consent_events: {
    id: 'uuid', person_id: 'uuid', purpose: 'text', target_organisation_id: 'uuid', status: 'text', method: 'text', explained_by: 'uuid', rights_explained: 'text[]', recorded_at: 'timestamptz',
  },
  person_consents: { person_id: 'uuid', purpose: 'text', status: 'text', recorded_by: 'uuid', recorded_at: 'timestamptz' },
  case_shares: {
    id: 'uuid', case_id: 'uuid', organisation_id: 'uuid', purpose: 'text', person_fields: 'text[]', consent_event_id: 'uuid', granted_by: 'uuid', granted_at: 'timestamptz',
  },
  screenings: {
    id: 'uuid', case_id: 'uuid', checklist_code: 'text', checklist_version: 'integer', answers: 'jsonb', is_child: 'boolean', assessment: 'jsonb', notes: 'bytea',
    screened_by: 'uuid', organisation_id: 'uuid', screened_at: 'timestamptz',
  },
  status_decisions: {
    id: 'uuid', case_id: 'uuid', kind: 'text', outcome: 'text', reason: 'bytea', decided_by: 'uuid', organisation_id: 'uuid', decided_at: 'timestamptz', due_at: 'timestamptz',
  },
  case_actions: {
    id: 'uuid', case_id: 'uuid', action: 'text', actor_user_id: 'uuid', organisation_id: 'uuid', idempotency_key: 'text', summary: 'text', occurred_at: 'timestamptz',
  },
};

/** Table after table in foreign-key order, ROWS_PER_STATEMENT rows per INSERT (each column one array parameter). */
export async function insertRows(tx: Db, rows: CaseBatchRows): Promise<void> {
  for (const table of insertOrder) {
    const all: ReadonlyArray<Readonly<Record<string, unknown>>> = rows[table];
    const columns: BulkColumns = columnsOf[table];
    for (let start = 0; start < all.length; start += ROWS_PER_STATEMENT) {
      await bulkInsert(tx, table, columns, all.slice(start, start + ROWS_PER_STATEMENT));
    }
  }
}
