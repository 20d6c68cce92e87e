import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createInvestigationRequest, investigationApproaches, operationOrigins, referInvestigationRequest, type InvestigationView } from '@palermo/contracts';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import { localiseIssues } from '../cases/problems';
import { addInvestigation, referInvestigation } from './api';
import { useProsecutionLabels, type Notice } from './labels';

/** Adds an investigation to an operation of the user's agency. */
export function InvestigationForm({ operationId, onAdded }: { operationId: string; onAdded: (notice: Notice) => void }) {
  const { t } = useTranslation();
  const labels = useProsecutionLabels();
  const [title, setTitle] = useState('');
  const [origin, setOrigin] = useState('');
  const [approach, setApproach] = useState('');
  const [openedOn, setOpenedOn] = useState('');
  const form = useForm({
    title: { id: 'investigation-title', label: t('prosecution.investigationTitle') },
    origin: { id: 'investigation-origin', label: t('prosecution.origin') },
    approach: { id: 'investigation-approach', label: t('prosecution.approach') },
    openedOn: { id: 'investigation-opened', label: t('prosecution.openedOn') },
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(createInvestigationRequest, { title, origin: origin || undefined, approach: approach || undefined, openedOn });
    if (!checked.ok) {
      form.fail(localiseIssues(t, checked.issues));
      return;
    }
    const request = checked.data;
    if (await form.run(async () => void (await addInvestigation(operationId, request)))) {
      setTitle('');
      setOrigin('');
      setApproach('');
      setOpenedOn('');
      onAdded((say) => say('prosecution.investigationAdded', { title: request.title }));
    }
  }

  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextField id="investigation-title" label={t('prosecution.investigationTitle')} value={title} onValueChange={setTitle} error={form.errorFor('title')} />
        <TextField id="investigation-opened" type="date" label={t('prosecution.openedOn')} value={openedOn} onValueChange={setOpenedOn} error={form.errorFor('openedOn')} />
        <SelectField id="investigation-origin" label={t('prosecution.origin')} value={origin} onValueChange={setOrigin} error={form.errorFor('origin')}>
          <option value="">{t('prosecution.choose')}</option>
          {operationOrigins.map((value) => (
            <option key={value} value={value}>
              {labels.origin(value)}
            </option>
          ))}
        </SelectField>
        <SelectField id="investigation-approach" label={t('prosecution.approach')} value={approach} onValueChange={setApproach} error={form.errorFor('approach')}>
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
  const [office, setOffice] = useState('');
  const [referredOn, setReferredOn] = useState('');
  const officeId = `refer-office-${investigation.id}`;
  const dateId = `refer-date-${investigation.id}`;
  const form = useForm({
    prosecutionOfficeId: { id: officeId, label: t('prosecution.prosecutionOffice') },
    referredOn: { id: dateId, label: t('prosecution.referredOn') },
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(referInvestigationRequest, { prosecutionOfficeId: office, referredOn });
    if (!checked.ok) {
      form.fail(localiseIssues(t, checked.issues));
      return;
    }
    const request = checked.data;
    if (await form.run(async () => void (await referInvestigation(investigation.id, request)))) {
      const name = offices.find((o) => o.id === request.prosecutionOfficeId)?.name ?? '';
      onReferred((say) => say('prosecution.investigationReferred', { title: investigation.title, office: name }));
    }
  }

  return (
    <details className="action-panel">
      <summary>{t('prosecution.referInvestigation')}</summary>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id={officeId} label={t('prosecution.prosecutionOffice')} value={office} onValueChange={setOffice} error={form.errorFor('prosecutionOfficeId')}>
          <option value="">{t('prosecution.choose')}</option>
          {offices.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <TextField id={dateId} type="date" label={t('prosecution.referredOn')} value={referredOn} onValueChange={setReferredOn} error={form.errorFor('referredOn')} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('prosecution.referSubmit')}
        </button>
      </form>
    </details>
  );
}
