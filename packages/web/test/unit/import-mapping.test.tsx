import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import i18next, { type i18n as I18n } from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { ReactNode } from 'react';
import { ConstantValueInput, ImportMapping, RejectedRows } from '../../src/components/ImportMapping';
import en from '../../src/i18n/locales/en.json';

let english: I18n;
beforeAll(async () => {
  english = i18next.createInstance();
  await english.use(initReactI18next).init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false }, showSupportNotice: false });
});
afterEach(cleanup);

const inEnglish = (node: ReactNode) => render(<I18nextProvider i18n={english}>{node}</I18nextProvider>);
const optionsOf = (element: HTMLElement) => [...(element as HTMLSelectElement).options].map((o) => o.textContent);

describe('the blocks shared by the spreadsheet imports', () => {
  it('names each column select by its field, keeps a mapped column the file lacks, and says what was chosen', () => {
    const chosen: Partial<Record<'body' | 'date', string>>[] = [];
    inEnglish(
      <ImportMapping
        fields={['body', 'date'] as const}
        fieldLabel={(field) => (field === 'body' ? 'Monitoring body' : 'Date issued')}
        required={(field) => field === 'body'}
        fileColumns={['Body', 'Date']}
        columns={{ date: 'Issued (old file)' }}
        onColumns={(columns) => chosen.push(columns)}
        constant={(field) => (field === 'body' ? <ConstantValueInput fieldLabel="Monitoring body" value="" onChange={() => undefined} choices={{ codes: ['grevio'], label: () => 'GREVIO' }} /> : null)}
        invalid={(field) => field === 'date'}
      />,
    );
    const body = screen.getByLabelText('Monitoring body', { exact: true });
    expect(body.id).toBe('column-body');
    expect(optionsOf(body)).toEqual(['Not in the file', 'Body', 'Date']);
    const date = screen.getByLabelText('Date issued', { exact: true });
    expect(optionsOf(date)).toEqual(['Not in the file', 'Body', 'Date', 'Issued (old file)']);
    expect((date as HTMLSelectElement).value).toBe('Issued (old file)');
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(body.getAttribute('aria-invalid')).toBeNull();
    expect(screen.getAllByText('(required)', { exact: false })).toHaveLength(1);
    fireEvent.change(body, { target: { value: 'Body' } });
    expect(chosen).toEqual([{ date: 'Issued (old file)', body: 'Body' }]);
    // A field with a vocabulary offers its values by their labels, never its codes.
    expect(optionsOf(screen.getByLabelText('One value for every row: Monitoring body'))).toEqual(['None: read from the column', 'GREVIO']);
  });

  it('lists the rejected rows, with the file column only where the import names it, and nothing when none is rejected', () => {
    const rows = [
      { row: 2, column: 'Date', field: 'Date issued', reason: '“14 June” is not a date' },
      { row: 2, column: 'Body', field: 'Monitoring body', reason: 'not a value' },
      { row: 5, column: null, field: 'Monitoring body', reason: 'not a value' },
    ];
    const { container, rerender } = inEnglish(<RejectedRows rows={rows} withColumn />);
    screen.getByRole('heading', { name: '2 rows cannot be imported' });
    // The table scrolls in a region of its own, which a keyboard can reach and which is named as the list.
    expect(screen.getAllByRole('region', { name: '2 rows cannot be imported' }).map((r) => r.tagName)).toEqual(['SECTION', 'DIV']);
    expect([...container.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Row', 'Column of the file', 'Field', 'Why']);
    expect([...container.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent))).toEqual([
      ['2', 'Date', 'Date issued', '“14 June” is not a date'],
      ['2', 'Body', 'Monitoring body', 'not a value'],
      ['5', '', 'Monitoring body', 'not a value'],
    ]);
    rerender(<I18nextProvider i18n={english}><RejectedRows rows={rows} /></I18nextProvider>);
    expect([...container.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Row', 'Field', 'Why']);
    rerender(<I18nextProvider i18n={english}><RejectedRows rows={[]} withColumn /></I18nextProvider>);
    expect(container.querySelector('section')).toBeNull();
  });
});
