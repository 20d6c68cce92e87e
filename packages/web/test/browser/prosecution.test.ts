import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrganisationWithUser, firstRun, seriousAccessibilityViolations, signInInBrowser, startHarness, waitForStatus, type BrowserHarness } from './support.js';
import { check, chooseContaining } from './prosecution-support.js';

/**
 * The prosecution pipeline in the browser: a police investigator records an operation, adds its investigation, refers
 * it to a prosecution office and adds three suspects under pseudonyms; a prosecutor of that office charges one of them
 * twice, is told on the field why a verdict cannot come before the prosecution, prosecutes, records a verdict on each
 * charge (one convicted of a less serious offence, said in words) and an appeal; the suspect's page reads in order, in
 * English and in Arabic, with no codes or ids. A caseworker has no way in.
 */
const screenshots = process.env['PALERMO_SCREENSHOTS'];
const password = 'a long enough test passphrase';
const police = { displayName: 'Inspector Lena Vogel', email: 'lena@police.example' };
const prosecutor = { displayName: 'Samir Haddad', email: 'samir@prosecution.example' };
const caseworker = { displayName: 'Mariam Idris', email: 'mariam@ngo.example' };
let h: BrowserHarness;
let operationUrl = '';
let suspectUrl = '';

/** Latin digits, Latin letters, and anything shaped like an id or a vocabulary code. */
const leftovers = (text: string) => text.match(/[A-Za-z]{3,}|[0-9a-f]{8}-[0-9a-f]{4}|[a-z]+_[a-z]+/g) ?? [];

beforeAll(async () => {
  h = await startHarness();
  const admin = await firstRun(h, password);
  await addOrganisationWithUser(admin, { name: 'National Police', type: 'law_enforcement' }, { ...police, password, roles: ['investigator'] });
  await addOrganisationWithUser(admin, { name: 'Capital Prosecution Office', type: 'prosecutor' }, { ...prosecutor, password, roles: ['prosecutor'] });
  await admin.call('POST', '/api/organisations', { name: 'High Court of the Capital', type: 'court' });
  await addOrganisationWithUser(admin, { name: 'Safe Passage NGO', type: 'ngo' }, { ...caseworker, password, roles: ['caseworker'] });
});
afterAll(async () => h.close());

describe('the prosecution pipeline', () => {
  it('a police investigator records an operation, refers its investigation and adds three suspects', async () => {
    const page = await signInInBrowser(h, police.email, password);
    await page.getByRole('link', { name: 'Prosecutions' }).click();
    await page.getByRole('heading', { name: 'Operations and prosecutions' }).waitFor();
    await page.getByText('No operation you may see has been recorded yet.').waitFor();

    await page.getByLabel('Name of the operation', { exact: true }).fill('Operation Harbour');
    await page.getByLabel('Started on', { exact: true }).fill('2026-02-01');
    await page.getByLabel('How it came to light', { exact: true }).selectOption({ label: 'A labour inspection' });
    await page.getByLabel('Kind of investigation', { exact: true }).selectOption({ label: 'Proactive' });
    await check(page, 'operation-forms', 'Forced labour');
    await page.getByLabel('Countries of recruitment (optional)', { exact: true }).fill('MD, UA');
    await page.getByLabel('Countries of transit (optional)', { exact: true }).fill('RO');
    await page.getByLabel('Countries of exploitation (optional)', { exact: true }).fill('DE');
    await check(page, 'operation-acts', 'Recruitment');
    await check(page, 'operation-acts', 'Harbouring');
    await check(page, 'operation-means', 'Deception');
    await check(page, 'operation-purposes', 'Forced labour or services');
    await page.getByRole('button', { name: 'Record the operation' }).click();
    await waitForStatus(page, 'Operation recorded: Operation Harbour.');

    await page.getByRole('link', { name: 'Operation Harbour' }).click();
    await page.getByRole('heading', { name: 'Operation Harbour' }).waitFor();
    operationUrl = page.url();
    await page.locator('.details').getByText('Moldova and Ukraine').waitFor();
    await page.locator('.details').getByText('Forced labour or services').waitFor();

    await page.locator('summary', { hasText: 'Add an investigation' }).click();
    await page.getByLabel('Title of the investigation', { exact: true }).fill('Harbour farms');
    await page.getByLabel('Opened on', { exact: true }).fill('2026-02-02');
    await page.locator('#investigation-origin').selectOption({ label: 'A labour inspection' });
    await page.locator('#investigation-approach').selectOption({ label: 'Proactive' });
    await page.getByRole('button', { name: 'Add the investigation' }).click();
    await waitForStatus(page, 'Investigation added: Harbour farms.');

    await page.locator('summary', { hasText: 'Refer to a prosecution office' }).click();
    await page.getByLabel('Prosecution office', { exact: true }).selectOption({ label: 'Capital Prosecution Office' });
    await page.getByLabel('Referred on', { exact: true }).fill('2026-03-01');
    await page.getByRole('button', { name: 'Refer the investigation' }).click();
    await waitForStatus(page, 'Harbour farms referred to Capital Prosecution Office.');
    await page.getByText(/^Referred to Capital Prosecution Office on /).waitFor();

    const suspects = [
      { pseudonym: 'Foreman', roles: ['Recruiter', 'Exploiter'], sex: 'Male', citizenships: 'MD', age: '44', given: 'Ivan' },
      { pseudonym: 'Driver', roles: ['Transporter'], sex: 'Male', citizenships: 'RO', age: '31', given: '' },
      { pseudonym: 'Bookkeeper', roles: ['Money manager'], sex: 'Female', citizenships: 'DE', age: '', given: '' },
    ];
    for (const suspect of suspects) {
      const panel = page.locator('details', { has: page.locator('summary', { hasText: 'Add a suspect' }) });
      if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
      await page.getByLabel('Pseudonym', { exact: true }).fill(suspect.pseudonym);
      for (const role of suspect.roles) await check(page, 'suspect-roles', role);
      await page.getByLabel('Sex', { exact: true }).selectOption({ label: suspect.sex });
      await page.getByLabel('Citizenships (optional)').fill(suspect.citizenships);
      await page.getByLabel('Age at the time of the offence (optional)').fill(suspect.age);
      await page.getByLabel('Given name (optional)').fill(suspect.given);
      await page.getByRole('button', { name: 'Add the suspect' }).click();
      await waitForStatus(page, `Suspect added: ${suspect.pseudonym}.`);
    }
    const rows = page.locator('section', { has: page.getByRole('heading', { name: 'Suspects', exact: true }) }).locator('tbody tr');
    await rows.nth(2).waitFor();
    expect(await rows.count()).toBe(3);
    await rows.filter({ hasText: 'Foreman' }).getByText('Recruiter and Exploiter').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('a prosecutor of that office charges, is told why a verdict cannot come first, prosecutes, decides each charge and records an appeal', async () => {
    const page = await signInInBrowser(h, prosecutor.email, password);
    await page.getByRole('link', { name: 'Prosecutions' }).click();
    await page.getByRole('link', { name: 'Operation Harbour' }).click();
    await page.getByRole('link', { name: 'Foreman' }).click();
    await page.getByRole('heading', { name: 'Foreman', level: 1 }).waitFor();
    suspectUrl = page.url();
    await page.getByText('No step has been recorded for this suspect yet.').waitFor();

    const step = async (kind: string, date: string, fill: () => Promise<void> = async () => undefined) => {
      await page.getByLabel('Step', { exact: true }).selectOption({ label: kind });
      await page.getByLabel('Date', { exact: true }).fill(date);
      await fill();
      await page.getByRole('button', { name: 'Record the step' }).click();
    };
    const charge = (provision: string) => async () => {
      await page.getByLabel('Legal provision', { exact: true }).fill(provision);
      await page.getByLabel('Category of offence', { exact: true }).selectOption({ label: 'Trafficking in persons' });
    };
    await step('Charge', '2026-03-10', charge('Penal Code, article 210'));
    await waitForStatus(page, /^Recorded: Charge on /);
    await step('Charge', '2026-03-10', charge('Penal Code, article 211'));
    await page.locator('.prosecution-steps > li').nth(1).waitFor();

    // A verdict before any prosecution: the server's refusal names the step, on the field it is about.
    await step('Verdict', '2026-05-01', async () => {
      await page.getByLabel('Charge decided', { exact: true }).selectOption({ index: 1 });
      await page.getByLabel('Outcome', { exact: true }).selectOption({ label: 'Convicted' });
    });
    // Worded from the refusal's code: the server's own English says "a conviction without a prosecution".
    await page.locator('#step-outcome-error').filter({ hasText: 'Verdict: a verdict needs a prosecution; record the prosecution first.' }).waitFor();

    await step('Prosecution', '2026-04-01', async () => {
      await page.getByLabel('Court', { exact: true }).selectOption({ label: 'High Court of the Capital' });
    });
    await waitForStatus(page, /^Recorded: Prosecution on /);

    await step('Verdict', '2026-06-01', async () => {
      await chooseContaining(page, 'Charge decided', 'article 210');
      await page.getByLabel('Outcome', { exact: true }).selectOption({ label: 'Convicted' });
    });
    await waitForStatus(page, /^Recorded: Verdict on /);
    await step('Verdict', '2026-06-01', async () => {
      await chooseContaining(page, 'Charge decided', 'article 211');
      await page.getByLabel('Outcome', { exact: true }).selectOption({ label: 'Convicted' });
      await page.getByLabel('Legal provision of the conviction (optional)').fill('Penal Code, article 190');
      await page.getByLabel('Category of the offence convicted (optional)').selectOption({ label: 'Smuggling of migrants' });
    });
    await page.getByText('Downgraded: convicted of a less serious offence than the one charged.').waitFor();

    // An appeal dated before the verdict it follows, read in French: the refusal is worded from the server's code
    // and the dates it names (formatted, never the English phrase nor an ISO date), on the date field.
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Français' });
    await page.getByRole('button', { name: 'Enregistrer l’étape' }).waitFor();
    await page.locator('#step-kind').selectOption('appeal');
    await page.locator('#step-date').fill('2026-05-20');
    const appealed = (await page.locator('#step-verdict option').allInnerTexts()).find((o) => o.includes('article 210'));
    await page.locator('#step-verdict').selectOption({ label: appealed ?? '' });
    await page.locator('#step-appellant').selectOption('defence');
    await page.getByRole('button', { name: 'Enregistrer l’étape' }).click();
    const refusal = page.locator('#step-date-error').filter({ hasText: /Appel : la date du .+ précède l’étape « Jugement » qu’elle suit \(.+\)\./ });
    await refusal.waitFor();
    expect(await refusal.innerText()).not.toMatch(/2026-0|before|verdict/);
    await page.getByLabel('Langue', { exact: true }).selectOption({ label: 'English' });
    await page.getByRole('button', { name: 'Record the step' }).waitFor();

    await step('Appeal', '2026-06-20', async () => {
      await chooseContaining(page, 'Verdict appealed', 'article 210');
      await page.getByLabel('Appealed by', { exact: true }).selectOption({ label: 'defence' });
    });
    await waitForStatus(page, /^Recorded: Appeal on /);

    const steps = page.locator('.prosecution-steps > li');
    // The notice comes with the answer; the list follows once the suspect is read again.
    await steps.nth(5).waitFor();
    expect(await steps.count()).toBe(6);
    const headings = await steps.locator('h3').allInnerTexts();
    expect(headings.map((text) => text.split(': ')[1])).toEqual(['Charge', 'Charge', 'Prosecution', 'Verdict', 'Verdict', 'Appeal']);
    await steps.getByText('Convicted under \u2068Penal Code, article 190\u2069 (Smuggling of migrants).').waitFor();
    // Where the offence convicted is the one charged, it is not said twice.
    expect(await steps.getByText('Convicted under \u2068Penal Code, article 210\u2069 (Trafficking in persons).').count()).toBe(0);
    await steps.getByText(/^Appeal by the defence against the verdict of .* on the charge under \u2068Penal Code, article 210\u2069 \(Trafficking in persons\)\.$/).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const english = await page.locator('main').innerText();
    expect(english).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    // Vocabulary values by label: no code such as trafficking or exploitation_related stands alone.
    expect(english).not.toMatch(/\b[a-z]+_[a-z_]+\b|\((trafficking|smuggling|other)\)/);
    if (screenshots) await page.screenshot({ path: `${screenshots}/prosecution-suspect-en.png`, fullPage: true });

    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'العربية' });
    await page.getByRole('heading', { name: 'من القبض حتى النتيجة النهائية' }).waitFor();
    await page.getByText('تخفيف الوصف: أُدين بجريمة أقل خطورة من الجريمة المنسوبة إليه.').waitFor();
    // What is left in Latin letters is what people typed (the pseudonym, the provisions, the court's name).
    const typed = /Foreman|Ivan|Penal|Code|article|High|Court|the|Capital|Inspector|Lena|Vogel|Samir|Haddad|Prosecution|Office|Palermo|EUR|NG|RO/g;
    const arabic = (await page.locator('main').innerText()).replace(typed, '');
    expect(leftovers(arabic)).toEqual([]);
    if (screenshots) await page.screenshot({ path: `${screenshots}/prosecution-suspect-ar.png`, fullPage: true });
    await page.getByLabel('اللغة', { exact: true }).selectOption({ label: 'English' });
    await page.context().close();
  });

  it('a caseworker has no navigation entry and is refused at the address', async () => {
    const page = await signInInBrowser(h, caseworker.email, password);
    await page.getByRole('link', { name: 'Home' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Prosecutions' }).count()).toBe(0);
    for (const url of [`${h.baseUrl}/prosecution`, operationUrl, suspectUrl]) {
      await page.goto(url);
      await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    }
    expect(await page.getByText('Foreman').count()).toBe(0);
    await page.context().close();
  });
});
