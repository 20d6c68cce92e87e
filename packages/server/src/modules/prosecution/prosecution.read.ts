import type { OperationPlace, OperationView, StepView, SuspectIdentity, SuspectView } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { presentFields, visibleFields } from '../../platform/access/field-policy.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { notFound, type HttpError } from '../../platform/http/errors.js';
import { prosecutionOperationFieldPolicy, prosecutionSuspectFieldPolicy } from './prosecution.fields.js';
import { prosecutionRules } from './prosecution.policy.js';
import * as repo from './prosecution.repo.js';
import { isDowngrade } from './prosecution.steps.js';

export const placeNamesBinding = (operationId: string) => `prosecution_operations.place_names:${operationId}`;
export const pseudonymBinding = (suspectId: string) => `prosecution_suspects.pseudonym:${suspectId}`;
export const identityBinding = (suspectId: string) => `prosecution_suspects.identity:${suspectId}`;

/**
 * Operations as the field policy shows them to this user (place names decrypted only where shown); audited. A refusal
 * is returned, not thrown, so that its audit entry commits (the route throws it after the transaction).
 */
export async function readOperations(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, id?: string): Promise<OperationView[] | HttpError> {
  const rows = await repo.findOperations(tx, subject, prosecutionRules.read, id);
  if (id && rows.length === 0) {
    if (await repo.operationExists(tx, id)) {
      await appendAudit(tx, actor, { action: 'prosecution.operation_read', recordType: 'prosecution_operation', recordId: id, purpose: 'prosecution', summary: 'refused by access rules', outcome: 'denied' });
    }
    return notFound('Operation');
  }
  const ids = rows.map((r) => r.id);
  const [investigations, agencies] = await Promise.all([repo.investigationsOf(tx, ids), repo.agenciesOf(tx, ids)]);
  const views: OperationView[] = [];
  let placesShown = 0;
  for (const row of rows) {
    const visible = visibleFields(prosecutionOperationFieldPolicy, subject, repo.factsOf(row.organisation_id, row.offices, row.courts));
    let places: OperationPlace[] = [];
    if (visible.has('places')) {
      const names = JSON.parse(await cipher.decrypt(row.place_names, placeNamesBinding(row.id), tx)) as Array<string | null>;
      places = row.places.map((p, i) => ({ stage: p.stage, country: p.country, ...(names[i] ? { place: names[i] } : {}) }) as OperationPlace);
      placesShown += 1;
    }
    const view: OperationView = {
      id: row.id,
      reference: row.reference,
      name: row.name,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      origin: row.origin,
      approach: row.approach,
      formsOfExploitation: row.forms_of_exploitation,
      places,
      agencies: agencies.filter((a) => a.operation_id === row.id).map((a) => ({ id: a.id, name: a.name })),
      protocol: { acts: row.protocol_acts, means: row.protocol_means, purposes: row.protocol_purposes } as OperationView['protocol'],
      startedOn: row.started_on,
      investigations: investigations
        .filter((i) => i.operation_id === row.id)
        .map((i) => ({
          id: i.id, reference: i.reference, title: i.title, origin: i.origin, approach: i.approach, openedOn: i.opened_on,
          prosecutionOfficeId: i.prosecution_office_id, prosecutionOfficeName: i.prosecution_office_name, referredOn: i.referred_on,
        })),
      recordedAt: row.created_at.toISOString(),
    };
    views.push(presentFields(view, visible) as OperationView);
  }
  await appendAudit(tx, actor, {
    action: 'prosecution.operation_read',
    recordType: 'prosecution_operation',
    ...(id ? { recordId: id } : {}),
    purpose: 'prosecution',
    summary: `${rows.length} operation(s); place names decrypted for ${placesShown}`,
  });
  return views;
}

function stepViewOf(step: repo.StepRow, steps: readonly repo.StepRow[]): StepView {
  const d = step.data;
  const view: Record<string, unknown> = { id: step.id, kind: step.kind, occurredOn: step.occurred_on, refId: step.ref_step_id, recordedAt: step.recorded_at.toISOString() };
  for (const key of ['provision', 'category', 'courtOrganisationId', 'plea', 'outcome', 'convictedProvision', 'convictedCategory', 'custodialMonths', 'suspended', 'probationMonths', 'fineAmount', 'currency', 'amount', 'description', 'appellant']) {
    if (d[key] !== undefined) view[key] = d[key];
  }
  if (step.court_name) view.courtName = step.court_name;
  if (step.kind === 'verdict') {
    const charge = steps.find((s) => s.id === step.ref_step_id);
    const charged = charge?.data.category as string | undefined;
    if (d.outcome === 'convicted') {
      view.convictedProvision = d.convictedProvision ?? charge?.data.provision;
      view.convictedCategory = d.convictedCategory ?? charged;
      view.downgraded = isDowngrade(charged, view.convictedCategory as string | undefined);
    }
    if (charge) {
      view.provision = charge.data.provision;
      view.category = charged;
    }
  }
  return view as StepView;
}

/**
 * Suspects as the field policy shows them to this user: the identity decrypted only for those who see it. Every read
 * is audited, naming how many identities were decrypted (never their values).
 */
export async function readSuspects(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, where: { id?: string; operationId?: string }): Promise<SuspectView[] | HttpError> {
  const rows = await repo.findSuspects(tx, subject, prosecutionRules.read, where);
  if (where.id && rows.length === 0) {
    if (await repo.suspectExists(tx, where.id)) {
      await appendAudit(tx, actor, { action: 'prosecution.suspect_read', recordType: 'prosecution_suspect', recordId: where.id, purpose: 'prosecution', summary: 'refused by access rules', outcome: 'denied' });
    }
    return notFound('Suspect');
  }
  if (where.operationId && rows.length === 0 && (await repo.findOperations(tx, subject, prosecutionRules.read, where.operationId)).length === 0) return notFound('Operation');
  const steps = await repo.stepsOf(tx, rows.map((r) => r.id));
  const views: SuspectView[] = [];
  let identities = 0;
  for (const row of rows) {
    const visible = visibleFields(prosecutionSuspectFieldPolicy, subject, repo.factsOf(row.organisation_id, [row.prosecution_office_id], [row.court_organisation_id]));
    const own = steps.filter((s) => s.suspect_id === row.id);
    const view: SuspectView = {
      id: row.id,
      operationId: row.operation_id,
      investigationId: row.investigation_id,
      ...(visible.has('pseudonym') ? { pseudonym: await cipher.decrypt(row.pseudonym, pseudonymBinding(row.id), tx) } : {}),
      roles: row.roles,
      sex: row.sex,
      citizenships: row.citizenships,
      ageAtOffence: row.age_at_offence,
      steps: own.map((s) => stepViewOf(s, own)),
    };
    if (visible.has('identity') && row.identity) {
      view.identity = JSON.parse(await cipher.decrypt(row.identity, identityBinding(row.id), tx)) as SuspectIdentity;
      identities += 1;
    }
    views.push(presentFields(view, visible) as SuspectView);
  }
  await appendAudit(tx, actor, {
    action: 'prosecution.suspect_read',
    recordType: where.id ? 'prosecution_suspect' : 'prosecution_operation',
    recordId: where.id ?? where.operationId ?? '',
    purpose: 'prosecution',
    summary: `${rows.length} suspect(s); identities decrypted: ${identities}`,
  });
  return views;
}
