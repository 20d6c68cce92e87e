import { useTranslation } from 'react-i18next';
import { createInvestigationRequest, investigationApproaches, operationOrigins, referInvestigationRequest, type InvestigationView } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { localiseIssues } from '../cases/problems';
import { addInvestigation, referInvestigation } from './api';
import { useProsecutionLabels, type Notice } from './labels';

/** Adds an investigation to an operation of the user's agency. */
export function InvestigationForm({ operationId, onAdded }: { operationId: string; onAdded: (notice: Notice) => void }) {
  const { t } = useTranslation();
  const labels = useProsecutionLabels();
  const form = useContractForm(
    createInvestigationRequest,
    {
      title: { id: 'investigation-title', label: t('prosecution.investigationTitle') },
      origin: { id: 'investigation-origin', label: t('prosecution.origin') },
      approach: { id: 'investigation-approach', label: t('prosecution.approach') },
      openedOn: { id: 'investigation-opened', label: t('prosecution.openedOn') },
    },
    { title: '', origin: '', approach: '', openedOn: '' },
    {
      request: (values) => ({ ...values, origin: values.origin || undefined, approach: values.approach || undefined }),
      localise: (issues) => localiseIssues(t, issues),
    },
  );

  const onSubmit = form.submit(async (request) => {
    await addInvestigation(operationId, request);
    form.clear();
    onAdded((say) => say('prosecution.investigationAdded', { title: request.title }));
  });

  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextField id="investigation-title" label={t('prosecution.investigationTitle')} {...form.text('title')} />
        <TextField id="investigation-opened" type="date" label={t('prosecution.openedOn')} {...form.text('openedOn')} />
        <SelectField id="investigation-origin" label={t('prosecution.origin')} {...form.text('origin')}>
          <option value="">{t('prosecution.choose')}</option>
          {operationOrigins.map((value) => (
            <option key={value} value={value}>
              {labels.origin(value)}
            </option>
          ))}
        </SelectField>
        <SelectField id="investigation-approach" label={t('prosecution.approach')} {...form.text('approach')}>
          <option value="">{t('prosecution.choose')}</option>
          {investigationApproaches.map((value) => (
            <option key={value} value={value}>
              {labels.approach(value)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('prosecution.addInvestigationSubmit')}
        </button>
      </form>
    </>
  );
}

/** Refers an investigation to a prosecution office: from then on its prosecutors see it. */
export function ReferForm({ investigation, offices, onReferred }: { investigation: InvestigationView; offices: readonly { id: string; name: string }[]; onReferred: (notice: Notice) => void }) {
  const { t } = useTranslation();
  const officeId = `refer-office-${investigation.id}`;
  const dateId = `refer-date-${investigation.id}`;
  const form = useContractForm(
    referInvestigationRequest,
    {
      prosecutionOfficeId: { id: officeId, label: t('prosecution.prosecutionOffice') },
      referredOn: { id: dateId, label: t('prosecution.referredOn') },
    },
    { prosecutionOfficeId: '', referredOn: '' },
    { localise: (issues) => localiseIssues(t, issues) },
  );

  const onSubmit = form.submit(async (request) => {
    await referInvestigation(investigation.id, request);
    const name = offices.find((o) => o.id === request.prosecutionOfficeId)?.name ?? '';
    onReferred((say) => say('prosecution.investigationReferred', { title: investigation.title, office: name }));
  });

  return (
    <details className="action-panel">
      <summary>{t('prosecution.referInvestigation')}</summary>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id={officeId} label={t('prosecution.prosecutionOffice')} {...form.text('prosecutionOfficeId')}>
          <option value="">{t('prosecution.choose')}</option>
          {offices.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <TextField id={dateId} type="date" label={t('prosecution.referredOn')} {...form.text('referredOn')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('prosecution.referSubmit')}
        </button>
      </form>
    </details>
  );
}
