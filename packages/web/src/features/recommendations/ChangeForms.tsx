import { useTranslation } from 'react-i18next';
import { commentRequest, implementationStatuses, recommendationResponses, recordResponseRequest, recordStatusRequest, type ImplementationStatus } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { TextAreaField } from '../cases/controls';
import { comment, recordResponse, recordStatus } from './api';
import { localiseRecommendationIssues, useRecommendationLabels } from './labels';

interface ChangeProps {
  recommendationId: string;
  onRecorded: () => void;
}

/** The government's response (the national coordinator): accepted, noted or rejected, when, and where it said so. */
export function ResponseForm({ recommendationId, onRecorded }: ChangeProps) {
  const { t } = useTranslation();
  const labels = useRecommendationLabels();
  const empty = { response: '', effectiveOn: '', evidence: '' };
  const form = useContractForm(
    recordResponseRequest,
    {
      response: { id: 'response-value', label: t('recommendations.response') },
      effectiveOn: { id: 'response-on', label: t('recommendations.responseOn') },
      evidence: { id: 'response-evidence', label: t('recommendations.responseEvidence') },
    },
    empty,
    { request: (v) => ({ ...v, response: v.response || undefined }), localise: (issues) => localiseRecommendationIssues(t, issues) },
  );
  const onSubmit = form.submit(async (request) => {
    await recordResponse(recommendationId, request);
    form.clear(empty);
    onRecorded();
  });
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="response-value" label={t('recommendations.response')} {...form.text('response')}>
          <option value="">{t('recommendations.choose')}</option>
          {recommendationResponses.map((r) => (
            <option key={r} value={r}>
              {labels.response(r)}
            </option>
          ))}
        </SelectField>
        <TextField id="response-on" type="date" label={t('recommendations.responseOn')} {...form.text('effectiveOn')} />
        <TextAreaField id="response-evidence" label={t('recommendations.responseEvidence')} hint={t('recommendations.responseEvidenceHint')} optional {...form.text('evidence')} rows={3} />
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
  const empty = { status: '', effectiveOn: '', evidence: '' };
  const form = useContractForm(
    recordStatusRequest,
    {
      status: { id: 'status-value', label: t('recommendations.newStatus') },
      effectiveOn: { id: 'status-on', label: t('recommendations.statusOn') },
      evidence: { id: 'status-evidence', label: t('recommendations.statusEvidence') },
    },
    empty,
    { request: (v) => ({ ...v, status: v.status || undefined }), localise: (issues) => localiseRecommendationIssues(t, issues) },
  );
  const onSubmit = form.submit(async (request) => {
    await recordStatus(recommendationId, request);
    form.clear(empty);
    onRecorded();
  });
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <p>{t('recommendations.currentStatus', { status: labels.status(current) })}</p>
        <SelectField id="status-value" label={t('recommendations.newStatus')} {...form.text('status')}>
          <option value="">{t('recommendations.choose')}</option>
          {implementationStatuses.map((s) => (
            <option key={s} value={s}>
              {labels.status(s)}
            </option>
          ))}
        </SelectField>
        <TextField id="status-on" type="date" label={t('recommendations.statusOn')} {...form.text('effectiveOn')} />
        <TextAreaField id="status-evidence" label={t('recommendations.statusEvidence')} hint={t('recommendations.statusEvidenceHint')} optional {...form.text('evidence')} rows={3} />
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
  const form = useContractForm(
    commentRequest,
    { comment: { id: 'comment-text', label: t('recommendations.commentLabel') } },
    { comment: '' },
    { localise: (issues) => localiseRecommendationIssues(t, issues) },
  );
  const onSubmit = form.submit(async (request) => {
    await comment(recommendationId, request);
    form.clear({ comment: '' });
    onRecorded();
  });
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextAreaField id="comment-text" label={t('recommendations.commentLabel')} hint={t('recommendations.commentHint')} {...form.text('comment')} rows={3} />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('recommendations.commentSubmit')}
        </button>
      </form>
    </>
  );
}
