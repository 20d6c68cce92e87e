import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { commentRequest, implementationStatuses, recommendationResponses, recordResponseRequest, recordStatusRequest, type ImplementationStatus } from '@palermo/contracts';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import { TextAreaField } from '../cases/controls';
import { comment, recordResponse, recordStatus } from './api';
import { localiseRecommendationIssues, translatingRefusals, useRecommendationLabels } from './labels';

interface ChangeProps {
  recommendationId: string;
  onRecorded: () => void;
}

/** The government's response (the national coordinator): accepted, noted or rejected, when, and where it said so. */
export function ResponseForm({ recommendationId, onRecorded }: ChangeProps) {
  const { t } = useTranslation();
  const labels = useRecommendationLabels();
  const [v, setV] = useState({ response: '', effectiveOn: '', evidence: '' });
  const set = (key: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [key]: value }));
  const form = useForm({
    response: { id: 'response-value', label: t('recommendations.response') },
    effectiveOn: { id: 'response-on', label: t('recommendations.responseOn') },
    evidence: { id: 'response-evidence', label: t('recommendations.responseEvidence') },
  });
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(recordResponseRequest, { ...v, response: v.response || undefined });
    if (!checked.ok) return form.fail(localiseRecommendationIssues(t, checked.issues));
    if (await form.run(async () => void (await translatingRefusals(t, () => recordResponse(recommendationId, checked.data))))) {
      setV({ response: '', effectiveOn: '', evidence: '' });
      onRecorded();
    }
  }
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="response-value" label={t('recommendations.response')} value={v.response} onValueChange={set('response')} error={form.errorFor('response')}>
          <option value="">{t('recommendations.choose')}</option>
          {recommendationResponses.map((r) => (
            <option key={r} value={r}>
              {labels.response(r)}
            </option>
          ))}
        </SelectField>
        <TextField id="response-on" type="date" label={t('recommendations.responseOn')} value={v.effectiveOn} onValueChange={set('effectiveOn')} error={form.errorFor('effectiveOn')} />
        <TextAreaField id="response-evidence" label={t('recommendations.responseEvidence')} hint={t('recommendations.responseEvidenceHint')} optional value={v.evidence} onValueChange={set('evidence')} error={form.errorFor('evidence')} rows={3} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('recommendations.recordResponseSubmit')}
        </button>
      </form>
    </>
  );
}

/** A change of the implementation status (the national rapporteur), with what shows it and from when. */
export function StatusForm({ recommendationId, current, onRecorded }: ChangeProps & { current: ImplementationStatus }) {
  const { t } = useTranslation();
  const labels = useRecommendationLabels();
  const [v, setV] = useState({ status: '', effectiveOn: '', evidence: '' });
  const set = (key: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [key]: value }));
  const form = useForm({
    status: { id: 'status-value', label: t('recommendations.newStatus') },
    effectiveOn: { id: 'status-on', label: t('recommendations.statusOn') },
    evidence: { id: 'status-evidence', label: t('recommendations.statusEvidence') },
  });
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(recordStatusRequest, { ...v, status: v.status || undefined });
    if (!checked.ok) return form.fail(localiseRecommendationIssues(t, checked.issues));
    if (await form.run(async () => void (await translatingRefusals(t, () => recordStatus(recommendationId, checked.data))))) {
      setV({ status: '', effectiveOn: '', evidence: '' });
      onRecorded();
    }
  }
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <p>{t('recommendations.currentStatus', { status: labels.status(current) })}</p>
        <SelectField id="status-value" label={t('recommendations.newStatus')} value={v.status} onValueChange={set('status')} error={form.errorFor('status')}>
          <option value="">{t('recommendations.choose')}</option>
          {implementationStatuses.map((s) => (
            <option key={s} value={s}>
              {labels.status(s)}
            </option>
          ))}
        </SelectField>
        <TextField id="status-on" type="date" label={t('recommendations.statusOn')} value={v.effectiveOn} onValueChange={set('effectiveOn')} error={form.errorFor('effectiveOn')} />
        <TextAreaField id="status-evidence" label={t('recommendations.statusEvidence')} hint={t('recommendations.statusEvidenceHint')} optional value={v.evidence} onValueChange={set('evidence')} error={form.errorFor('evidence')} rows={3} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('recommendations.recordStatusSubmit')}
        </button>
      </form>
    </>
  );
}

/** A civil society comment on the status, kept in the history under the organisation's name. */
export function CommentForm({ recommendationId, onRecorded }: ChangeProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const form = useForm({ comment: { id: 'comment-text', label: t('recommendations.commentLabel') } });
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(commentRequest, { comment: text });
    if (!checked.ok) return form.fail(localiseRecommendationIssues(t, checked.issues));
    if (await form.run(async () => void (await translatingRefusals(t, () => comment(recommendationId, checked.data))))) {
      setText('');
      onRecorded();
    }
  }
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextAreaField id="comment-text" label={t('recommendations.commentLabel')} hint={t('recommendations.commentHint')} value={text} onValueChange={setText} error={form.errorFor('comment')} rows={3} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('recommendations.commentSubmit')}
        </button>
      </form>
    </>
  );
}
