import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions, auditPurposes, auditRecordTypes, roles } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type TestApp } from '../../../test/support/test-app.js';

/**
 * Every action, purpose and record type the server writes to the audit log is in the shared vocabulary, so the web
 * can show each one in the reader's language. Checked two ways: by reading the source (every literal written as an
 * audit field), and by reading back what real requests wrote to the log.
 */
const serverSource = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * The quoted literals given to an audit field or to a variable or parameter of the same name (`action: 'x.y'`,
 * `const action = a ? 'x.y' : 'x.z'`, `action = 'x.y'` as a default), including both arms of a conditional.
 */
function literalsOf(field: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(new RegExp(`(?<![.\\w])${field}\\s*(?::|=(?!=))\\s*([^,;)}\\n]+)`, 'g'))) {
    for (const literal of (match[1] ?? '').matchAll(/'([a-z_.]+)'/g)) found.push(literal[1] ?? '');
  }
  return found;
}

/** Lines that set a `purpose` that is not an audit purpose: a data key's purpose, a consent's, or a column's SQL type. */
const notAnAuditLine = (line: string) => line.includes("insertInto('data_keys')") || line.includes("insertInto('person_consents')") || /purpose: 'text'/.test(line);

describe('audit vocabulary', () => {
  const files = sourceFiles(serverSource);
  const written = { actions: new Set<string>(), purposes: new Set<string>(), recordTypes: new Set<string>() };
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !notAnAuditLine(line))
      .join('\n');
    for (const action of literalsOf('action', text)) if (action.includes('.')) written.actions.add(action);
    for (const action of literalsOf('kind', text)) if (/^audit\.alert/.test(action)) written.actions.add(action);
    for (const purpose of literalsOf('purpose', text)) written.purposes.add(purpose);
    for (const recordType of literalsOf('recordType', text)) written.recordTypes.add(recordType);
  }

  it('finds the audit fields in the source (the scan itself works)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(written.actions).toContain('auth.sign_in');
    expect(written.actions).toContain('user.deactivate'); // the second arm of a conditional
    expect(written.actions).toContain('auth.two_factor_enrolled'); // a variable named action
    expect(written.actions).toContain('auth.account_locked'); // a parameter's default
    expect(written.purposes).toContain('security');
    expect(written.recordTypes).toContain('audit_alert');
  });

  it('every action the source writes is in the vocabulary', () => {
    expect([...written.actions].filter((a) => !(auditActions as readonly string[]).includes(a))).toEqual([]);
  });

  it('every purpose the source writes is in the vocabulary', () => {
    expect([...written.purposes].filter((p) => !(auditPurposes as readonly string[]).includes(p))).toEqual([]);
  });

  it('every record type the source writes is in the vocabulary', () => {
    expect([...written.recordTypes].filter((r) => !(auditRecordTypes as readonly string[]).includes(r))).toEqual([]);
  });

  it('the vocabularies have no duplicates', () => {
    for (const list of [auditActions, auditPurposes, auditRecordTypes]) expect(new Set(list).size).toBe(list.length);
  });
});

describe('audit vocabulary, read back from the log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('the entries real requests write use only vocabulary codes', async () => {
    const organisationId = await insertOrganisation(t, 'ngo');
    const user = await insertUser(t, organisationId, [...roles]);
    const client = await clientFor(t, user);
    for (const url of ['/api/cases', '/api/audit', '/api/audit/alerts', '/api/statistics/options']) await client.request('GET', url);
    await client.request('POST', '/api/auth/sign-out');
    const rows = await t.platform.db.selectFrom('audit_log').select(['action', 'purpose', 'record_type']).distinct().execute();
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(auditActions).toContain(row.action);
      expect(auditPurposes).toContain(row.purpose);
      if (row.record_type !== null) expect(auditRecordTypes).toContain(row.record_type);
    }
  });
});

describe('audit vocabulary labels', () => {
  const localeDir = join(serverSource, '..', '..', 'web', 'src', 'i18n', 'locales');
  const key = (code: string) => code.replace(/\./g, '__');
  for (const locale of ['en', 'fr', 'ar']) {
    it(`every action, purpose and record type has a ${locale} label`, () => {
      const audit = (JSON.parse(readFileSync(join(localeDir, `${locale}.json`), 'utf8')) as { audit: Record<string, Record<string, unknown>> }).audit;
      const missing = [
        ...auditActions.filter((c) => typeof audit.actions?.[key(c)] !== 'string').map((c) => `actions.${c}`),
        ...auditPurposes.filter((c) => typeof audit.purposes?.[key(c)] !== 'string').map((c) => `purposes.${c}`),
        ...auditRecordTypes.filter((c) => typeof audit.recordTypes?.[key(c)] !== 'string').map((c) => `recordTypes.${c}`),
      ];
      expect(missing).toEqual([]);
      if (locale !== 'en') {
        const en = (JSON.parse(readFileSync(join(localeDir, 'en.json'), 'utf8')) as { audit: Record<string, Record<string, string>> }).audit;
        // A French or Arabic label copied from English is an untranslated one (a few words are the same in French).
        const same = auditActions.filter((c) => audit.actions?.[key(c)] === en.actions?.[key(c)]);
        expect(same).toEqual([]);
      }
    });
  }
});
