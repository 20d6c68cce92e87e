import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import type { ColumnMappingInput, ImportRowProblem } from '@palermo/contracts';
import { SESSION_COOKIE, createSession } from '../../platform/auth/sessions.js';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let prosecutor: Client;
let prosecutorId: string;
let caseworkerId: string;
let agencyName: string;
let courtName: string;

const orgName = async (id: string) => (await t.platform.db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;

beforeAll(async () => {
  t = await createTestApp();
  agencyName = await orgName(await insertOrganisation(t, 'law_enforcement'));
  courtName = await orgName(await insertOrganisation(t, 'court'));
  const user = await insertUser(t, await insertOrganisation(t, 'prosecutor'), ['prosecutor']);
  prosecutorId = user.id;
  prosecutor = await clientFor(t, user);
  caseworkerId = (await insertUser(t, await insertOrganisation(t, 'ngo'), ['caseworker'])).id;
});
afterAll(async () => t.close());

/** Uploads as the web app does: the file as the body, its name and the mapping in headers. */
async function upload(userId: string, url: string, body: Buffer, fileName: string, mapping?: string) {
  const { token } = await createSession(t.platform.db, userId, 'active', { idleSeconds: 1800, absoluteSeconds: 3600 });
  const { csrf_token } = await t.platform.db.selectFrom('sessions').select('csrf_token').where('user_id', '=', userId).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  return t.app.inject({
    method: 'POST', url, cookies: { [SESSION_COOKIE]: token }, payload: body,
    headers: { 'x-csrf-token': csrf_token, 'content-type': 'application/octet-stream', 'x-file-name': fileName, ...(mapping ? { 'x-import-mapping': encodeURIComponent(mapping) } : {}) },
  });
}

const csvCell = (v: string) => (/[",\n;]/u.test(v) ? `"${v.replace(/"/gu, '""')}"` : v);
const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.map(csvCell).join(',')).join('\r\n'));

const headings = ['Case no', 'Operation', 'Started', 'Police unit', 'How it began', 'Defendant', 'First name', 'Surname', 'Role', 'Sex', 'Nationality', 'Charged', 'Statutes', 'Charge type', 'Court', 'Indicted', 'Judgment', 'Outcome', 'Convicted of', 'Convicted type', 'Prison (months)', 'Suspended', 'Appeal', 'Appeal by', 'Appeal decided', 'Appeal result'];

/** A spreadsheet as offices keep them: several statutes in a cell (semicolons, new lines), dates in three formats, blanks. */
const messyRows = () => [
  headings,
  ['2021/17', 'Vineyard', '03/04/2021', agencyName, 'Labour inspection', 'V-1', '', '', 'recruiter; exploiter', 'M', 'MD', '2021-06-01', 'Art. 165; Art. 362', 'trafficking; smuggling', courtName, '15.7.2021', '01/12/2022', 'Convicted; Acquitted', 'Art. 362', 'smuggling', '36', 'no', '2023-01-10', 'Defence', '10.6.2023', 'Upheld'],
  ['2021/17', 'Vineyard', '2021-04-03', agencyName, 'labour_inspection', 'V-2', '', '', 'Transporter', 'female', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
  ['', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
  ['2022/3', 'Night shift', '1.2.2022', agencyName, 'Hotline', 'K-9', 'Ivan', 'Petrov', 'exploiter', 'male', 'RU;UA', '01/03/2022', 'Art. 165\nArt. 166', 'Trafficking', courtName, '2022-04-01', '5.11.2022', 'acquitted', '', '', '', '', '20/11/2022', 'prosecution', '', ''],
];

const mapping: ColumnMappingInput = {
  columns: {
    operationReference: 'Case no', operationName: 'Operation', operationStartedOn: 'Started', agency: 'Police unit', origin: 'How it began', defendantReference: 'Defendant', pseudonym: 'Defendant',
    givenName: 'First name', familyName: 'Surname', roles: 'Role', sex: 'Sex', citizenships: 'Nationality', chargedOn: 'Charged', chargeProvisions: 'Statutes', chargeCategories: 'Charge type',
    court: 'Court', prosecutedOn: 'Indicted', verdictOn: 'Judgment', verdicts: 'Outcome', convictedProvisions: 'Convicted of', convictedCategories: 'Convicted type',
    custodialMonths: 'Prison (months)', suspended: 'Suspended', appealedOn: 'Appeal', appellant: 'Appeal by', appealDecidedOn: 'Appeal decided', appealOutcome: 'Appeal result',
  },
  constants: { approach: 'reactive' },
  dateFormats: ['dd/MM/yyyy', 'yyyy-MM-dd', 'd.M.yyyy'],
  listSeparator: 'semicolon_or_newline',
};

const counts = async () => ({
  operations: Number((await t.platform.db.selectFrom('prosecution_operations').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  suspects: Number((await t.platform.db.selectFrom('prosecution_suspects').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  steps: Number((await t.platform.db.selectFrom('prosecution_steps').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
});

describe('prosecution history import', () => {
  it('shows the columns and first rows of a file, and saves a mapping that the organisation reuses', async () => {
    const preview = await upload(prosecutorId, '/api/prosecution/imports/preview', csv(messyRows()), 'history.csv');
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ format: 'csv', columns: headings, rowCount: 3 });
    expect(preview.json().rows[0][12]).toBe('Art. 165; Art. 362');
    const saved = await prosecutor.request('POST', '/api/prosecution/import-mappings', { name: 'Office register', mapping });
    expect(saved.statusCode, saved.body).toBe(200);
    const list = await prosecutor.request('GET', '/api/prosecution/import-mappings');
    expect(list.json().mappings.map((m: { name: string }) => m.name)).toEqual(['Office register']);
    const bad = await prosecutor.request('POST', '/api/prosecution/import-mappings', { name: 'Broken', mapping: { ...mapping, dateFormats: ['dd/MM/yyyy', 'dd/MM/yyyy'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('must not repeat a format');
  });

  it('imports a messy CSV through the saved mapping: statutes split, dates read in each format, blanks left out, a downgrade kept', async () => {
    const before = await counts();
    const response = await upload(prosecutorId, '/api/prosecution/imports', csv(messyRows()), 'history.csv', 'Office register');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ rowsRead: 3, rowsImported: 3, rowsAlreadyImported: 0, operations: 2, investigations: 2, suspects: 3 });
    const after = await counts();
    expect(after.operations - before.operations).toBe(2);
    const steps = await t.platform.db
      .selectFrom('prosecution_steps').innerJoin('prosecution_suspects', 'prosecution_suspects.id', 'prosecution_steps.suspect_id')
      .select(['prosecution_suspects.import_key', 'prosecution_steps.kind', 'prosecution_steps.data']).select((e) => e.cast<string>('prosecution_steps.occurred_on', 'text').as('on'))
      .orderBy('prosecution_suspects.import_key').orderBy('prosecution_steps.occurred_on').orderBy('prosecution_steps.kind').execute();
    const of = (key: string) => steps.filter((s) => s.import_key === key).map((s) => `${s.kind} ${s.on}`);
    expect(of('V-1')).toEqual(['charge 2021-06-01', 'charge 2021-06-01', 'prosecution 2021-07-15', 'sentence 2022-12-01', 'verdict 2022-12-01', 'verdict 2022-12-01', 'appeal 2023-01-10', 'appeal 2023-01-10', 'appeal_decision 2023-06-10', 'appeal_decision 2023-06-10']);
    expect(of('V-2')).toEqual([]);
    expect(of('K-9')).toEqual(['charge 2022-03-01', 'charge 2022-03-01', 'prosecution 2022-04-01', 'verdict 2022-11-05', 'verdict 2022-11-05', 'appeal 2022-11-20', 'appeal 2022-11-20']);
    const charges = steps.filter((s) => s.kind === 'charge').map((s) => (s.data as { provision: string }).provision).sort();
    expect(charges).toEqual(['Art. 165', 'Art. 165', 'Art. 166', 'Art. 362']);
    const convicted = steps.filter((s) => s.kind === 'verdict' && (s.data as { outcome: string }).outcome === 'convicted');
    expect(convicted.map((s) => s.data)).toEqual([{ outcome: 'convicted', convictedProvision: 'Art. 362', convictedCategory: 'smuggling' }]);
    // Identity only where mapped and given: encrypted, the pseudonym too.
    const suspects = await t.platform.db.selectFrom('prosecution_suspects').select(['import_key', 'identity', 'sex', 'citizenships', 'roles']).where('import_key', 'in', ['V-1', 'V-2', 'K-9']).orderBy('import_key').execute();
    expect(suspects.map((s) => [s.import_key, s.identity !== null, s.sex, s.citizenships, s.roles])).toEqual([
      ['K-9', true, 'male', ['RU', 'UA'], ['exploiter']], ['V-1', false, 'male', ['MD'], ['recruiter', 'exploiter']], ['V-2', false, 'female', [], ['transporter']],
    ]);
    expect(Buffer.from(suspects[0]?.identity ?? []).toString('latin1')).not.toContain('Petrov');
    const audit = await t.platform.db.selectFrom('audit_log').select(['summary']).where('action', '=', 'prosecution.history_import').execute();
    expect(audit).toHaveLength(2);
    expect(audit.map((a) => a.summary).join(' ')).not.toContain('Petrov');
  });

  it('imports the same file a second time without adding anything', async () => {
    const before = await counts();
    const again = await upload(prosecutorId, '/api/prosecution/imports', csv(messyRows()), 'history-copy.csv', 'Office register');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ rowsRead: 3, rowsImported: 0, rowsAlreadyImported: 3, operations: 0, suspects: 0, steps: 0 });
    expect(await counts()).toEqual(before);
  });

  it('imports an XLSX workbook (date cells, numbers, month-first dates when the mapping says so)', async () => {
    const text = (value: string) => ({ value });
    const workbook = await writeXlsxFile([
      ['Ref', 'Began', 'Unit', 'Accused', 'Role', 'Sex', 'Charged on', 'Counts', 'Court', 'Indicted', 'Judgment', 'Outcome', 'Months'].map(text),
      [text('X-1'), { value: new Date(Date.UTC(2020, 0, 15)), type: Date, format: 'dd/mm/yyyy' }, text(agencyName), text('Boss'), text('exploiter'), text('male'), text('02/20/2020'), text('Art. 165 | Art. 170'), text(courtName), text('03/01/2020'), text('12/24/2020'), text('convicted'), { value: 48, type: Number }],
      [text('X-1'), { value: new Date(Date.UTC(2020, 0, 15)), type: Date, format: 'dd/mm/yyyy' }, text(agencyName), text('Driver'), text('transporter'), text('unknown'), text(''), text(''), text(''), text(''), text(''), text(''), text('')],
    ]).toBuffer();
    const xlsxMapping: ColumnMappingInput = {
      columns: { operationReference: 'Ref', operationStartedOn: 'Began', agency: 'Unit', pseudonym: 'Accused', roles: 'Role', sex: 'Sex', chargedOn: 'Charged on', chargeProvisions: 'Counts', court: 'Court', prosecutedOn: 'Indicted', verdictOn: 'Judgment', verdicts: 'Outcome', custodialMonths: 'Months' },
      constants: { origin: 'proactive intelligence', approach: 'proactive', chargeCategories: 'trafficking' },
      dateFormats: ['MM/dd/yyyy'],
      listSeparator: 'pipe',
    };
    const response = await upload(prosecutorId, '/api/prosecution/imports', workbook, 'register.xlsx', JSON.stringify(xlsxMapping));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ rowsRead: 2, rowsImported: 2, operations: 1, suspects: 2, steps: 6 });
    const operation = await t.platform.db.selectFrom('prosecution_operations').select((e) => e.cast<string>('started_on', 'text').as('on')).where('import_key', '=', 'X-1').executeTakeFirstOrThrow();
    expect(operation.on).toBe('2020-01-15');
    const sentence = await t.platform.db.selectFrom('prosecution_steps').select(['data']).select((e) => e.cast<string>('occurred_on', 'text').as('on')).where('kind', '=', 'sentence').orderBy('recorded_at', 'desc').executeTakeFirstOrThrow();
    expect(sentence).toEqual({ data: { custodialMonths: 48, suspended: false }, on: '2020-12-24' });
  });

  it('reports every row that cannot be read, with its row, column and reason, and stores nothing', async () => {
    const before = await counts();
    const rows = messyRows().map((r) => [...r]);
    const set = (row: number, heading: string, value: string) => {
      const r = rows[row];
      if (r) r[headings.indexOf(heading)] = value;
    };
    for (const r of rows.slice(1)) r[0] = `NEW-${r[0]}`;
    set(1, 'Judgment', '03/04/2021'); // before its prosecution (15.7.2021) and the charge
    set(2, 'Sex', 'x');
    set(3, 'Case no', 'NEW-blank');
    set(3, 'Started', '2021-02-30');
    set(3, 'Defendant', 'Z');
    set(3, 'Role', 'recruiter');
    set(3, 'Sex', 'female');
    set(3, 'How it began', 'hotline');
    set(3, 'Police unit', agencyName);
    set(4, 'Indicted', '');
    set(4, 'Charged', '2022-03-01');
    set(3, 'Court', 'No such court');
    set(3, 'Statutes', 'Art. 1');
    set(3, 'Charge type', 'other');
    set(3, 'Charged', '2099-01-01');
    set(4, 'Court', '');
    set(4, 'Appeal', '');
    set(4, 'Appeal by', '');
    const response = await upload(prosecutorId, '/api/prosecution/imports', csv(rows), 'bad.csv', JSON.stringify({ ...mapping, dateFormats: ['dd/MM/yyyy', 'MM/dd/yyyy', 'd.M.yyyy'] }));
    expect(response.statusCode, response.body).toBe(422);
    const body = response.json() as { error: string; details: { rowsRead: number; problems: ImportRowProblem[] } };
    expect(body.error).toBe('rows_rejected');
    const problems = body.details.problems;
    const at = (row: number) => problems.filter((p) => p.row === row).map((p) => `${p.field} [${p.column}]: ${p.problem}`);
    // Row 2: with day-first and month-first both listed, 03/04/2021 is ambiguous (not guessed), and so is 01/12/2022.
    expect(at(2).join('\n')).toMatch(/operationStartedOn \[Started\]: "03\/04\/2021" is ambiguous/u);
    expect(at(2).join('\n')).toMatch(/verdictOn \[Judgment\]: "03\/04\/2021" is ambiguous/u);
    expect(at(3)).toEqual(['sex [Sex]: "x" is not one of: female, male, unknown']);
    expect(at(4).join('\n')).toMatch(/operationStartedOn \[Started\]: "2021-02-30" is not a date/u);
    expect(at(4).join('\n')).toMatch(/court \[Court\]: no active organisation is named "No such court"/u);
    expect(at(4).join('\n')).toMatch(/chargedOn \[Charged\]: charge: the date must not be in the future/u);
    // A row whose cells are read is checked step by step as the services check each step.
    expect(at(5).join('\n')).toMatch(/verdictOn \[Judgment\]: verdict: an acquittal without a prosecution; record the prosecution first/u);
    // Each problem also carries a code and what its wording needs, for a client to word it in its reader's language.
    expect(problems.filter((p) => p.code === undefined)).toEqual([]);
    const coded = (row: number) => problems.filter((p) => p.row === row).map(({ field, code, params }) => ({ field, code, params }));
    expect(coded(2)).toContainEqual({ field: 'verdictOn', code: 'ambiguous-date', params: { value: '03/04/2021', dates: expect.stringMatching(/^2021-0[34]-0[34], 2021-0[34]-0[34]$/u) } });
    expect(coded(3)).toEqual([{ field: 'sex', code: 'not-an-option', params: { value: 'x', options: 'female, male, unknown' } }]);
    expect(coded(4)).toContainEqual({ field: 'operationStartedOn', code: 'not-a-date', params: { value: '2021-02-30', formats: 'dd/MM/yyyy, MM/dd/yyyy, d.M.yyyy' } });
    expect(coded(4)).toContainEqual({ field: 'court', code: 'no-such-organisation', params: { value: 'No such court' } });
    expect(coded(4)).toContainEqual({ field: 'chargedOn', code: 'future-date', params: { step: 'charge' } });
    expect(coded(5)).toContainEqual({ field: 'verdictOn', code: 'acquittal-without-prosecution', params: { step: 'verdict' } });
    expect(await counts()).toEqual(before);
    // Without the month-first format the judgment is read, and the verdict before the prosecution is refused naming the step.
    const dayFirst = await upload(prosecutorId, '/api/prosecution/imports', csv(rows.slice(0, 2)), 'bad.csv', JSON.stringify(mapping));
    expect(dayFirst.statusCode).toBe(422);
    expect(dayFirst.json().details.problems).toContainEqual({
      row: 2, column: 'Judgment', field: 'verdictOn', problem: 'verdict: the date 2021-04-03 is before the charge it follows (2021-06-01)',
      code: 'date-before-earlier-step', params: { step: 'verdict', date: '2021-04-03', earlierStep: 'charge', earlierDate: '2021-06-01' },
    });
    expect(new Set(dayFirst.json().details.problems.map((p: ImportRowProblem) => p.row))).toEqual(new Set([2]));
    expect(await counts()).toEqual(before);
  });

  it('refuses a mapping naming a column the file lacks, and anyone who is neither prosecutor nor investigator', async () => {
    const wrong = await upload(prosecutorId, '/api/prosecution/imports', csv(messyRows()), 'history.csv', JSON.stringify({ ...mapping, columns: { ...mapping.columns, sex: 'Gender' } }));
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().details.problems).toEqual([{ row: 1, column: 'Gender', field: 'sex', problem: 'the file has no column "Gender"', code: 'no-such-column', params: { column: 'Gender' } }]);
    const caseworker = await upload(caseworkerId, '/api/prosecution/imports', csv(messyRows()), 'history.csv', 'Office register');
    expect(caseworker.statusCode).toBe(403);
    const unknown = await upload(prosecutorId, '/api/prosecution/imports', csv(messyRows()), 'history.csv', 'Nobody saved this');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('no saved mapping is named');
  });
});
