import { useTranslation } from 'react-i18next';
import { closeCaseRequest } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useContractForm } from '../../components/useForm';
import { closeCase } from './api';
import { CheckboxField, TextAreaField } from './controls';
import { localiseIssues } from './problems';
import { useCaseChange, type CaseActionProps } from './useCaseChange';

/** Closes the case with a reason. */
export function CloseCaseForm({ caseView, onChanged, onStale }: Omit<CaseActionProps, 'organisations'>) {
  const { t } = useTranslation();
  const form = useContractForm(
    closeCaseRequest,
    { reason: { id: 'close-reason', label: t('close.reason') } },
    { reason: '', referred: false },
    { request: (values) => ({ ...values, version: caseView.version }), localise: (issues) => localiseIssues(t, issues) },
  );
  const change = useCaseChange(form, onStale);

  const onSubmit = form.check(async (request) => {
    let awaiting = false;
    const saved = await change(async (post) => {
      awaiting = (await closeCase(post, caseView.id, request)).awaitingApproval === true;
    });
    if (saved) onChanged(awaiting ? t('supervision.closureAwaiting') : t('close.closed'));
  });

  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextAreaField id="close-reason" label={t('close.reason')} hint={t('close.reasonHint')} {...form.text('reason')} />
        <CheckboxField id="close-referred" label={t('close.referred')} checked={form.value('referred')} onChange={(checked) => form.set('referred', checked)} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('close.submit')}
        </button>
      </form>
    </>
  );
}
