import { publishEstimate } from '../../modules/estimation/estimation.service.js';
import { randomUUID } from 'node:crypto';
import { addCaseRecordRequest, auditAlertKinds, consentEventRequest, publishEstimateRequest, releaseRequest, sendReferralRequest, type Role } from '@palermo/contracts';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { FieldCipher } from '../crypto/field-cipher.js';
import { systemActor } from '../audit/audit.js';
import { sealAuditEntries } from '../audit/seal.js';
import { seedDemo } from '../../modules/demo/demo.seed.js';
import { populateProsecution } from '../../modules/prosecution/prosecution.test-support.js';
import { populateProceedings } from '../../modules/proceedings/proceedings.populate.test-support.js';
import { populateImportMapping } from '../../modules/prosecution/prosecution-import.test-support.js';
import { populateNetwork } from '../../modules/prosecution/network.populate.test-support.js';
import { populateCaseBrief } from '../../modules/prosecution/case-brief.populate.test-support.js';
import { populateActionPlan } from '../../modules/action-plan/action-plan.populate.test-support.js';
import { populateRecommendations } from '../../modules/recommendations/recommendations.populate.test-support.js';
import { populateDeterminants } from '../../modules/determinants/determinants.populate.test-support.js';
import { populatePublicView } from '../../modules/public-view/public-view.populate.test-support.js';
import { populateCoordination } from '../../modules/coordination/coordination.populate.test-support.js';
import { seedDemoCases } from '../../modules/demo/case-generator.js';
import { refreshCountryDataset } from '../../modules/statistical-records/country-dataset.js';
import { importCtdc } from '../../modules/statistical-records/ctdc-import.js';
import { importGlotip } from '../../modules/reference-statistics/reference-statistics.service.js';
import { makeRelease } from '../../modules/releases/releases.service.js';
import { ensureCube } from '../../modules/statistics/statistics.cube.js';
import { raiseAlert } from '../audit/alerts.js';
import type { Subject } from '../access/rules.js';
import { addRecord } from '../../modules/case-record/case-record.service.js';
import { sendReferral } from '../../modules/referral/referral.service.js';
import { recordConsentEvent } from '../../modules/case/case-consent.js';
import { checkForDuplicates } from '../../modules/case/case-match-checks.js';
import { createEntry } from '../../modules/directory/directory.service.js';
import { addDocument } from '../../modules/document/document.service.js';
import { checkFile } from '../../modules/document/document.content.js';
import { quoteIdent, tablesInDependencyOrder } from './tables.js';
import { populateNotifications } from '../../modules/notifications/notifications.populate.test-support.js';
import { populateSupervision } from '../../modules/supervision/supervision.populate.test-support.js';
import { updateSection } from '../../modules/person-profile/person-profile.service.js';
import { populateDataRequests } from '../../modules/person-record/person-record.populate.test-support.js';
import { addExploiter, addSituation, correctSituation, saveStatement } from '../../modules/account/account.service.js';
import { addExploiterRequest, addSituationRequest, correctSituationRequest, saveStatementRequest } from '@palermo/contracts';

/** A small CTDC file in the synthetic v2 layout (invented rows). */
const CTDC_HEADER =
  'yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,traffickMonths,meansDebtBondageEarnings,meansThreats,isForcedLabour,isSexualExploit,isOtherExploit,sectorOfLabourAgriculture,sectorOfSexProstitution,recruiterRelationFriend';
const ctdcFixture = [
  CTDC_HEADER,
  '2019,Woman,09--17,NGA,ITA,,0,1,0,1,0,0,1,0',
  '2020,Man,30--38,UKR,POL,13--24 (1-2 yrs),1,0,1,0,0,1,0,1',
  '2021,Woman,18--20,ROU,DEU,,0,1,0,1,0,0,1,1',
  ',,,,,,,,,,,,,',
].join('\n');

/** A small GLOTIP file (invented values), with one anomaly so the anomaly report has a row. */
const glotipFixture = [
  'Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source',
  'ALB,Albania,Europe,Southern Europe,Detected trafficking victims,Total,Total,Female,Total,2019,Counts,12,GLOTIP',
  'ALB,Albania,Europe,Southern Europe,Detected trafficking victims,Total,Total,Male,Total,2019,Counts,<5,GLOTIP',
  'ALB,Albania,Europe,Southern Europe,Detected trafficking victims,Total,Total,Female,Total,2020,Counts,"1,234",GLOTIP',
].join('\r\n');

/**
 * Fills a migrated database with every kind of row the application writes: the demo country and its cases (persons,
 * referrals, case records, screenings, match requests...), the country's statistical dataset refreshed and its cube
 * built, a CTDC file and a GLOTIP file imported, a release made, and the audit entries sealed.
 */
export async function populateEverything(database: Database, cipher: FieldCipher, options: { cases?: number; postgresUrl?: string | undefined } = {}): Promise<void> {
  const db = database.db;
  await db.transaction().execute(async (tx) => {
    await seedDemo(tx, cipher);
    await seedDemoCases(tx, cipher, options.cases ?? 120, { seed: 11 });
  });
  const actor = systemActor('backup test');
  const country = await refreshCountryDataset(db, actor, { cipher });
  await ensureCube(db, country.datasetId, undefined, cipher.recordKeys);
  const ctdc = await importCtdc(db, { fileName: 'ctdc.csv', bytes: Buffer.from(ctdcFixture, 'utf8') }, { actor, postgresUrl: options.postgresUrl });
  await ensureCube(db, ctdc.datasetId, undefined, cipher.recordKeys);
  await importGlotip(db, { fileName: 'glotip.csv', bytes: Buffer.from(glotipFixture, 'utf8') }, { actor });
  await makeRelease({ db }, actor, releaseRequest.parse({ kind: 'k_anonymous', datasetId: country.datasetId, k: 2, quasiIdentifiers: ['gender'] }));
  await caseWork(database, cipher);
  await populateNotifications(db);
  await populateSupervision(db, cipher);
  await publishAnEstimate(database, cipher);
  await populateProsecution(database, cipher);
  await populateProceedings(database, cipher);
  await populateImportMapping(database);
  await populateNetwork(database, cipher);
  await populateCaseBrief(database, cipher);
  await populateActionPlan(database);
  await populateRecommendations(database);
  await populateDeterminants(database);
  await populatePublicView(database, cipher);
  await populateCoordination(database);
  // Sealing may itself write an entry (an alert about an entry that fails authentication): seal until none is left.
  while ((await sealAuditEntries(db)) > 0);
}

async function subjectOf(database: Database, userId: string): Promise<Subject> {
  const user = await database.db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.organisation_id', 'users.roles', 'organisations.type', 'organisations.jurisdictions'])
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
  return { userId: user.id, organisationId: user.organisation_id, organisationType: user.type as Subject['organisationType'], jurisdictions: user.jurisdictions, roles: user.roles as Role[] };
}

/** A case record, a referral and a possible-duplicate check by a case's manager; a directory desk, an alert, a match request. */
async function caseWork(database: Database, cipher: FieldCipher): Promise<void> {
  const db = database.db;
  const open = await db.selectFrom('cases').select(['id', 'case_manager_user_id', 'managing_organisation_id', 'person_id']).where('case_manager_user_id', 'is not', null).where('closed_at', 'is', null).orderBy('id').executeTakeFirstOrThrow();
  const manager = await subjectOf(database, open.case_manager_user_id ?? '');
  const actor = { userId: manager.userId, name: 'case manager', organisationId: manager.organisationId };
  await db.transaction().execute((tx) => addRecord(tx, cipher, manager, actor, open.id, addCaseRecordRequest.parse({ kind: 'counselling_note', notes: 'First session' }), randomUUID()));
  const shelter = await db.selectFrom('organisations').select('id').where('type', '=', 'shelter').where('id', '!=', open.managing_organisation_id).orderBy('id').executeTakeFirstOrThrow();
  await db.transaction().execute(async (tx) => {
    await recordConsentEvent(tx, manager, actor, open.id, consentEventRequest.parse({ purpose: 'referral', targetOrganisationId: shelter.id, status: 'given', method: 'verbal' }), randomUUID());
    await sendReferral(tx, cipher, manager, actor, open.id, sendReferralRequest.parse({ toOrganisationId: shelter.id, service: 'shelter' }), randomUUID());
  });
  // Two documents: a PDF of three encrypted chunks (marked for the decision) and an image.
  const scan = Buffer.concat([Buffer.from('%PDF-1.4\n% First session scan\n'), Buffer.alloc(2_500_000, 'x'), Buffer.from('\n%%EOF\n')]);
  const photo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  for (const [name, bytes, forDecision] of [['scan.pdf', scan, true], ['photo.png', photo, false]] as const) {
    const file = await checkFile(name, bytes);
    await db.transaction().execute((tx) => addDocument(tx, cipher, manager, actor, open.id, { documentType: 'identity_document', forDecision, file }));
  }
  // The referral form's facts: a section recorded, then corrected (a history row).
  await db.transaction().execute(async (tx) => {
    await updateSection(tx, cipher, manager, actor, open.id, { section: 'communication', version: 0, value: { languages: ['ro'], interpreterNeeded: 'yes', interpreterLanguage: 'ro' } });
    await updateSection(tx, cipher, manager, actor, open.id, { section: 'communication', version: 1, value: { languages: ['ro', 'en'], interpreterNeeded: 'no' } });
  });
  // The person's account: her words, a situation corrected once (two revisions) and an exploiter.
  await db.transaction().execute(async (tx) => {
    await saveStatement(tx, cipher, manager, actor, open.id, saveStatementRequest.parse({ personAccount: { state: 'known', value: 'He kept my passport' }, responderReasons: { state: 'declined' } }));
    const situation = { forms: { state: 'known', value: ['ForcedLabour'] }, startDate: { state: 'known', value: '2024-02-01' }, places: [{ stage: 'Exploitation', country: { state: 'known', value: 'IT' }, place: 'A farm' }] };
    const added = await addSituation(tx, cipher, manager, actor, open.id, addSituationRequest.parse(situation), randomUUID());
    await correctSituation(tx, cipher, manager, actor, open.id, added.id, correctSituationRequest.parse({ ...situation, startDate: { state: 'known', value: '2024-03-01' }, version: added.version }));
    await addExploiter(tx, cipher, manager, actor, open.id, addExploiterRequest.parse({ kind: 'person', pseudonym: 'The boss', roles: { state: 'known', value: ['Exploiter'] }, situationIds: [added.id] }), randomUUID());
  });
  await populateDataRequests(db, cipher, manager, actor, open.id);
  const check = await db.transaction().execute((tx) => checkForDuplicates(tx, cipher, manager, actor, open.id));
  if (check.kind === 'refused') throw check.error;
  const admin = await db.selectFrom('users').select('id').where(sql<boolean>`'national_admin' = any(roles)`).executeTakeFirstOrThrow();
  const adminSubject = await subjectOf(database, admin.id);
  await db.transaction().execute((tx) =>
    createEntry(tx, adminSubject, { userId: admin.id, name: 'admin', organisationId: adminSubject.organisationId }, { organisationId: shelter.id, deskName: 'Intake desk', sops: [2], services: ['shelter'], phone: '+40 21 555 0100', email: null, address: null, hours: null, languages: ['en'] }, { now: new Date(), staleAfterDays: 180 }),
  );
  await raiseAlert(db, { kind: auditAlertKinds[1], summary: 'backup test alert' });
  await db.insertInto('match_requests').values({ id: randomUUID(), requesting_organisation_id: open.managing_organisation_id, requesting_case_id: open.id, requested_by: manager.userId, target_organisation_id: shelter.id, candidate_person_ids: [open.person_id], status: 'pending', created_at: new Date() } as never).execute();
}

/** The rapporteur publishes the Bayesian average of an uploaded overlap table. */
async function publishAnEstimate(database: Database, cipher: FieldCipher): Promise<void> {
  const rapporteur = await database.db.selectFrom('users').select('id').where(sql<boolean>`'national_rapporteur' = any(roles)`).orderBy('id').executeTakeFirstOrThrow();
  const subject = await subjectOf(database, rapporteur.id);
  const actor = { userId: subject.userId, name: 'rapporteur', organisationId: subject.organisationId };
  const csv = 'A,B,C,n\n1,0,0,40\n0,1,0,30\n0,0,1,20\n1,1,0,8\n1,0,1,6\n0,1,1,5\n1,1,1,2\n';
  await database.db.transaction().execute((tx) =>
    publishEstimate(tx, subject, actor, { userId: subject.userId, organisationId: subject.organisationId }, publishEstimateRequest.parse({ source: 'upload', csv, model: 'main' }), cipher.recordKeys),
  );
}

/** Row counts of every backed-up table. */
export async function rowCounts(database: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await tablesInDependencyOrder(database.db)) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(quoteIdent(table.name))}`.execute(database.db);
    out[table.name] = Number(r.rows[0]?.n ?? 0);
  }
  return out;
}
