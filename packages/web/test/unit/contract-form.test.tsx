import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, renderHook } from '@testing-library/react';
import i18next, { type i18n as I18n } from 'i18next';
import { I18nextProvider, initReactI18next, useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { closeCaseRequest, firstRunRequest, passwordResetRequest, recordStepRequest } from '@palermo/contracts';
import type { FieldIssue } from '../../src/app/api';
import { ApiError } from '../../src/app/api';
import { useContractForm } from '../../src/components/useForm';
import { localiseStepIssues } from '../../src/features/prosecution/problems';
import en from '../../src/i18n/locales/en.json';
import fr from '../../src/i18n/locales/fr.json';

afterEach(cleanup);

async function language(lng: string): Promise<I18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({ lng, resources: { en: { translation: en }, fr: { translation: fr } }, interpolation: { escapeValue: false }, showSupportNotice: false });
  return instance;
}

let english: I18n;
let french: I18n;
beforeAll(async () => {
  english = await language('en');
  french = await language('fr');
});

const wrapperIn = (instance: I18n) =>
  function Wrapper({ children }: { children: ReactNode }) {
    return <I18nextProvider i18n={instance}>{children}</I18nextProvider>;
  };

// Fields named by the contract's dotted paths, as the first-run page names them.
const firstRunFields = {
  'organisation.name': { id: 'setup-organisation-name', label: 'Organisation' },
  'admin.displayName': { id: 'setup-display-name', label: 'Name' },
  'admin.email': { id: 'setup-email', label: 'Email' },
  'admin.password': { id: 'setup-password', label: 'Password' },
};
const emptyFirstRun = { organisation: { name: '' }, admin: { displayName: '', email: '', password: '' } };

function firstRun(instance: I18n = english) {
  return renderHook(() => useContractForm(firstRunRequest, firstRunFields, emptyFirstRun), { wrapper: wrapperIn(instance) });
}

async function submitted<T>(submit: () => Promise<T>): Promise<T | undefined> {
  let outcome: T | undefined;
  await act(async () => {
    outcome = await submit();
  });
  return outcome;
}

describe('useContractForm: the contract checks the values through the zod resolver', () => {
  it('puts each problem the contract finds on the field at its nested path, and links the summary to it', async () => {
    const { result } = firstRun();
    act(() => {
      result.current.text('organisation.name').onValueChange('National Referral Office');
      result.current.text('admin.email').onValueChange('not an address');
    });
    const sent: unknown[] = [];
    const outcome = await submitted(() => result.current.submit(async (request) => void sent.push(request))());
    expect(outcome).toBe(false);
    expect(sent).toEqual([]);
    expect(result.current.errorFor('organisation.name')).toBeUndefined();
    expect(result.current.errorFor('admin.email')).toBe(en.problems.email);
    expect(result.current.errorFor('admin.displayName')).toBe(en.problems.required);
    expect(result.current.summary.map((item) => item.targetId)).toEqual(['setup-display-name', 'setup-email', 'setup-password']);
    expect(result.current.summary[1]?.text).toBe(`Email: ${en.problems.email}`);
  });

  it('says the problems in the reader’s language', async () => {
    const { result } = firstRun(french);
    await submitted(() => result.current.submit(async () => undefined)());
    expect(fr.problems.required).not.toBe(en.problems.required);
    expect(result.current.errorFor('admin.email')).toBe(fr.problems.email);
    const twoCharacters = french.t('problems.minChars', { min: 2 });
    expect(twoCharacters).not.toBe(english.t('problems.minChars', { min: 2 }));
    expect(result.current.errorFor('organisation.name')).toBe(twoCharacters);
    expect(result.current.summary[0]?.text).toBe(`Organisation: ${twoCharacters}`);
  });

  it("puts the server's issues on the fields they name, by full path, with the request's prefix or an index", async () => {
    const { result } = firstRun();
    act(() => {
      result.current.text('organisation.name').onValueChange('National Referral Office');
      result.current.text('admin.displayName').onValueChange('Ana Popescu');
      result.current.text('admin.email').onValueChange('ana@example.org');
      result.current.text('admin.password').onValueChange('a long enough password');
    });
    const outcome = await submitted(() =>
      result.current.submit(async () => {
        throw new ApiError(400, 'validation', 'Invalid request', [
          { field: 'body.admin.email', problem: 'must be an e-mail address' },
          { field: 'organisation.name.0', problem: 'is required' },
          { field: 'country', problem: 'is required' },
        ]);
      })(),
    );
    expect(outcome).toBe(false);
    expect(result.current.errorFor('admin.email')).toBe(en.problems.email);
    expect(result.current.errorFor('organisation.name')).toBe(en.problems.required);
    expect(result.current.summary).toEqual([
      { targetId: 'setup-email', text: `Email: ${en.problems.email}` },
      { targetId: 'setup-organisation-name', text: `Organisation: ${en.problems.required}` },
      { text: `country: ${en.problems.required}` },
    ]);
    // The next attempt starts clean: the server's issues are gone once the contract is satisfied and nothing fails.
    await submitted(() => result.current.submit(async () => undefined)());
    expect(result.current.summary).toEqual([]);
    expect(result.current.errorFor('admin.email')).toBeUndefined();
  });

  it('sends the request the contract parsed, built from the values when they differ, and checks what the contract cannot', async () => {
    const { result } = renderHook(
      () =>
        useContractForm(
          passwordResetRequest,
          { email: { id: 'e', label: 'Email' }, code: { id: 'c', label: 'Code' }, newPassword: { id: 'p', label: 'Password' }, repeat: { id: 'r', label: 'Repeat' } },
          { email: '', code: '', newPassword: '', repeat: '' },
          {
            request: ({ email, code, newPassword }) => ({ email: email.trim(), code, newPassword }),
            also: ({ newPassword, repeat }, invalid) => (newPassword !== repeat && !invalid.has('newPassword') ? [{ field: 'repeat', problem: 'passwords differ' }] : []),
          },
        ),
      { wrapper: wrapperIn(english) },
    );
    act(() => {
      result.current.text('email').onValueChange('  ana@example.org ');
      result.current.text('code').onValueChange('ABCD-EFGH-JKLM');
      result.current.text('newPassword').onValueChange('a long enough password');
      result.current.text('repeat').onValueChange('another password');
    });
    const sent: unknown[] = [];
    expect(await submitted(() => result.current.submit(async (request) => void sent.push(request))())).toBe(false);
    expect(sent).toEqual([]);
    expect(result.current.errorFor('repeat')).toBe(en.problems.passwordsDiffer);
    act(() => result.current.text('repeat').onValueChange('a long enough password'));
    const outcome = await submitted(() => result.current.submit(async (request) => void sent.push(request))());
    expect(outcome).toBe(true);
    // The contract's own transformations apply: the code without its dashes.
    expect(sent).toEqual([{ email: 'ana@example.org', code: 'ABCDEFGHJKLM', newPassword: 'a long enough password' }]);
    expect(result.current.summary).toEqual([]);
  });

  it("takes an area's own words for problems, for the browser's and the server's alike, and hands the request to an action that runs itself", async () => {
    const { result } = renderHook(
      () =>
        useContractForm(
          closeCaseRequest,
          { reason: { id: 'close-reason', label: 'Reason' } },
          { reason: '', referred: false },
          {
            request: (values) => ({ ...values, version: 3 }),
            localise: (issues) => issues.map((issue) => ({ ...issue, problem: `[${issue.problem}]` })),
          },
        ),
      { wrapper: wrapperIn(english) },
    );
    const handed: unknown[] = [];
    const act1 = await submitted(() => result.current.check(async (request) => handed.push(request))());
    expect(act1).toBeUndefined();
    expect(handed).toEqual([]);
    expect(result.current.errorFor('reason')).toMatch(/^\[.+\]$/);
    act(() => {
      result.current.text('reason').onValueChange('She moved abroad with her family');
      result.current.set('referred', true);
    });
    const ran = await submitted(() =>
      result.current.check((request) => {
        handed.push(request);
        return result.current.run(async () => {
          throw new ApiError(400, 'validation', 'Invalid request', [{ field: 'reason', problem: 'must give a reason' }]);
        });
      })(),
    );
    expect(ran).toBe(false);
    expect(handed).toEqual([{ reason: 'She moved abroad with her family', referred: true, version: 3 }]);
    expect(result.current.errorFor('reason')).toBe('[must give a reason]');
  });

  it('names the fields from the values when they depend on a choice, and clears values and problems', async () => {
    const { result } = renderHook(
      () =>
        useContractForm(
          firstRunRequest,
          ({ organisation }) => ({
            'organisation.name': { id: 'org', label: organisation.name === '' ? 'Organisation' : 'Renamed' },
            'admin.email': { id: 'email', label: 'Email' },
          }),
          emptyFirstRun,
        ),
      { wrapper: wrapperIn(english) },
    );
    await submitted(() => result.current.submit(async () => undefined)());
    expect(result.current.summary[0]).toEqual({ targetId: 'org', text: `Organisation: ${english.t('problems.minChars', { min: 2 })}` });
    // The fields this form does not name are said in the summary with their paths.
    expect(result.current.summary.some((item) => item.targetId === undefined && item.text.startsWith('admin.displayName'))).toBe(true);
    act(() => result.current.clear());
    expect(result.current.summary).toEqual([]);
    expect(result.current.values()).toEqual(emptyFirstRun);
  });

  it("keeps the code and params of a refinement's issue and of the server's refusal, so that an area words them in the reader's language", async () => {
    const seen: FieldIssue[][] = [];
    const { result } = renderHook(
      () => {
        const { t } = useTranslation();
        return useContractForm(
          recordStepRequest,
          { kind: { id: 'step-kind', label: 'Step' }, occurredOn: { id: 'step-date', label: 'Date' } },
          { kind: 'trial', occurredOn: '2999-01-01' },
          {
            localise: (issues) => {
              seen.push(issues);
              return localiseStepIssues(t, (iso) => `[${iso}]`, issues);
            },
          },
        );
      },
      { wrapper: wrapperIn(french) },
    );
    const sent: unknown[] = [];
    expect(await submitted(() => result.current.submit(async (request) => void sent.push(request))())).toBe(false);
    expect(sent).toEqual([]);
    // The contract refuses a date in the future with `params: { code: 'future-date', step }`; the resolver alone keeps only its English message.
    expect(seen.at(-1)).toEqual([{ field: 'occurredOn', problem: 'trial: the date must not be in the future', code: 'future-date', params: { step: 'trial' } }]);
    const trial = french.t('prosecution.steps.trial');
    const future = french.t('prosecution.stepProblem', { step: trial, problem: french.t('prosecution.problems.future') });
    expect(future).not.toContain('future');
    expect(result.current.errorFor('occurredOn')).toBe(future);
    expect(result.current.summary).toEqual([{ targetId: 'step-date', text: `Date: ${future}` }]);

    act(() => result.current.text('occurredOn').onValueChange('2024-01-02'));
    const refusal = { step: 'trial', date: '2024-01-02', earlierStep: 'prosecution', earlierDate: '2024-03-01' };
    const outcome = await submitted(() =>
      result.current.submit(async () => {
        throw new ApiError(400, 'validation', 'Invalid request', [
          { field: 'occurredOn', problem: 'trial: dated 2024-01-02, before the prosecution of 2024-03-01', code: 'date-before-earlier-step', params: refusal },
        ]);
      })(),
    );
    expect(outcome).toBe(false);
    expect(seen.at(-1)).toEqual([expect.objectContaining({ field: 'occurredOn', code: 'date-before-earlier-step', params: refusal })]);
    const before = french.t('prosecution.stepProblem', {
      step: trial,
      problem: french.t('prosecution.problems.dateBefore', { date: '[2024-01-02]', earlier: french.t('prosecution.steps.prosecution'), then: '[2024-03-01]' }),
    });
    expect(result.current.errorFor('occurredOn')).toBe(before);
  });
});
