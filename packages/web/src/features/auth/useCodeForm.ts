import { useTranslation } from 'react-i18next';
import { totpCodeRequest, type SessionView } from '@palermo/contracts';
import { useSession } from '../../app/session';
import { useContractForm } from '../../components/useForm';
import { asCodeIssue } from './codeRejection';

/**
 * A form for one code from the person's authenticator app (signing in, or confirming enrolment): checks its shape,
 * sends it, applies the session that comes back, and clears the field when the code is refused.
 */
export function useCodeForm(id: string, send: (code: string) => Promise<SessionView>) {
  const { t } = useTranslation();
  const { applySession } = useSession();
  const form = useContractForm(totpCodeRequest, { code: { id, label: t('auth.code') } }, { code: '' });
  const code = form.value('code');
  const setCode = (value: string) => form.set('code', value);

  const onSubmit = form.check(async (request) => {
    const ok = await form.run(async () => {
      try {
        applySession(await send(request.code));
      } catch (error) {
        throw asCodeIssue(error);
      }
    });
    if (!ok) setCode('');
  });

  return { code, setCode, form, onSubmit };
}
