import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, renderHook } from '@testing-library/react';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { ReactNode } from 'react';
import { signInRequest } from '@palermo/contracts';
import { ApiError } from '../../src/app/api';
import { fieldProblems } from '../../src/app/validation';
import { useContractForm, useForm } from '../../src/components/useForm';
import en from '../../src/i18n/locales/en.json';

afterEach(cleanup);

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false }, showSupportNotice: false });
});

function wrapper({ children }: { children: ReactNode }) {
  return <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
}

const signInFields = {
  email: { id: 'sign-in-email', label: 'Email' },
  password: { id: 'sign-in-password', label: 'Password' },
};

function signInForm() {
  return renderHook(() => useContractForm(signInRequest, signInFields, { email: '', password: '' }), { wrapper });
}

describe('forms validated by the contract through react-hook-form', () => {
  it('checks the values with the contract and sends nothing when they are wrong', async () => {
    const { result } = signInForm();
    const sent: unknown[] = [];
    act(() => result.current.text('email').onValueChange('not an address'));
    let outcome: boolean | undefined;
    await act(async () => {
      outcome = await result.current.submit(async (values) => {
        sent.push(values);
      })();
    });
    expect(outcome).toBe(false);
    expect(sent).toEqual([]);
    expect(result.current.errorFor('email')).toBe(en.problems.email);
    expect(result.current.errorFor('password')).toBe(en.problems.required);
    expect(result.current.summary).toEqual([
      { targetId: 'sign-in-email', text: `Email: ${en.problems.email}` },
      { targetId: 'sign-in-password', text: `Password: ${en.problems.required}` },
    ]);
    expect(result.current.attempt).toBeGreaterThan(0);
  });

  it('sends the parsed values when they are right, and clears the earlier problems', async () => {
    const { result } = signInForm();
    await act(async () => {
      await result.current.submit(async () => undefined)();
    });
    expect(result.current.summary).toHaveLength(2);
    act(() => {
      result.current.text('email').onValueChange('caseworker@example.org');
      result.current.text('password').onValueChange('a long enough password');
    });
    const sent: unknown[] = [];
    let outcome: boolean | undefined;
    await act(async () => {
      outcome = await result.current.submit(async (values) => {
        sent.push(values);
      })();
    });
    expect(outcome).toBe(true);
    expect(sent).toEqual([{ email: 'caseworker@example.org', password: 'a long enough password' }]);
    expect(result.current.summary).toEqual([]);
    expect(result.current.errorFor('email')).toBeUndefined();
  });

  it("puts the server's issues on the fields they name, and the others in the summary", async () => {
    const { result } = signInForm();
    act(() => {
      result.current.text('email').onValueChange('caseworker@example.org');
      result.current.text('password').onValueChange('a long enough password');
    });
    await act(async () => {
      await result.current.submit(async () => {
        throw new ApiError(400, 'validation', 'Invalid request', [
          { field: 'body.email', problem: 'must be an e-mail address' },
          { field: 'organisationId', problem: 'is required' },
        ]);
      })();
    });
    expect(result.current.errorFor('email')).toBe(en.problems.email);
    expect(result.current.errorFor('password')).toBeUndefined();
    expect(result.current.summary).toEqual([
      { targetId: 'sign-in-email', text: `Email: ${en.problems.email}` },
      { text: `organisationId: ${en.problems.required}` },
    ]);
  });

  it('says an error that is about no field once, in the summary', async () => {
    const { result } = signInForm();
    act(() => {
      result.current.text('email').onValueChange('caseworker@example.org');
      result.current.text('password').onValueChange('a long enough password');
    });
    await act(async () => {
      await result.current.submit(async () => {
        throw new ApiError(401, 'invalid_credentials', 'Wrong e-mail or password');
      })();
    });
    expect(result.current.summary).toHaveLength(1);
    expect(result.current.summary[0]?.targetId).toBeUndefined();
    expect(result.current.summary[0]?.text).not.toBe('');
    expect(result.current.errorFor('email')).toBeUndefined();
  });
});

describe('useForm, the form state of forms that keep their own values', () => {
  const fields = { 'admin.email': { id: 'admin-email', label: 'Email' }, roles: { id: 'roles', label: 'Roles' } };

  it('places issues found before sending by their last segment or index, the first per field', () => {
    const { result } = renderHook(() => useForm(fields), { wrapper });
    act(() =>
      result.current.fail([
        { field: 'email', problem: 'must be an e-mail address' },
        { field: 'admin.email', problem: 'is required' },
        { field: 'roles.0', problem: 'must be one of the listed options' },
      ]),
    );
    expect(result.current.errorFor('admin.email')).toBe(en.problems.email);
    expect(result.current.errorFor('roles')).toBe(en.problems.choose);
    expect(result.current.summary.map((item) => item.targetId)).toEqual(['admin-email', 'roles']);
  });

  it("runs a submission once at a time, and keeps the server's issues until the next attempt", async () => {
    const { result } = renderHook(() => useForm(fields), { wrapper });
    let release: () => void = () => undefined;
    let first: Promise<boolean> | undefined;
    act(() => {
      first = result.current.run(
        () =>
          new Promise<void>((_resolve, reject) => {
            release = () => reject(new ApiError(409, 'conflict', 'Taken', [{ field: 'admin.email', problem: 'is already in use' }]));
          }),
      );
    });
    expect(result.current.submitting).toBe(true);
    let second: boolean | undefined;
    await act(async () => {
      second = await result.current.run(async () => undefined);
    });
    expect(second).toBe(false);
    await act(async () => {
      release();
      await first;
    });
    expect(result.current.submitting).toBe(false);
    expect(result.current.errorFor('admin.email')).toBeDefined();
    const attempt = result.current.attempt;
    await act(async () => {
      await result.current.run(async () => undefined);
    });
    expect(result.current.errorFor('admin.email')).toBeUndefined();
    expect(result.current.attempt).toBe(attempt);
  });
});

describe('fieldProblems', () => {
  it("reads react-hook-form's nested errors as dotted fields", () => {
    const errors = {
      admin: { email: { type: 'problem', message: 'is required', ref: { name: 'admin.email' } } },
      places: [undefined, { country: { type: 'invalid_format', message: 'is not valid' } }],
    };
    expect(fieldProblems(errors)).toEqual([
      { field: 'admin.email', problem: 'is required' },
      { field: 'places.1.country', problem: 'is not valid' },
    ]);
  });
});
