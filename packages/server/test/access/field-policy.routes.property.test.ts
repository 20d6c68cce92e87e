/**
 * Every route against the field policy, discovered at test time: the route registry gives the routes, the OpenAPI
 * document generated from the response contracts gives their response schemas with the `x-personal` and `x-record`
 * tags. A new route is covered without editing this test; a route answering personal data without a response
 * schema fails it; a 5xx fails it. The HTTP sample is small and fixed (fast-check with a fixed seed over the shared
 * generator); the exhaustive sweeps run in process (field-policy.matrix.test.ts).
 */
import { randomInt, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalTag, recordTag } from '@palermo/contracts';
import { fieldsOutsidePolicy, visibleFields } from '../../src/platform/access/field-policy.js';
import type { RecordFacts, Subject } from '../../src/platform/access/rules.js';
import { fieldPolicies } from '../../src/modules/field-policies.js';
import { chunkBinding, fileNameBinding } from '../../src/modules/document/document.service.js';
import { insertAccountFixture } from '../../src/modules/account/account.fixtures.js';
import { identityBinding, placeNamesBinding, pseudonymBinding } from '../../src/modules/prosecution/prosecution.read.js';
import { clientFor, createTestApp, insertUser, type Client, type TestApp } from '../support/test-app.js';
import { caseFactsOf, personFactsOf, prosecutionFactsOf, scenarioArbitrary, subjectOf, type Scenario } from './need-to-know.js';

type JsonSchema = { readonly [key: string]: unknown };
interface Operation { readonly responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }> }
interface Route { readonly method: string; readonly url: string; readonly schema: JsonSchema | undefined }

let t: TestApp;
let routes: Route[];
beforeAll(async () => {
  t = await createTestApp();
  const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, Operation>> };
  routes = t.app.declaredRoutes
    .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD')
    .map((r) => {
      const operation = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      const success = Object.entries(operation?.responses ?? {}).find(([status]) => status.startsWith('2'))?.[1];
      return { method: r.method, url: r.url, schema: success?.content?.['application/json']?.schema };
    });
});
afterAll(async () => t.close());

const children = (schema: JsonSchema): JsonSchema[] =>
  ['anyOf', 'oneOf', 'allOf'].flatMap((k) => (Array.isArray(schema[k]) ? (schema[k] as JsonSchema[]) : []));

/** The personal fields of a response schema, each with the record kind around it (null: outside any record). */
function personalFields(schema: JsonSchema, record: string | null = null, path = ''): Array<{ record: string | null; path: string }> {
  const kind = typeof schema[recordTag] === 'string' ? (schema[recordTag] as string) : null;
  if (kind) return personalFields({ ...schema, [recordTag]: undefined }, kind, '');
  if (schema[personalTag] === true) return [{ record, path }];
  const out = children(schema).flatMap((inner) => personalFields(inner, record, path));
  for (const [key, inner] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) out.push(...personalFields(inner, record, path ? `${path}.${key}` : key));
  if (schema.items && typeof schema.items === 'object') out.push(...personalFields(schema.items as JsonSchema, record, path));
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') out.push(...personalFields(schema.additionalProperties as JsonSchema, record, path));
  return out;
}

/** The record objects in a response, found by walking its schema and the value together. */
function recordsIn(schema: JsonSchema, value: unknown, out: Array<{ kind: string; value: Record<string, unknown> }> = []) {
  if (value === null || value === undefined) return out;
  const kind = schema[recordTag];
  if (typeof kind === 'string' && typeof value === 'object' && !Array.isArray(value)) {
    out.push({ kind, value: value as Record<string, unknown> });
    return out;
  }
  for (const inner of children(schema)) recordsIn(inner, value, out);
  if (Array.isArray(value) && schema.items && typeof schema.items === 'object') for (const item of value) recordsIn(schema.items as JsonSchema, item, out);
  if (typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) recordsIn(inner, (value as Record<string, unknown>)[key], out);
  }
  return out;
}

const isCovered = (route: Route) => route.schema !== undefined && personalFields(route.schema).length > 0;

describe('every route whose response contract carries personal data is held to a field policy', () => {
  it('finds the record routes in the registry, and every personal field lies in a record kind whose policy names it', () => {
    const covered = routes.filter(isCovered);
    expect(covered.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(['GET /api/persons/:id', 'GET /api/cases/:id', 'GET /api/cases', 'GET /api/referrals/inbox']));
    const problems: string[] = [];
    for (const route of covered) {
      for (const { record, path } of personalFields(route.schema ?? {})) {
        const policy = record === null ? undefined : fieldPolicies[record];
        if (!policy) problems.push(`${route.method} ${route.url}: ${path} is personal but lies in no record kind with a field policy`);
        // The path is a policy field, lies under one, or holds policy fields (person.fields holds person.fields.givenName...).
        else if (!policy.fields.some((f) => path === f || path.startsWith(`${f}.`) || f.startsWith(`${path}.`))) problems.push(`${route.method} ${route.url}: ${record}.${path} is not in the ${record} field policy`);
      }
    }
    expect(problems).toEqual([]);
  });
});

/**
 * Birth dates drawn without repetition within a run: two worlds sharing a birth date would make one world's date,
 * rightly shown, look like a leak of the other's.
 */
const birthDatesDrawn = new Set<string>();
function uniqueBirthDate(): string {
  for (;;) {
    const date = `19${50 + randomInt(30)}-0${1 + randomInt(9)}-1${randomInt(10)}`;
    if (!birthDatesDrawn.has(date)) {
      birthDatesDrawn.add(date);
      return date;
    }
  }
}

/** Values that exist nowhere else, so that a leak shows wherever it lands (any route, any status, the audit page). */
function canaries() {
  const tag = () => `${randomUUID().slice(0, 8)}`;
  return {
    givenName: `Given${tag()}`,
    familyName: `Family${tag()}`,
    pseudonym: `Alias${tag()}`,
    birthDate: uniqueBirthDate(),
    phone: `+4479${String(randomInt(10_000_000, 99_999_999))}`,
    address: `Street${tag()}`,
    identityNumber: `ID${tag()}`,
    notes: `Note${tag()}`,
    message: `Message${tag()}`,
    personAccount: `Account${tag()}`,
    exploiterPseudonym: `Exploiter${tag()}`,
    place: `Place${tag()}`,
    crimeReference: `Crime${tag()}`,
    screeningNotes: `Screening${tag()}`,
    suspectName: `Suspect${tag()}`,
    suspectPseudonym: `Pseudonym${tag()}`,
    operationPlace: `Premises${tag()}`,
  };
}
const columns = { givenName: 'given_name', familyName: 'family_name', pseudonym: 'pseudonym', birthDate: 'birth_date', phone: 'phone', address: 'address', identityNumber: 'identity_number', notes: 'notes' } as const;

interface World {
  readonly scenario: Scenario;
  readonly ids: { organisationId: string; otherOrganisationId: string; userId: string; otherUserId: string };
  readonly caseId: string;
  readonly reference: string;
  readonly personId: string;
  readonly referralId: string | null;
  readonly operationId: string;
  readonly suspectId: string;
  readonly values: ReturnType<typeof canaries>;
  readonly viewers: Array<{ subject: Subject; client: Client }>;
}

/** Writes one scenario of the shared generator: the subject's organisation and user, another organisation, one case. */
async function seed(s: Scenario): Promise<World> {
  const db = t.platform.db;
  const cipher = t.platform.cipher;
  const ids = { organisationId: randomUUID(), otherOrganisationId: randomUUID(), userId: '', otherUserId: '' };
  await db.insertInto('organisations').values([
    { id: ids.organisationId, name: `subject ${ids.organisationId}`, type: s.organisationType, jurisdictions: ['NORTH'] },
    { id: ids.otherOrganisationId, name: `other ${ids.otherOrganisationId}`, type: 'ngo', jurisdictions: [] },
  ]).execute();
  const user = await insertUser(t, ids.organisationId, [...s.roles]);
  const other = await insertUser(t, ids.otherOrganisationId, ['caseworker']);
  ids.userId = user.id;
  ids.otherUserId = other.id;
  const facts = caseFactsOf(s, ids);
  const values = canaries();
  const personId = randomUUID();
  const caseId = randomUUID();
  const reference = `C-${caseId.slice(0, 8).toUpperCase()}`;
  const encrypted = Object.fromEntries(Object.entries(columns).map(([field, column]) => [column, cipher.encrypt(values[field as keyof typeof columns], `persons.${column}:${personId}`)]));
  await db.insertInto('persons').values({
    id: personId, reference: `P-${personId}`, organisation_id: facts.organisationId ?? '', case_manager_user_id: facts.assigneeUserId, jurisdiction: facts.jurisdiction, created_by: other.id,
    ...encrypted,
    name_index: cipher.index.nameTokens(values.givenName, values.familyName, values.pseudonym),
    birth_date_index: cipher.index.birthDateToken(values.birthDate),
    gender: 'Feminine', citizenships: ['MD'], is_child: true,
  }).execute();
  await db.insertInto('cases').values({ id: caseId, reference, person_id: personId, managing_organisation_id: facts.organisationId ?? '', case_manager_user_id: facts.assigneeUserId, reported_by_organisation_id: facts.organisationId ?? '', forms_of_exploitation: ['ForcedLabour'] }).execute();
  // A document marked for the decision (what the most relationships could see of a case's documents).
  const documentId = randomUUID();
  await db.insertInto('case_documents').values({
    id: documentId, case_id: caseId, document_type: 'identity_document', media_type: 'application/pdf', file_name: cipher.encrypt('passport.pdf', fileNameBinding(documentId)),
    byte_size: 9, chunk_count: 1, for_decision: true, uploaded_by: other.id, organisation_id: ids.otherOrganisationId,
  }).execute();
  await db.insertInto('case_document_chunks').values({ document_id: documentId, position: 0, content: cipher.encryptBytes(Buffer.from('%PDF-1.4\n'), chunkBinding(documentId, 0, 1)) }).execute();
  // The person's account: a statement, a situation and an exploiter, each with its history.
  await insertAccountFixture(db, cipher, { caseId, userId: other.id, organisationId: ids.otherOrganisationId, personAccount: values.personAccount, exploiterPseudonym: values.exploiterPseudonym, place: values.place });
  // The referral form (a police report, communication needs) and a screening with notes.
  await db.insertInto('person_profiles').values({
    case_id: caseId, updated_by: other.id,
    police_report: cipher.encrypt(JSON.stringify({ reported: 'yes', crimeReference: values.crimeReference }), `person_profiles.police_report:${caseId}`),
    communication: cipher.encrypt(JSON.stringify({ languages: ['ro'], interpreterNeeded: 'yes' }), `person_profiles.communication:${caseId}`),
  }).execute();
  const screeningId = randomUUID();
  await db.insertInto('screenings').values({
    id: screeningId, case_id: caseId, checklist_code: 'ilo_forced_labour', checklist_version: 1, answers: JSON.stringify({ debt_bondage: 'present' }), is_child: false,
    assessment: JSON.stringify({ suggestion: 'refer_for_identification' }), notes: cipher.encrypt(values.screeningNotes, `screenings.notes:${screeningId}`),
    screened_by: other.id, organisation_id: ids.otherOrganisationId, screened_at: new Date(),
  }).execute();
  if (s.lawEnforcementConsent) await db.insertInto('person_consents').values({ person_id: personId, purpose: 'law_enforcement', status: 'given', recorded_by: other.id, recorded_at: new Date() }).execute();
  let referralId: string | null = null;
  if (s.share !== 'none') {
    const shareId = randomUUID();
    await db.insertInto('case_shares').values({
      id: shareId, case_id: caseId, organisation_id: ids.organisationId, purpose: s.share === 'decision_request' ? 'identification_decision' : 'referral',
      person_fields: [...s.sharedFields], granted_by: other.id, granted_at: new Date(), revoked_at: s.share === 'ended' ? new Date() : null,
    }).execute();
    if (s.share !== 'decision_request') {
      const consentId = randomUUID();
      await db.insertInto('consent_events').values({ id: consentId, person_id: personId, purpose: 'referral', target_organisation_id: ids.organisationId, status: 'given', method: 'verbal', explained_by: other.id, recorded_at: new Date() }).execute();
      referralId = randomUUID();
      const status = s.share === 'accepted' ? 'accepted' : s.share === 'ended' ? 'withdrawn' : 'sent';
      await sql`insert into referrals (id, case_id, kind, service, from_organisation_id, to_organisation_id, status, person_fields, message, consent_event_id, share_id, sent_by, sent_at,
          accepted_by, accepted_at, withdrawn_by, withdrawn_at)
        values (${referralId}, ${caseId}, 'service', 'safety', ${ids.otherOrganisationId}, ${ids.organisationId}, ${status}, ${[...s.sharedFields]}::text[],
          ${cipher.encrypt(values.message, `referrals.message:${referralId}`)}, ${consentId}, ${shareId}, ${other.id}, now(),
          ${status === 'accepted' ? user.id : null}, ${status === 'accepted' ? new Date() : null}, ${status === 'withdrawn' ? other.id : null}, ${status === 'withdrawn' ? new Date() : null})`.execute(db);
    }
  }
  // An operation recorded by the record's organisation; its investigation referred to the subject's organisation, or
  // its suspect tried before it, as the scenario's prosecution standing says.
  const operationId = randomUUID();
  const investigationId = randomUUID();
  const suspectId = randomUUID();
  const standing = s.prosecution ?? 'none';
  await db.insertInto('prosecution_operations').values({
    id: operationId, reference: `OP-${operationId}`, organisation_id: prosecutionFactsOf(s, ids).organisationId ?? '', name: 'Operation', origin: 'hotline', approach: 'reactive',
    places: JSON.stringify([{ stage: 'exploitation', country: 'IT' }]), place_names: cipher.encrypt(JSON.stringify([values.operationPlace]), placeNamesBinding(operationId)), started_on: '2025-01-01', created_by: other.id,
  }).execute();
  await db.insertInto('prosecution_investigations').values({
    id: investigationId, operation_id: operationId, reference: `INV-${investigationId}`, title: 'Investigation', origin: 'hotline', approach: 'reactive', opened_on: '2025-01-02',
    prosecution_office_id: standing === 'prosecution_referral' ? ids.organisationId : null, referred_on: standing === 'prosecution_referral' ? '2025-01-03' : null, created_by: other.id,
  }).execute();
  await db.insertInto('prosecution_suspects').values({
    id: suspectId, operation_id: operationId, investigation_id: investigationId, pseudonym: cipher.encrypt(values.suspectPseudonym, pseudonymBinding(suspectId)),
    identity: cipher.encrypt(JSON.stringify({ familyName: values.suspectName }), identityBinding(suspectId)), roles: ['recruiter'], sex: 'male',
    court_organisation_id: standing === 'before_court' ? ids.organisationId : null, created_by: other.id,
  }).execute();
  const viewers = [
    { subject: subjectOf(s, ids), client: await clientFor(t, user) },
    { subject: { userId: other.id, organisationId: ids.otherOrganisationId, organisationType: 'ngo', jurisdictions: [], roles: ['caseworker'] } satisfies Subject, client: await clientFor(t, other) },
  ];
  return { scenario: s, ids, caseId, reference, personId, referralId, operationId, suspectId, values, viewers };
}

/** The facts of each record kind of the world, as the viewer stands to it. */
function factsFor(w: World, kind: string, viewer: Subject): RecordFacts {
  if (kind === 'person') return personFactsOf(w.scenario, w.ids);
  if (kind.startsWith('prosecution')) return prosecutionFactsOf(w.scenario, w.ids);
  const facts = caseFactsOf(w.scenario, w.ids);
  if (kind !== 'referral') return facts;
  // A referral is held by its sender (the other organisation); the receiver holds its share.
  return { ...facts, organisationId: viewer.organisationId === w.ids.otherOrganisationId ? w.ids.otherOrganisationId : facts.organisationId };
}

/** The world a record of the response belongs to (records of earlier runs stay in the database and may be seen). */
function worldOf(worlds: readonly World[], kind: string, value: Record<string, unknown>): World | undefined {
  if (kind === 'prosecutionOperation') return worlds.find((w) => w.operationId === value.id);
  if (kind === 'prosecutionSuspect') return worlds.find((w) => w.suspectId === value.id);
  const id = kind === 'caseRecord' || kind === 'assistancePlan' || kind === 'document' || kind.startsWith('account') || kind === 'personProfile' || kind === 'caseIntake' || kind === 'caseScreenings' ? value.caseId : value.id;
  return worlds.find((w) => (kind === 'person' ? w.personId : kind === 'referral' ? w.referralId : w.caseId) === id);
}

const visibleTo = (w: World, viewer: Subject) =>
  Object.fromEntries(Object.entries(fieldPolicies).map(([kind, policy]) => [kind, visibleFields(policy, viewer, factsFor(w, kind, viewer))]));

/** Concrete URLs for a route: each record of the world for an id parameter (`:id`, `:caseId`...), `1` for the others. */
function urlsFor(route: Route, w: World): string[] {
  const isId = (name: string) => name === 'id' || name.endsWith('Id');
  const ids = [w.caseId, w.personId, w.referralId ?? randomUUID(), w.operationId, w.suspectId];
  const fill = (url: string, id: string) => url.replace(/:(\w+)/g, (_, name: string) => (isId(name) ? id : '1'));
  const base = /:(id\b|\w+Id\b)/.test(route.url) ? ids.map((id) => fill(route.url, id)) : [fill(route.url, '')];
  // Routes whose query string is required get a hint (a new one answers 400 until given one: the coverage check says so).
  const hints: Record<string, string[]> = { '/api/cases/search': [`?reference=${w.reference}`, `?name=${encodeURIComponent(w.values.givenName)}`, `?birthDate=${w.values.birthDate}`] };
  return base.flatMap((url) => hints[route.url]?.map((q) => `${url}${q}`) ?? [url]);
}

const example = (s: Partial<Scenario>): Scenario => ({
  roles: ['caseworker'], organisationType: 'shelter', sameOrganisation: false, assigned: false, lawEnforcementConsent: false, inJurisdiction: true, share: 'none', sharedFields: [], ...s,
});
/** The sample always holds each relationship once (then fast-check draws more from the generator). */
const relationshipExamples: Scenario[] = [
  example({ roles: ['investigator'], organisationType: 'law_enforcement', lawEnforcementConsent: true }),
  example({ roles: ['investigator'], organisationType: 'law_enforcement', sameOrganisation: true }),
  example({ share: 'awaiting_acceptance', sharedFields: ['pseudonym', 'phone'] }),
  example({ roles: ['supervisor'], share: 'accepted', sharedFields: ['givenName', 'familyName', 'pseudonym', 'birthDate', 'identityNumber'] }),
  example({ share: 'ended', sharedFields: ['pseudonym', 'phone'] }),
  example({ roles: ['decision_maker'], organisationType: 'competent_authority', share: 'decision_request', sharedFields: ['givenName', 'familyName', 'pseudonym', 'birthDate', 'identityNumber'] }),
  example({ assigned: true }),
  example({ roles: ['national_coordinator'], organisationType: 'national_coordinator', lawEnforcementConsent: true, share: 'awaiting_acceptance', sharedFields: ['pseudonym'] }),
  example({ roles: ['prosecutor'], organisationType: 'prosecutor', prosecution: 'prosecution_referral' }),
  example({ roles: ['court_clerk'], organisationType: 'court', prosecution: 'before_court' }),
  example({ roles: ['analyst'], organisationType: 'law_enforcement' }),
];

/**
 * Every GET route, for the subject and the other side of each scenario: no 5xx, records within their policy, no personal
 * value outside it. Each relationship's example is its own test, then each of ten scenarios the generator draws, so that
 * the growing number of routes never makes one test the whole sample; records of earlier scenarios stay and are checked too.
 */
describe('no response carries a field outside the policy (property-based HTTP sample over the shared generator)', () => {
  const answered = new Set<string>();
  const worlds: World[] = [];
  const checkScenario = async (s: Scenario) => {
    const w = await seed(s);
    worlds.push(w);
    for (const { subject, client } of w.viewers) {
      const visible = new Map(worlds.map((seen) => [seen, visibleTo(seen, subject)]));
      for (const route of routes.filter((r) => r.method === 'GET')) {
        for (const url of urlsFor(route, w)) {
          const response = await client.request('GET', url);
          const where = `GET ${url} as ${JSON.stringify(subject.roles)} of ${subject.organisationType} in ${JSON.stringify(s)}`;
          expect(response.statusCode, `${where}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
          if (response.statusCode === 200 && isCovered(route)) answered.add(route.url);
          // A personal value seen must be one the policy shows this viewer of its record, and only on a typed route.
          for (const seen of worlds) {
            const shows = visible.get(seen);
            for (const [field, value] of Object.entries(seen.values)) {
              if (!response.body.includes(value)) continue;
              expect(route.schema, `${where}: ${field} answered through a route without a response schema`).toBeDefined();
              const shown =
                field === 'message' ? shows?.referral?.has('message')
                : field === 'suspectName' ? shows?.prosecutionSuspect?.has('identity')
                : field === 'suspectPseudonym' ? shows?.prosecutionSuspect?.has('pseudonym')
                : field === 'operationPlace' ? shows?.prosecutionOperation?.has('places')
                : field === 'personAccount' ? shows?.accountStatement?.has('personAccount')
                : field === 'exploiterPseudonym' ? shows?.accountExploiter?.has('pseudonym')
                : field === 'place' ? shows?.accountSituation?.has('places')
                : field === 'crimeReference' ? shows?.personProfile?.has('policeReport')
                : field === 'screeningNotes' ? shows?.caseScreenings?.has('screenings')
                : field === 'notes' ? shows?.case?.has('person.fields.notes') || shows?.person?.has('notes') || shows?.caseIntake?.has('notes')
                : shows?.case?.has(`person.fields.${field}`) || shows?.person?.has(field);
              expect(shown, `${where}: ${field} shown outside the policy`).toBe(true);
            }
          }
          if (response.statusCode !== 200 || !route.schema) continue;
          for (const record of recordsIn(route.schema, response.json())) {
            const seen = worldOf(worlds, record.kind, record.value);
            expect(seen, `${where}: a ${record.kind} that is not in the sample`).toBeDefined();
            const outside = fieldsOutsidePolicy(record.value, (seen && visible.get(seen)?.[record.kind]) ?? new Set());
            expect(outside, `${where}: ${record.kind} fields outside the policy`).toEqual([]);
          }
        }
      }
    }
  };
  for (const [index, scenario] of relationshipExamples.entries()) {
    it(`relationship example ${index + 1}: ${scenario.roles.join(', ')} of a ${scenario.organisationType}, share ${scenario.share}`, () => checkScenario(scenario));
  }
  // Ten more drawn by the shared generator from a fixed seed (the same sample on every run, each its own test).
  for (const [index, scenario] of fc.sample(scenarioArbitrary, { numRuns: 10, seed: 20_260_101 }).entries()) {
    it(`drawn scenario ${index + 1}: ${scenario.roles.join(', ')} of a ${scenario.organisationType}, share ${scenario.share}`, () => checkScenario(scenario));
  }
  it('each record route answered the sample at least once (a route the sample cannot reach is not covered)', () => {
    const coveredGets = routes.filter((r) => r.method === 'GET' && isCovered(r)).map((r) => r.url);
    expect(coveredGets.filter((url) => !answered.has(url))).toEqual([]);
  });
});
