import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/**
 * Helpers of the prosecution pages' browser tests: the forms' choices, a step of a suspect, both languages of a page
 * (screenshot and the check that no id, code or English is left in Arabic), and a history seeded through the import.
 */
export const screenshots = process.env['PALERMO_SCREENSHOTS'] ?? '/tmp';

/** Latin letters, and anything shaped like an id or a vocabulary code. */
export const leftovers = (text: string) => text.match(/[A-Za-z]{3,}|[0-9a-f]{8}-[0-9a-f]{4}|[a-z]+_[a-z]+/g) ?? [];

/** Chooses the option whose label contains this text (labels begin with a date in the reader's format). */
export async function chooseContaining(page: Page, label: string, text: string) {
  const select = page.getByLabel(label, { exact: true });
  const options = await select.locator('option').allInnerTexts();
  const option = options.find((o) => o.includes(text));
  if (option === undefined) throw new Error(`${label}: no option contains ${text} among ${options.join(' | ')}`);
  await select.selectOption({ label: option });
}

/** Ticks a box of a fieldset by its label. */
export async function check(page: Page, fieldset: string, label: string) {
  await page.locator(`#${fieldset}`).getByLabel(label, { exact: true }).check();
}

/** Records a step on the suspect's page: its kind, its date, then what the kind asks. */
export async function recordStep(page: Page, kind: string, date: string, fill: () => Promise<void> = async () => undefined) {
  await page.getByLabel('Step', { exact: true }).selectOption({ label: kind });
  await page.getByLabel('Date', { exact: true }).fill(date);
  await fill();
  await page.getByRole('button', { name: 'Record the step' }).click();
}

/**
 * The page in English, then in Arabic (waiting for a heading in Arabic), a screenshot of each (of `scope` when it is
 * not the whole page); the English
 * text of `scope` holds no id or code, the Arabic none either and no English beside what people typed (`typed`). Back in
 * English.
 */
export async function inBothLanguages(page: Page, name: string, arabicHeading: string, typed: RegExp, scope = 'main') {
  const english = await page.locator(scope).innerText();
  expect(english).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|\b[a-z]+_[a-z_]+\b/);
  const shoot = (language: string) =>
    scope === 'main' ? page.screenshot({ path: `${screenshots}/${name}-${language}.png`, fullPage: true }) : page.locator(scope).screenshot({ path: `${screenshots}/${name}-${language}.png` });
  await shoot('en');
  await page.getByLabel('Language', { exact: true }).selectOption({ label: 'العربية' });
  await page.getByRole('heading', { name: arabicHeading }).first().waitFor();
  const arabic = (await page.locator(scope).innerText()).replace(typed, '');
  expect(leftovers(arabic), `${name} in Arabic`).toEqual([]);
  await shoot('ar');
  await page.getByLabel('اللغة', { exact: true }).selectOption({ label: 'English' });
  await page.getByLabel('Language', { exact: true }).waitFor();
}

/**
 * A past prosecution history, imported through the API by a prosecutor (set-up, not what a test walks): `persons`
 * defendants in two operations a year apart, alternately female and male, all charged and prosecuted before `court`,
 * two in three convicted and the others acquitted, so that the funnel's figures and filters are above the small-cell
 * threshold. Answers the import's summary.
 */
export async function importHistory(page: Page, options: { agency: string; office: string; court: string; persons: number }) {
  const header = 'Case;Started;Referred;Accused;Sex;Charged;Statutes;Prosecuted;Judgment;Outcome';
  const rows = Array.from({ length: options.persons }, (_, i) => {
    const year = i % 2 === 0 ? 2024 : 2025;
    const outcome = i % 3 === 2 ? 'acquitted' : 'convicted';
    return [`HIST-${year}`, `${year}-01-15`, `${year}-02-01`, `Past defendant ${i + 1}`, i % 4 < 2 ? 'F' : 'M', `${year}-03-01`, 'Penal Code, article 210', `${year}-05-01`, `${year}-09-01`, outcome].join(';');
  });
  const mapping = {
    columns: {
      operationReference: 'Case', operationStartedOn: 'Started', referredOn: 'Referred', pseudonym: 'Accused', sex: 'Sex', chargedOn: 'Charged', chargeProvisions: 'Statutes',
      prosecutedOn: 'Prosecuted', verdictOn: 'Judgment', verdicts: 'Outcome',
    },
    constants: {
      agency: options.agency, prosecutionOffice: options.office, court: options.court, origin: 'hotline', approach: 'reactive', roles: 'exploiter',
      chargeCategories: 'trafficking', formsOfExploitation: 'ForcedLabour',
    },
  };
  return page.evaluate(
    async ({ csv, map }) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const response = await fetch('/api/prosecution/imports', {
        method: 'POST',
        headers: {
          'content-type': 'application/octet-stream', 'x-csrf-token': session.csrfToken, 'x-file-name': 'history.csv',
          'x-import-mapping': encodeURIComponent(JSON.stringify(map)), 'idempotency-key': crypto.randomUUID(),
        },
        body: csv,
      });
      if (!response.ok) throw new Error(`import: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    },
    { csv: [header, ...rows].join('\n'), map: mapping },
  );
}
