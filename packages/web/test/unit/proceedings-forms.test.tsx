import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import i18next, { type i18n as I18n } from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { CrossBorderRequestView, InvestigationView } from '@palermo/contracts';
import { RequestForm, StatusForm } from '../../src/features/proceedings/OperationProceedings';
import en from '../../src/i18n/locales/en.json';
import { startAnsweringServer, type Received } from './answering-server';

let english: I18n;
let close: (() => Promise<void>) | undefined;
beforeAll(async () => {
  english = i18next.createInstance();
  await english.use(initReactI18next).init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false }, showSupportNotice: false });
});
afterEach(async () => {
  cleanup();
  await close?.();
  close = undefined;
});

const investigationId = '7a0f6a52-3c1e-4d7a-9f7e-2b8c1d9e4f01';
const requestId = '5b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e';

async function answering(): Promise<Received[]> {
  const server = await startAnsweringServer(() => ({ status: 201, body: { id: requestId } }));
  close = server.close;
  return server.received;
}

const field = (id: string) => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`no element #${id}`);
  return element;
};
const choose = (id: string, value: string) => fireEvent.change(field(id), { target: { value } });
const submit = async (id: string) => {
  await act(async () => {
    fireEvent.submit(field(id).closest('form') as HTMLFormElement);
  });
};
const errorOf = (id: string) => document.getElementById(`${id}-error`)?.textContent ?? '';

describe('the cross-border request forms, checked by their contracts through useContractForm', () => {
  it('a request: nothing is sent while the contract refuses it; then its countries in capitals, to its investigation', async () => {
    const received = await answering();
    const saved: string[] = [];
    render(
      <I18nextProvider i18n={english}>
        <RequestForm investigations={[{ id: investigationId, reference: 'INV-1' } as InvestigationView]} onSaved={(message) => saved.push(message)} />
      </I18nextProvider>,
    );
    await submit('cbr-kind');
    expect(received).toEqual([]);
    for (const id of ['cbr-kind', 'cbr-requesting', 'cbr-requested', 'cbr-sent', 'cbr-asks']) expect(errorOf(id)).not.toBe('');
    expect(errorOf('cbr-direction')).toBe('');

    choose('cbr-kind', 'extradition');
    choose('cbr-requesting', ' it ');
    choose('cbr-requested', 'ng');
    choose('cbr-sent', '2024-05-02');
    fireEvent.click(field('cbr-asks-arrest'));
    await submit('cbr-kind');
    await waitFor(() => expect(saved).toEqual(['proceedings.requestRecorded']));
    expect(received.map((request) => request.url)).toEqual([`/api/prosecution/investigations/${investigationId}/cross-border-requests`]);
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({ kind: 'extradition', direction: 'outgoing', requestingCountry: 'IT', requestedCountry: 'NG', sentOn: '2024-05-02', asks: ['arrest'] });
  });

  it('a change of status: the grounds ticked for a refusal are not sent once another status is chosen', async () => {
    const received = await answering();
    const saved: string[] = [];
    render(
      <I18nextProvider i18n={english}>
        <StatusForm request={{ id: requestId, status: 'sent' } as CrossBorderRequestView} onSaved={(message) => saved.push(message)} />
      </I18nextProvider>,
    );
    const p = `cbr-status-${requestId}`;
    await submit(`${p}-status`);
    expect(received).toEqual([]);
    expect(errorOf(`${p}-status`)).not.toBe('');
    expect(errorOf(`${p}-on`)).not.toBe('');

    choose(`${p}-status`, 'refused');
    fireEvent.click(field(`${p}-grounds-dual_criminality`));
    choose(`${p}-on`, '2024-06-01');
    choose(`${p}-status`, 'answered');
    expect(document.getElementById(`${p}-grounds`)).toBeNull();
    await submit(`${p}-status`);
    await waitFor(() => expect(saved).toEqual(['proceedings.statusRecorded']));
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({ status: 'answered', on: '2024-06-01' });
  });
});
