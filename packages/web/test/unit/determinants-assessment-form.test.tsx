import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import i18next, { type i18n as I18n } from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { AssessmentRequest } from '@palermo/contracts';
import { ApiError } from '../../src/app/api';
import { AssessmentForm } from '../../src/features/determinants/AssessmentForm';
import fr from '../../src/i18n/locales/fr.json';

/**
 * The determinants assessment's form: the country chosen from the countries named in the reader's language and sent
 * as its ISO code; the contract's problems and the server's named by field in her language; a country typed before
 * the list was offered kept when the assessment is edited.
 */
let french: I18n;
beforeAll(async () => {
  french = i18next.createInstance();
  await french.use(initReactI18next).init({ lng: 'fr', resources: { fr: { translation: fr } }, interpolation: { escapeValue: false }, showSupportNotice: false });
});
afterEach(cleanup);

const field = (id: string) => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`no element #${id}`);
  return element;
};
const type = (id: string, value: string) => fireEvent.change(field(id), { target: { value } });
const submit = async () => {
  await act(async () => {
    fireEvent.submit(field('a-title').closest('form') as HTMLFormElement);
  });
};

function renderForm(onSave: (body: AssessmentRequest) => Promise<void>, initial?: AssessmentRequest) {
  render(
    <I18nextProvider i18n={french}>
      <AssessmentForm idPrefix="a" submitLabel="Enregistrer" onSave={onSave} initial={initial} />
    </I18nextProvider>,
  );
}

describe('the determinants assessment form', () => {
  it('offers the countries by their French names and sends the chosen one as its ISO code', async () => {
    const sent: AssessmentRequest[] = [];
    renderForm(async (body) => void sent.push(body));
    const select = field('a-country') as HTMLSelectElement;
    const moldova = [...select.options].find((o) => o.value === 'MD');
    expect(moldova?.text).toBe('Moldavie');
    expect(select.options.length).toBeGreaterThan(240);
    // Each country once (the table holds Kosovo's two alpha-3 codes).
    const values = [...select.options].map((o) => o.value);
    expect(new Set(values).size).toBe(values.length);
    type('a-country', 'MD');
    type('a-from', '2020-01-01');
    type('a-to', '2024-12-31');
    type('a-title', 'Déterminants 2020 à 2024');
    await submit();
    expect(sent).toEqual([{ country: 'MD', periodFrom: '2020-01-01', periodTo: '2024-12-31', title: 'Déterminants 2020 à 2024' }]);
  });

  it("names the contract's problems by field in French and sends nothing", async () => {
    const sent: AssessmentRequest[] = [];
    renderForm(async (body) => void sent.push(body));
    type('a-from', '2024-01-01');
    type('a-to', '2020-12-31');
    type('a-title', 'Déterminants');
    await submit();
    expect(sent).toEqual([]);
    expect(field('a-country-error').textContent).toContain('Ce champ est obligatoire.');
    expect(field('a-to-error').textContent).toContain('ne doit pas précéder le début de la période');
    expect(document.body.textContent).toContain('Pays: Ce champ est obligatoire.');
  });

  it("puts the server's refusal on the field it names, in French", async () => {
    renderForm(async () => {
      throw new ApiError(400, 'validation_failed', 'Invalid request', [{ field: 'periodTo', problem: 'must not be before the start of the period' }]);
    });
    type('a-country', 'MD');
    type('a-from', '2020-01-01');
    type('a-to', '2024-12-31');
    type('a-title', 'Déterminants');
    await submit();
    expect(field('a-to-error').textContent).toContain('ne doit pas précéder le début de la période');
  });

  it('keeps a country typed before the list was offered when the assessment is edited', async () => {
    const sent: AssessmentRequest[] = [];
    renderForm(async (body) => void sent.push(body), { country: 'Demoland', periodFrom: '2020-01-01', periodTo: '2024-12-31', title: 'Déterminants' });
    expect((field('a-country') as HTMLSelectElement).value).toBe('Demoland');
    type('a-to', '2025-06-30');
    await submit();
    expect(sent).toEqual([{ country: 'Demoland', periodFrom: '2020-01-01', periodTo: '2025-06-30', title: 'Déterminants' }]);
  });
});
