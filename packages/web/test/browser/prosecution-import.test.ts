import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrganisationWithUser, firstRun, signInInBrowser, startHarness, type BrowserHarness } from './support.js';

/**
 * The prosecution history import in the browser: a prosecutor chooses a spreadsheet, sees its columns and first rows,
 * maps them with selects, saves the mapping under a name and imports; a file with bad rows shows each rejected row with
 * its reason and imports nothing.
 */
const screenshots = process.env['PALERMO_SCREENSHOTS'];
const password = 'a long enough test passphrase';
const prosecutor = { displayName: 'Samir Haddad', email: 'samir@prosecution.example' };
let h: BrowserHarness;

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: 'National Police', type: 'law_enforcement' }, { displayName: 'Lena Vogel', email: 'lena@police.example', password, roles: ['investigator'] });
  await addOrganisationWithUser(admin, { name: 'Capital Prosecution Office', type: 'prosecutor' }, { ...prosecutor, password, roles: ['prosecutor'] });
  await admin.call('POST', '/api/organisations', { name: 'High Court', type: 'court' });
});
afterAll(async () => h.close());

const good = ['Case;Started;Police;Accused;Role;Sex;Charged;Statutes', 'C-1;01/02/2024;National Police;Fox;recruiter;F;2024-03-01;"Art. 1; Art. 2"', 'C-1;01/02/2024;National Police;Wolf;exploiter;M;;'].join('\n');
const bad = ['Case;Started;Police;Accused;Role;Sex;Charged;Statutes', 'C-2;31/02/2024;National Police;Fox;recruiter;F;;', 'C-2;01/02/2024;Nowhere;Bear;boss;M;;'].join('\n');

describe('importing a prosecution history', () => {
  it('maps the columns, saves the mapping, imports a small file, and shows every rejected row of a bad one', async () => {
    const page = await signInInBrowser(h, prosecutor.email, password);
    await page.getByRole('link', { name: 'Import history' }).click();
    await page.getByRole('heading', { name: 'Import a prosecution history' }).waitFor();
    await page.getByLabel('Spreadsheet (CSV or XLSX)').setInputFiles({ name: 'register.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('heading', { name: 'The file: 2 rows (the first ones shown)' }).waitFor();
    const map = async (field: string, column: string) => page.getByLabel(field, { exact: true }).selectOption({ label: column });
    await map('Operation reference', 'Case');
    await map('Operation started on', 'Started');
    await map('Recording agency', 'Police');
    await map('Pseudonym', 'Accused');
    await map('Roles in the network', 'Role');
    await map('Sex', 'Sex');
    await map('Charged on', 'Charged');
    await map('Provisions charged', 'Statutes');
    // A field with a vocabulary offers its values by their labels; no code is typed.
    await page.getByLabel('One value for every row: How it came to light').selectOption({ label: 'A hotline call' });
    await page.getByLabel('One value for every row: Kind of investigation').selectOption({ label: 'Reactive' });
    await page.getByLabel('One value for every row: Categories of the charges').selectOption({ label: 'Trafficking in persons' });
    await page.getByLabel('Name of the mapping').fill('Office register');
    await page.getByRole('button', { name: 'Save the mapping' }).click();
    await page.getByText('The mapping “Office register” is saved.').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported 2 of 2 rows: 1 operations, 2 suspects, 2 steps. 0 rows were already imported.').waitFor();
    if (screenshots) await page.screenshot({ path: `${screenshots}/prosecution-import-en.png`, fullPage: true });

    await page.getByLabel('Spreadsheet (CSV or XLSX)').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: '2 rows cannot be imported' }).waitFor();
    const rows = await page.locator('section[aria-labelledby="rejected-title"] tbody tr').allInnerTexts();
    expect(rows.join('\n')).toContain('no active organisation is named “Nowhere”');
    expect(rows.join('\n')).toContain('“31/02/2024” is not a date');
    expect(rows.some((r) => r.startsWith('2\t'))).toBe(true);
    expect(rows.some((r) => r.startsWith('3\t'))).toBe(true);
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'العربية' });
    await page.getByRole('heading', { name: 'استيراد سجل الملاحقات القضائية' }).waitFor();
    // Each reason is worded from its code in the reader's language: only the file's own values stay as written.
    const reasons = await page.locator('section[aria-labelledby="rejected-title"] tbody tr td:last-child').allInnerTexts();
    expect(reasons.length).toBe(rows.length);
    expect(reasons).toContain('لا توجد جهة نشطة باسم «Nowhere»');
    expect(reasons).toContain('«31/02/2024» ليس تاريخًا بالصيغ المختارة');
    for (const reason of reasons) expect(reason.replace(/«[^»]*»/gu, '')).not.toMatch(/[A-Za-z]/u);
    if (screenshots) await page.screenshot({ path: `${screenshots}/prosecution-import-ar.png`, fullPage: true });
  }, 300_000);
});
