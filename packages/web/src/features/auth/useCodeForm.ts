import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { totpCodeRequest, type SessionView } from '@palermo/contracts';
import { useSession } from '../../app/session';
import { validate } from '../../app/validation';
import { useForm } from '../../components/useForm';
import { asCodeIssue } from './codeRejection';

/**
 * A form for one code from the person's authenticator app (signing in, or confirming enrolment): checks its shape,
 * sends it, applies the session that comes back, and clears the field when the code is refused.
 */
export function useCodeForm(id: string, send: (code: string) => Promise<SessionView>) {
  const { t } = useTranslation();
  const { applySession } = useSession();
  const [code, setCode] = useState('');
  const form = useForm({ code: { id, label: t('auth.code') } });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(totpCodeRequest, { code });
    if (!checked.ok) {
      form.fail(checked.issues);
      return;
    }
    const ok = await form.run(async () => {
      try {
        applySession(await send(checked.data.code));
      } catch (error) {
        throw asCodeIssue(error);
      }
    });
    if (!ok) setCode('');
  }

  return { code, setCode, form, onSubmit };
}
