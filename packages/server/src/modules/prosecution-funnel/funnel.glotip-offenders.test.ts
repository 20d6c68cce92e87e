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
 */
const KEYS = { A: 3, B: 41, C: 97, D: 150, E: 200, F: 17, G: 88 } as const;
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
  const ids: Record<Name, string> = { ...world.suspects, G: g.id };
  for (const [name, id] of Object.entries(ids) as Array<[Name, string]>) {
    await sql`UPDATE prosecution_suspects SET record_key = ${KEYS[name]} WHERE id = ${id}::uuid`.execute(t.platform.db);
  }
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
    const method = (names: Name[], measure: number) => perturb(names.length, measureKey(keySum(names), measure));
    expect(published(at(CONTACT, 'Total', 'Total', 'Total', 'Total'))).toBe(method(['A', 'B', 'C', 'D', 'E', 'F', 'G'], MEASURE.glotipContact));
    expect(published(at(PROSECUTED, 'Total', 'Total', 'Male', 'Total'))).toBe(method(['C', 'E', 'F'], MEASURE.glotipProsecuted));
    expect(published(at(CONVICTED, 'by citizenship', 'Foreign nationals', 'Total', 'Total'))).toBe(method(['E'], MEASURE.glotipConvicted));
    // Written down once: fixed keys give fixed figures, run after run.
    expect([
      published(at(CONTACT, 'Total', 'Total', 'Total', 'Total')),
      published(at(CONTACT, 'Total', 'Total', 'Female', 'Total')),
      published(at(PROSECUTED, 'Total', 'Total', 'Total', 'Total')),
      published(at(CONVICTED, 'Total', 'Total', 'Total', 'Total')),
      published(at(CONVICTED, 'by citizenship', 'Nationals', 'Total', 'Total')),
    ]).toEqual(STABLE);
    for (const f of tables.figures) {
      const exact = exactOf(await suspects(), f)?.n ?? 0;
      expect(Math.abs(f.value - exact)).toBeLessThanOrEqual(MAX_CHANGE);
      if (exact === 0) expect(f.value).toBe(0);
    }
    // The full grid is written, zeros included (a row's presence says nothing): 3 tables x (16 sex-age + 3 citizenship).
    expect(tables.figures).toHaveLength(3 * 19);
    expect(tables.provisions).toEqual({ charged: ['Art. 210', 'Art. 210 (2)'], convicted: ['Art. 210', 'Art. 210 (2)'] });
    // The funnel page's GLOTIP columns are the same cells: the same figures.
    const report = (await (await rapporteur.request('GET', '/api/prosecution/funnel')).json()) as FunnelReport;
    const beside = must(report.glotip.rows.find((r) => r.year === 2024));
    expect([beside.prosecuted, beside.convicted]).toEqual([published(at(PROSECUTED, 'Total', 'Total', 'Total', 'Total')), published(at(CONVICTED, 'Total', 'Total', 'Total', 'Total'))]);
    const again = await offenderTables(t.platform.db, t.platform.cipher.recordKeys, 'ROU');
    expect(again.figures).toEqual(tables.figures);
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
      const { figures } = publishOffenderTables(facts);
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
    expect(result.offenders?.rows).toBe(3 * 19);
    expect(result.offenders?.methodology.join(' ')).toMatch(/counted once per table and year/u);
    const rows = parse(result.csv, { columns: true }) as Array<Record<string, string>>;
    const convicted = must(rows.find((r) => r['Indicator'] === CONVICTED && r['Dimension'] === 'Total' && r['Sex'] === 'Total' && r['Age'] === 'Total'));
    expect(convicted).toMatchObject({ Iso3_code: 'ROU', Country: 'Romania', Year: '2024', 'Unit of measurement': 'Counts', txtVALUE: String(STABLE[3]) });
    expect(convicted['Source']).toContain('legal provision: Art. 210, Art. 210 (2)');
    expect(result.csv).not.toMatch(/Given|Family|Person [A-G]/u);
  });

  it('downloads from the web app for the rapporteur only, labelled in English, French and Arabic, methodology first', async () => {
    const csv = await rapporteur.request('GET', '/api/exports/glotip/offenders?format=csv&language=fr');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.body.split('\n')[0]).toMatch(/^# Tableaux GLOTIP/u);
    expect(csv.body).toContain(`Persons convicted,Personnes condamnées,Total,Total,Total,Total,Total,Total,Total,Total,2024,${STABLE[3]},`);
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

/** Contact total, contact female, prosecuted total, convicted total, convicted nationals (fixed keys above). */
const STABLE = [8, 0, 3, 2, 2];
