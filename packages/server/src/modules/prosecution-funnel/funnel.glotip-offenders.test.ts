import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { readSheet } from 'read-excel-file/node';
import { parse } from 'csv-parse/sync';
import type { FunnelReport } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { measureKey, perturb, MAX_CHANGE } from '../statistics/cell-key.js';
import { systemActor } from '../../platform/audit/audit.js';
import { exportGlotip } from '../reference-statistics/glotip-export.js';
import { MEASURE } from './funnel.engine.js';
import { funnelFacts } from './funnel.changes.js';
import type { SuspectFacts } from './funnel.facts.js';
import { exactOf, offenderTables, publishOffenderTables, type OffenderFigure, type OffenderIndicator } from './funnel.glotip-offenders.js';
import { recordFunnelWorld, type FunnelWorld } from './funnel.test-support.js';
import { must } from '../statistics/must.js';

/**
 * The funnel's known world (funnel.test-support.ts: A..F, Romania) plus: F convicted on a second trafficking charge
 * (counted once), and G, a child of unrecorded sex and citizenship, arrested only. Every suspect gets a fixed record
 * key, so the perturbed figures are the same on every run and can be written down here.
 *
 *   formal contact 2024: A B C D E F G (7)  female A D, male B C E F, unknown G; child G; nationals A D F, foreign B E, unknown C G
 *   prosecuted 2024:     C D E F (4)        (all charged with trafficking and brought to court)
 *   convicted 2024:      E F (2)            (D was convicted of smuggling only: a downgrade is not a trafficking conviction)
 *
 * And in 2023, an operation of sexual exploitation: H, I, J Ukrainian and K Bulgarian (H convicted, I prosecuted,
 * J and K suspected only), for the tables by country of citizenship (the small-cell threshold set so that Ukraine
 * is listed on its own) and by form of exploitation. The 2024 persons' operation is of forced labour.
 */
const KEYS = { A: 3, B: 41, C: 97, D: 150, E: 200, F: 17, G: 88, H: 230, I: 64, J: 129, K: 5 } as const;
type Name = keyof typeof KEYS;
const keySum = (names: readonly Name[]) => names.reduce((k, n) => k + KEYS[n], 0);

let t: TestApp;
let world: FunnelWorld;
let rapporteur: Client;
let coordinator: Client;
let analyst: Client;
let caseworker: Client;

beforeAll(async () => {
  t = await createTestApp();
  world = await recordFunnelWorld(t);
  const ok = async (client: Client, url: string, body: unknown) => {
    const response = await client.request('POST', url, body);
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return response.json() as { id: string };
  };
  const { operation_id: operationId, investigation_id: investigationId } = await t.platform.db
    .selectFrom('prosecution_suspects').select(['operation_id', 'investigation_id']).where('id', '=', world.suspects.A).executeTakeFirstOrThrow();
  // F: a second trafficking charge, convicted too.
  const second = await ok(world.prosecutor, `/api/prosecution/suspects/${world.suspects.F}/steps`, { kind: 'charge', occurredOn: '2024-02-16', provision: 'Art. 210 (2)', category: 'trafficking' });
  await ok(world.prosecutor, `/api/prosecution/suspects/${world.suspects.F}/steps`, { kind: 'verdict', occurredOn: '2024-06-10', chargeId: second.id, outcome: 'convicted' });
  // G: a child of unrecorded sex and citizenship, arrested only.
  const g = await ok(world.police, `/api/prosecution/operations/${operationId}/suspects`, {
    investigationId, pseudonym: 'Person G', identity: { givenName: 'GivenG', familyName: 'FamilyG' }, roles: ['transporter'], sex: 'unknown', citizenships: [], ageAtOffence: 16,
  });
  await ok(world.police, `/api/prosecution/suspects/${g.id}/steps`, { kind: 'arrest', occurredOn: '2024-01-22' });
  // H..K: 2023, sexual exploitation, Ukraine and Bulgaria.
  const { prosecution_office_id: officeId } = await t.platform.db.selectFrom('prosecution_investigations').select('prosecution_office_id').where('id', '=', investigationId).executeTakeFirstOrThrow();
  const courtId = await insertOrganisation(t, 'court');
  const harbour = await ok(world.police, '/api/prosecution/operations', {
    name: 'Harbour', origin: 'hotline', approach: 'reactive', formsOfExploitation: ['SexualExploitation'], places: [], agencyOrganisationIds: [],
    protocol: { acts: ['recruitment'], means: ['deception'], purposes: ['other_sexual_exploitation'] }, startedOn: '2023-02-01',
  });
  const inv2023 = await ok(world.police, `/api/prosecution/operations/${harbour.id}/investigations`, { title: 'Harbour 2023', origin: 'hotline', approach: 'reactive', openedOn: '2023-02-10' });
  await ok(world.police, `/api/prosecution/investigations/${inv2023.id}/referral`, { prosecutionOfficeId: officeId, referredOn: '2023-02-20' });
  const later: Partial<Record<Name, string>> = {};
  for (const [name, sex, country] of [['H', 'female', 'UA'], ['I', 'male', 'UA'], ['J', 'male', 'UA'], ['K', 'male', 'BG']] as const) {
    later[name] = (await ok(world.police, `/api/prosecution/operations/${harbour.id}/suspects`, {
      investigationId: inv2023.id, pseudonym: `Person ${name}`, identity: { givenName: `Given${name}`, familyName: `Family${name}` }, roles: ['exploiter'], sex, citizenships: [country], ageAtOffence: 35,
    })).id;
  }
  for (const name of ['H', 'I'] as const) {
    const steps = `/api/prosecution/suspects/${must(later[name])}/steps`;
    const charge = await ok(world.prosecutor, steps, { kind: 'charge', occurredOn: '2023-03-01', provision: 'Art. 210', category: 'trafficking' });
    await ok(world.prosecutor, steps, { kind: 'prosecution', occurredOn: '2023-04-01', courtOrganisationId: courtId });
    if (name === 'H') await ok(world.prosecutor, steps, { kind: 'verdict', occurredOn: '2023-09-01', chargeId: charge.id, outcome: 'convicted' });
  }
  const ids: Record<Name, string> = { ...world.suspects, G: g.id, H: must(later.H), I: must(later.I), J: must(later.J), K: must(later.K) };
  for (const [name, id] of Object.entries(ids) as Array<[Name, string]>) {
    await sql`UPDATE prosecution_suspects SET record_key = ${KEYS[name]} WHERE id = ${id}::uuid`.execute(t.platform.db);
  }
  // Ukraine (H, I, J) is listed: the threshold is its own published count of persons (at least 1 of 3).
  await sql`UPDATE country_settings SET small_cell_threshold = ${THRESHOLD()} WHERE id = 1`.execute(t.platform.db);
  rapporteur = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur']));
  coordinator = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'national_coordinator'), ['national_coordinator']));
  analyst = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'law_enforcement'), ['analyst']));
  caseworker = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo'), ['caseworker']));
}, 300_000);
afterAll(async () => t?.close());

const suspects = async (): Promise<SuspectFacts> => (await funnelFacts(t.platform.db, t.platform.cipher.recordKeys, 'ROU')).suspects;
const at = (indicator: OffenderIndicator, dimension: OffenderFigure['dimension'], category: string, sex: OffenderFigure['sex'], age: OffenderFigure['age']) =>
  ({ indicator, year: 2024, dimension, category, sex, age }) as const;
const find = (figures: readonly OffenderFigure[], where: Omit<OffenderFigure, 'value'>) =>
  must(figures.find((f) => f.indicator === where.indicator && f.year === where.year && f.dimension === where.dimension && f.category === where.category && f.sex === where.sex && f.age === where.age));

const method = (names: readonly Name[], measure: number) => (names.length === 0 ? 0 : perturb(names.length, measureKey(keySum(names), measure)));
/** Persons of each foreign country (all years), and the threshold that lists Ukraine. */
const COUNTRIES: Record<string, Name[]> = { MD: ['B', 'E'], UA: ['H', 'I', 'J'], BG: ['K'] };
const THRESHOLD = () => method(must(COUNTRIES['UA']), MEASURE.glotipContact);
const LISTED = () => Object.keys(COUNTRIES).filter((c) => method(must(COUNTRIES[c]), MEASURE.glotipContact) >= THRESHOLD());
const at2023 = (indicator: OffenderIndicator, dimension: OffenderFigure['dimension'], category: string) => ({ ...at(indicator, dimension, category, 'Total', 'Total'), year: 2023 });

const CONTACT = 'Persons brought into formal contact';
const PROSECUTED = 'Persons prosecuted';
const CONVICTED = 'Persons convicted';

describe('the GLOTIP offender tables', () => {
  it('counts the known persons exactly before perturbation, each person once per table and year', async () => {
    const s = await suspects();
    const n = (where: Omit<OffenderFigure, 'value'>) => exactOf(s, where)?.n ?? 0;
    expect(n(at(CONTACT, 'Total', 'Total', 'Total', 'Total'))).toBe(7);
    expect([n(at(CONTACT, 'Total', 'Total', 'Female', 'Total')), n(at(CONTACT, 'Total', 'Total', 'Male', 'Total')), n(at(CONTACT, 'Total', 'Total', 'Unknown', 'Total'))]).toEqual([2, 4, 1]);
    expect([n(at(CONTACT, 'Total', 'Total', 'Total', '0 to 17 years')), n(at(CONTACT, 'Total', 'Total', 'Total', '18 years or over'))]).toEqual([1, 6]);
    expect(n(at(CONTACT, 'Total', 'Total', 'Unknown', '0 to 17 years'))).toBe(1);
    expect(['Nationals', 'Foreign nationals', 'Unknown'].map((c) => n(at(CONTACT, 'by citizenship', c, 'Total', 'Total')))).toEqual([3, 2, 2]);
    expect(n(at(PROSECUTED, 'Total', 'Total', 'Total', 'Total'))).toBe(4);
    expect(n(at(PROSECUTED, 'Total', 'Total', 'Female', '18 years or over'))).toBe(1);
    // F was convicted on two charges and counts once; D's conviction was downgraded to smuggling and does not count.
    expect(n(at(CONVICTED, 'Total', 'Total', 'Total', 'Total'))).toBe(2);
    expect(n(at(CONVICTED, 'Total', 'Total', 'Female', 'Total'))).toBe(0);
    expect(['Nationals', 'Foreign nationals', 'Unknown'].map((c) => n(at(CONVICTED, 'by citizenship', c, 'Total', 'Total')))).toEqual([1, 1, 0]);
    // The key sums are those of exactly these persons.
    expect(exactOf(s, at(CONVICTED, 'Total', 'Total', 'Total', 'Total'))?.key).toBe(keySum(['E', 'F']));
    expect(exactOf(s, at(PROSECUTED, 'by citizenship', 'Nationals', 'Total', 'Total'))?.key).toBe(keySum(['D', 'F']));
  });

  it('publishes every figure perturbed at its persons\' keys, the same on every run, a total as its own cell', async () => {
    const tables = await offenderTables(t.platform.db, t.platform.cipher.recordKeys, 'ROU');
    const published = (where: Omit<OffenderFigure, 'value'>) => find(tables.figures, where).value;
    expect(published(at(CONTACT, 'Total', 'Total', 'Total', 'Total'))).toBe(method(['A', 'B', 'C', 'D', 'E', 'F', 'G'], MEASURE.glotipContact));
    expect(published(at(PROSECUTED, 'Total', 'Total', 'Male', 'Total'))).toBe(method(['C', 'E', 'F'], MEASURE.glotipProsecuted));
    expect(published(at(CONVICTED, 'by citizenship', 'Foreign nationals', 'Total', 'Total'))).toBe(method(['E'], MEASURE.glotipConvicted));
    // Computed from the keys: the same figures run after run.
    expect([
      published(at(CONTACT, 'Total', 'Total', 'Total', 'Total')),
      published(at(CONTACT, 'Total', 'Total', 'Female', 'Total')),
      published(at(PROSECUTED, 'Total', 'Total', 'Total', 'Total')),
      published(at(CONVICTED, 'Total', 'Total', 'Total', 'Total')),
      published(at(CONVICTED, 'by citizenship', 'Nationals', 'Total', 'Total')),
    ]).toEqual(STABLE());
    for (const f of tables.figures) {
      const exact = exactOf(await suspects(), f, tables.countries)?.n ?? 0;
      expect(Math.abs(f.value - exact)).toBeLessThanOrEqual(MAX_CHANGE);
      if (exact === 0) expect(f.value).toBe(0);
    }
    // The full grid is written, zeros included (a row's presence says nothing): 3 tables x 2 years x (16 sex-age +
    // 3 citizenship + the listed countries + other countries + 3 forms).
    expect(tables.figures).toHaveLength(ROWS());
    expect(tables.provisions).toEqual({ charged: ['Art. 210', 'Art. 210 (2)'], convicted: ['Art. 210', 'Art. 210 (2)'] });
    // The funnel page's GLOTIP columns are the same cells: the same figures.
    const report = (await (await rapporteur.request('GET', '/api/prosecution/funnel')).json()) as FunnelReport;
    const beside = must(report.glotip.rows.find((r) => r.year === 2024));
    expect([beside.prosecuted, beside.convicted]).toEqual([published(at(PROSECUTED, 'Total', 'Total', 'Total', 'Total')), published(at(CONVICTED, 'Total', 'Total', 'Total', 'Total'))]);
    const again = await offenderTables(t.platform.db, t.platform.cipher.recordKeys, 'ROU');
    expect(again.figures).toEqual(tables.figures);
  });

  it('breaks the persons down by country of citizenship (listed only from the threshold up) and by form of exploitation', async () => {
    const tables = await offenderTables(t.platform.db, t.platform.cipher.recordKeys, 'ROU');
    const published = (where: Omit<OffenderFigure, 'value'>) => find(tables.figures, where).value;
    expect(tables.threshold).toBe(THRESHOLD());
    expect([...tables.countries].sort()).toEqual(LISTED().sort());
    expect(tables.countries).toContain('UA');
    const s = await suspects();
    // Exact before perturbation: Ukraine's persons of 2023, the forms of each year's operation.
    expect(exactOf(s, { ...at2023(CONTACT, 'by citizenship', 'Ukraine'), country: 'UA' }, tables.countries)).toEqual({ n: 3, key: keySum(['H', 'I', 'J']) });
    expect(exactOf(s, { ...at2023(CONVICTED, 'by citizenship', 'Ukraine'), country: 'UA' }, tables.countries)).toEqual({ n: 1, key: KEYS.H });
    // Published at the persons' keys, each country's figure a cell of its own persons, the others pooled.
    const byCountry = (year: number, indicator: OffenderIndicator, names: (c: string) => Name[], measure: number) => {
      for (const country of LISTED()) {
        const name = must(tables.figures.find((f) => f.country === country && f.year === year && f.indicator === indicator)).category;
        expect(published({ ...at(indicator, 'by citizenship', name, 'Total', 'Total'), year, country })).toBe(method(names(country), measure));
      }
      const pooled = Object.keys(COUNTRIES).filter((c) => !LISTED().includes(c)).flatMap(names);
      expect(published({ ...at(indicator, 'by citizenship', 'Other countries', 'Total', 'Total'), year })).toBe(method(pooled, measure));
    };
    const in2023 = (c: string) => must(COUNTRIES[c]).filter((n) => ['H', 'I', 'J', 'K'].includes(n));
    const in2024 = (c: string) => must(COUNTRIES[c]).filter((n) => ['B', 'E'].includes(n));
    byCountry(2023, CONTACT, in2023, MEASURE.glotipContact);
    byCountry(2023, PROSECUTED, (c) => in2023(c).filter((n) => n !== 'J' && n !== 'K'), MEASURE.glotipProsecuted);
    byCountry(2023, CONVICTED, (c) => in2023(c).filter((n) => n === 'H'), MEASURE.glotipConvicted);
    byCountry(2024, CONTACT, in2024, MEASURE.glotipContact);
    byCountry(2024, CONVICTED, (c) => in2024(c).filter((n) => n === 'E'), MEASURE.glotipConvicted);
    expect(published(at2023(CONTACT, 'by citizenship', 'Foreign nationals'))).toBe(method(['H', 'I', 'J', 'K'], MEASURE.glotipContact));
    // By form: 2023's operation is of sexual exploitation, 2024's of forced labour; none of other forms.
    expect(published(at2023(CONTACT, 'by form of exploitation', 'Sexual exploitation'))).toBe(method(['H', 'I', 'J', 'K'], MEASURE.glotipContact));
    expect(published(at2023(CONVICTED, 'by form of exploitation', 'Sexual exploitation'))).toBe(method(['H'], MEASURE.glotipConvicted));
    expect(published(at2023(CONVICTED, 'by form of exploitation', 'Forced labour'))).toBe(0);
    expect(published(at(PROSECUTED, 'by form of exploitation', 'Forced labour', 'Total', 'Total'))).toBe(method(['C', 'D', 'E', 'F'], MEASURE.glotipProsecuted));
    expect(published(at(CONVICTED, 'by form of exploitation', 'Other forms of exploitation', 'Total', 'Total'))).toBe(0);
    // Raising the threshold above every country's published count lists none: all are other countries.
    const { figures, countries } = publishOffenderTables(s, 1000);
    expect(countries).toEqual([]);
    expect(find(figures, at2023(CONTACT, 'by citizenship', 'Other countries')).value).toBe(method(['H', 'I', 'J', 'K'], MEASURE.glotipContact));
    expect(figures.some((f) => f.country !== undefined)).toBe(false);
  });

  it('does not give back a small cell by subtracting two published figures', async () => {
    // The one foreign national convicted (E): total convicted minus nationals convicted. Over pairs of record keys
    // spread as the keyed hash spreads them, the difference is the true 1 only as often as two independent changes
    // coincide (about 0.28); an exact total would give it back 0.40 of the time, exact parts always.
    const s = await suspects();
    const base = { ...s, size: 2 };
    // E and F, found in the facts by their keys; every other column of theirs is kept as recorded.
    const iE = Array.from(s.key).indexOf(KEYS.E);
    const iF = Array.from(s.key).indexOf(KEYS.F);
    const pick = <T extends { [k: number]: number; length: number }>(column: T, make: (n: number) => T): T => {
      const out = make(2);
      out[0] = must(column[iE]);
      out[1] = must(column[iF]);
      return out;
    };
    let recovered = 0;
    const trials = 6000;
    let seed = 12345;
    const next = () => ((seed = (seed * 48271) % 2147483647) >>> 8) % 256;
    for (let pair = 0; pair < trials; pair++) {
      const kE = next();
      const kF = next();
      const facts: SuspectFacts = {
        ...base,
        year: pick(s.year, (n) => new Int16Array(n)),
        forms: pick(s.forms, (n) => new Int32Array(n)),
        sex: pick(s.sex, (n) => new Int8Array(n)),
        citizenship: pick(s.citizenship, (n) => new Int8Array(n)),
        country: pick(s.country, (n) => new Int16Array(n)),
        child: pick(s.child, (n) => new Int8Array(n)),
        key: Uint8Array.from([kE, kF]),
        reached: pick(s.reached, (n) => new Int8Array(n)),
        reason: pick(s.reason, (n) => new Int8Array(n)),
        downgraded: pick(s.downgraded, (n) => new Uint8Array(n)),
        intervals: s.intervals.map((column) => pick(column, (n) => new Int32Array(n))),
        prosecutedYear: pick(s.prosecutedYear, (n) => new Int16Array(n)),
        convictedYear: pick(s.convictedYear, (n) => new Int16Array(n)),
        chargedYear: pick(s.chargedYear, (n) => new Int16Array(n)),
      };
      const { figures } = publishOffenderTables(facts, 11);
      const total = find(figures, at(CONVICTED, 'Total', 'Total', 'Total', 'Total')).value;
      const nationals = find(figures, at(CONVICTED, 'by citizenship', 'Nationals', 'Total', 'Total')).value;
      expect(total).toBe(perturb(2, measureKey(kE + kF, MEASURE.glotipConvicted)));
      if (total - nationals === 1) recovered += 1;
    }
    expect(recovered / trials).toBeLessThan(0.33);
    expect(recovered / trials).toBeGreaterThan(0.2);
  });

  it('is written by export glotip after the victims, in the same layout, with source, legal provision and methodology', async () => {
    const result = await exportGlotip(t.platform.db, systemActor('export glotip'), { country: 'RO', mask: true, cipher: t.platform.cipher });
    expect(result.offenders?.rows).toBe(ROWS());
    expect(result.offenders?.methodology.join(' ')).toMatch(/counted once per table and year/u);
    const rows = parse(result.csv, { columns: true }) as Array<Record<string, string>>;
    const convicted = must(rows.find((r) => r['Indicator'] === CONVICTED && r['Dimension'] === 'Total' && r['Sex'] === 'Total' && r['Age'] === 'Total' && r['Year'] === '2024'));
    expect(convicted).toMatchObject({ Iso3_code: 'ROU', Country: 'Romania', Year: '2024', 'Unit of measurement': 'Counts', txtVALUE: String(STABLE()[3]) });
    // A listed country under its English name, as GLOTIP writes citizenship; the other countries together.
    const ukraine = must(rows.find((r) => r['Indicator'] === CONTACT && r['Dimension'] === 'by citizenship' && r['Category'] === 'Ukraine' && r['Year'] === '2023'));
    expect(ukraine['txtVALUE']).toBe(String(method(['H', 'I', 'J'], MEASURE.glotipContact)));
    expect(rows.filter((r) => r['Indicator'] === CONVICTED && r['Dimension'] === 'by form of exploitation' && r['Year'] === '2023').map((r) => r['Category'])).toEqual(['Sexual exploitation', 'Forced labour', 'Other forms of exploitation']);
    expect(must(rows.find((r) => r['Indicator'] === CONVICTED && r['Dimension'] === 'by form of exploitation' && r['Category'] === 'Sexual exploitation' && r['Year'] === '2023'))['Source']).toContain('legal provision: Art. 210');
    expect(convicted['Source']).toContain('legal provision: Art. 210, Art. 210 (2)');
    expect(result.csv).not.toMatch(/Given|Family|Person [A-G]/u);
  });

  it('downloads from the web app for the rapporteur only, labelled in English, French and Arabic, methodology first', async () => {
    const csv = await rapporteur.request('GET', '/api/exports/glotip/offenders?format=csv&language=fr');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.body.split('\n')[0]).toMatch(/^# Tableaux GLOTIP/u);
    expect(csv.body).toContain(`Persons convicted,Personnes condamnées,Total,Total,Total,Total,Total,Total,Total,Total,2024,${STABLE()[3]},`);
    expect(csv.body).toContain(`Persons convicted,Personnes condamnées,by citizenship,Par nationalité,Ukraine,Ukraine,Total,Total,Total,Total,2023,${method(['H'], MEASURE.glotipConvicted)},`);
    expect(csv.body).toContain(`Persons convicted,Personnes condamnées,by form of exploitation,Par forme d’exploitation,Sexual exploitation,Exploitation sexuelle,Total,Total,Total,Total,2023,${method(['H'], MEASURE.glotipConvicted)},`);
    expect(csv.body).not.toMatch(/Given|Family|Person [A-G]/u);
    const xlsx = await rapporteur.request('GET', '/api/exports/glotip/offenders?format=xlsx&language=ar');
    expect(xlsx.statusCode).toBe(200);
    const rows = (await readSheet(xlsx.rawPayload, 'GLOTIP offenders')) as unknown[][];
    const contact = rows.find((r) => r[0] === CONTACT && r[2] === 'by citizenship' && r[4] === 'Nationals');
    expect(contact?.[1]).toBe('الأشخاص الذين خضعوا لاتصال رسمي (مشتبه بهم، موقوفون)');
    expect(contact?.[5]).toBe('المواطنون');
    expect((await readSheet(xlsx.rawPayload, 'Methodology')).length).toBeGreaterThan(5);
    for (const client of [coordinator, analyst, caseworker, world.prosecutor, world.police]) {
      expect((await client.request('GET', '/api/exports/glotip/offenders?format=csv')).statusCode).toBe(403);
    }
    expect((await rapporteur.request('GET', '/api/exports/glotip/offenders?format=pdf')).statusCode).toBe(400);
    const audited = await t.platform.db.selectFrom('audit_log').select('summary').where('action', '=', 'statistical_records.export').execute();
    expect(audited.some((a) => /GLOTIP offender tables downloaded as xlsx \(ar\)/u.test(a.summary ?? ''))).toBe(true);
  });

  it('cannot count a conviction without a prosecution: the verdict is refused', async () => {
    // B was charged but never brought to court.
    const charge = await t.platform.db.selectFrom('prosecution_steps').select('id').where('suspect_id', '=', world.suspects.B).where('kind', '=', 'charge').executeTakeFirstOrThrow();
    const response = await world.prosecutor.request('POST', `/api/prosecution/suspects/${world.suspects.B}/steps`, { kind: 'verdict', occurredOn: '2024-06-01', chargeId: charge.id, outcome: 'convicted' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/prosecution/u);
    const s = await suspects();
    expect(exactOf(s, at(CONVICTED, 'Total', 'Total', 'Total', 'Total'))?.n).toBe(2);
  });
});

/** Contact total, contact female, prosecuted total, convicted total, convicted nationals in 2024, from the keys above. */
const STABLE = () => [
  method(['A', 'B', 'C', 'D', 'E', 'F', 'G'], MEASURE.glotipContact),
  method(['A', 'D'], MEASURE.glotipContact),
  method(['C', 'D', 'E', 'F'], MEASURE.glotipProsecuted),
  method(['E', 'F'], MEASURE.glotipConvicted),
  method(['F'], MEASURE.glotipConvicted),
];
/** Figures written: 3 tables x 2 years x (16 sex-age + 3 citizenship + listed countries + other countries + 3 forms). */
const ROWS = () => 3 * 2 * (16 + 3 + LISTED().length + 1 + 3);
