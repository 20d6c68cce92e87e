import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseRecordKinds,
  consentPurposes,
  exploiterFields,
  htcdsCoreFieldCoverage,
  profileSectionSchemas,
  situationFields,
  statementFields,
  type FieldCoverage,
} from '@palermo/contracts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { migrate } from '../../platform/db/migrate.js';
import { countsOf, renderCoverageDocument } from './coverage-document.js';
import { ukReferralFormCoverage } from './uk-referral-form.js';

/**
 * The coverage document cannot rot: every place it names exists in the migrated database (and every JSON key in the
 * request schema that writes it), every question of the referral form and every HTCDS core field is listed once, and
 * docs/standards-coverage.md is the rendering of the lists (PALERMO_WRITE_COVERAGE=1 writes it).
 */
const repository = (path: string) => fileURLToPath(new URL(`../../../../../${path}`, import.meta.url));
const shared = (path: string) => fileURLToPath(new URL(`../../../../../../shared/${path}`, import.meta.url));
const documentPath = repository('docs/standards-coverage.md');

let t: TestDatabase;
let columns: Set<string>;

beforeAll(async () => {
  t = await createTestDatabase();
  await migrate(t.database);
  const rows = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()`.execute(t.database.db);
  columns = new Set(rows.rows.map((r) => `${r.table_name}.${r.column_name}`));
});
afterAll(async () => t?.drop());

const keysOf = (schema: unknown): string[] => Object.keys((schema as { shape?: Record<string, unknown> }).shape ?? {});
const camel = (name: string) => name.replace(/_(\w)/gu, (_, c: string) => c.toUpperCase());

/** The keys a JSON column (or a kind column) may hold, for the columns whose keys a location names. */
function keysAllowed(place: string): readonly string[] | undefined {
  const [table, column] = place.split('.');
  if (table === 'person_profiles' && column) {
    const schema = (profileSectionSchemas as Record<string, unknown>)[camel(column)];
    return schema ? keysOf(schema) : undefined;
  }
  // The free text of a situation's places is stored apart from the structured places (placeTexts[i] names places[i]).
  if (table === 'account_situations') return [...keysOf(situationFields), 'placeTexts'];
  if (table === 'account_exploiters') return keysOf(exploiterFields);
  if (table === 'account_statements') return keysOf(statementFields);
  if (table === 'case_records') return caseRecordKinds;
  if (table === 'consent_events' && column === 'purpose') return consentPurposes;
  return undefined;
}

function problemsOf(name: string, entry: FieldCoverage): string[] {
  const problems: string[] = [];
  if (entry.coverage === 'none' && entry.at.length > 0) problems.push(`${name}: kept nowhere, yet places are named`);
  if (entry.coverage !== 'none' && entry.at.length === 0) problems.push(`${name}: kept ${entry.coverage}, but no place is named`);
  if (entry.coverage !== 'full' && !entry.note) problems.push(`${name}: a note must say how, or why not`);
  for (const location of entry.at) {
    const [place = '', key] = location.split(':');
    if (!columns.has(place)) problems.push(`${name}: no column ${place}`);
    if (key !== undefined) {
      const allowed = keysAllowed(place);
      if (!allowed) problems.push(`${name}: ${place} has no known keys (${key})`);
      else if (!allowed.includes(key)) problems.push(`${name}: ${place} has no key ${key}`);
    }
  }
  return problems;
}

describe('standards coverage', () => {
  it('names only places that exist', () => {
    const problems = [
      ...ukReferralFormCoverage.flatMap((e) => problemsOf(e.fields[0] ?? '', e)),
      ...htcdsCoreFieldCoverage.flatMap((e) => problemsOf(e.field, e)),
    ];
    expect(problems).toEqual([]);
    // And the check does catch a place that does not exist, and a key its section does not have.
    expect(problemsOf('probe', { coverage: 'full', at: ['persons.shoe_size', 'person_profiles.background:shoeSize', 'account_situations.data:startDate'] })).toEqual([
      'probe: no column persons.shoe_size',
      'probe: person_profiles.background has no key shoeSize',
    ]);
  });

  it('lists every question of the UK referral form once', () => {
    const listed = ukReferralFormCoverage.flatMap((e) => e.fields);
    expect(new Set(listed).size).toBe(listed.length);
    const source = shared('datasets/uk_nrm_referral_form/apps_nrm_fields_index.js');
    if (!existsSync(source)) {
      console.warn(`${source} is absent: the form's field list is not compared`);
      return;
    }
    const fields = [...readFileSync(source, 'utf8').matchAll(/^ {2}'?([a-z0-9-]+)'?: \{/gmu)].map((m) => m[1] ?? '').filter((f) => f !== 'dependent');
    expect([...listed].sort()).toEqual([...fields].sort());
  });

  it('lists every HTCDS core field once', () => {
    const listed = htcdsCoreFieldCoverage.map((e) => e.field);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toHaveLength(40);
    const source = shared('data-standard.md');
    if (!existsSync(source)) {
      console.warn(`${source} is absent: the core fields are not compared`);
      return;
    }
    // §1.2: the rows of the person and victim tables marked C (a row may name several fields), and every cas_ field
    // and con_Consent (all core).
    const text = readFileSync(source, 'utf8');
    const section = text.slice(text.indexOf('### 1.2'), text.indexOf('### 1.3'));
    const core = new Set<string>();
    for (const line of section.split('\n')) {
      const cells = line.split('|').map((c) => c.trim());
      const names = (cells[1] ?? '').replace(/\*/gu, '').replace('(C)', '').trim();
      if (!(cells[2] === 'C' || names.startsWith('cas_') || names === 'con_Consent')) continue;
      for (const part of names.split(',')) {
        // prs_MailingStreet/City/State: the later names share the first one's stem (prs_Mailing).
        const [first = '', ...more] = part.trim().split('/');
        const stem = first.replace(/[A-Z][a-z]*$/u, '');
        for (const name of [first, ...more.map((m) => `${stem}${m.trim()}`)]) if (/^(prs|vic|cas|con)_\w+$/u.test(name)) core.add(name);
      }
    }
    expect([...core].sort()).toEqual([...listed].sort());
  });

  it('is the document in the repository, with its counts', () => {
    const rendered = renderCoverageDocument();
    if (process.env['PALERMO_WRITE_COVERAGE'] === '1') writeFileSync(documentPath, rendered);
    expect(readFileSync(documentPath, 'utf8')).toBe(rendered);
    const uk = countsOf(ukReferralFormCoverage);
    expect(uk.full + uk.partial + uk.none).toBe(uk.total);
    console.info(`UK referral form: ${uk.total} questions, ${uk.full} fully, ${uk.partial} in part, ${uk.none} not`);
    const htcds = countsOf(htcdsCoreFieldCoverage);
    console.info(`HTCDS core fields: ${htcds.total}, ${htcds.full} fully, ${htcds.partial} in part, ${htcds.none} not`);
  });
});
