import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { closeCaseRequest } from '@palermo/contracts';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useForm } from '../../components/useForm';
import { closeCase } from './api';
import { CheckboxField, TextAreaField } from './controls';
import { localiseIssues } from './problems';
import { useCaseChange, type CaseActionProps } from './useCaseChange';

/** Closes the case with a reason. */
export function CloseCaseForm({ caseView, onChanged, onStale }: Omit<CaseActionProps, 'organisations'>) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [referred, setReferred] = useState(false);
  const form = useForm({ reason: { id: 'close-reason', label: t('close.reason') } });
  const change = useCaseChange(form, onStale);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(closeCaseRequest, { reason, referred, version: caseView.version });
    if (!checked.ok) {
      form.fail(localiseIssues(t, checked.issues));
      return;
    }
    const request = checked.data;
    let awaiting = false;
    const saved = await change(async (post) => {
      awaiting = (await closeCase(post, caseView.id, request)).awaitingApproval === true;
    });
    if (saved) onChanged(awaiting ? t('supervision.closureAwaiting') : t('close.closed'));
  }

  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextAreaField id="close-reason" label={t('close.reason')} hint={t('close.reasonHint')} value={reason} onValueChange={setReason} error={form.errorFor('reason')} />
        <CheckboxField id="close-referred" label={t('close.referred')} checked={referred} onChange={setReferred} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('close.submit')}
        </button>
      </form>
    </>
  );
}
