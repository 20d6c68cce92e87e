import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { createRecommendationRequest, recommendationBodies, recommendationThemes, recommendationUrgencies, type RecommendationTheme } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { resourceQueryKey } from '../../app/useResource';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { TextAreaField } from '../cases/controls';
import { createRecommendation } from './api';
import { localiseRecommendationIssues, useRecommendationLabels } from './labels';
import '../cases/cases.css';

/** The national rapporteur records a recommendation of a monitoring body, then lands on its page. */
export function NewRecommendationPage() {
  const { t } = useTranslation();
  const labels = useRecommendationLabels();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const fields = {
    sourceBody: { id: 'rec-body', label: t('recommendations.sourceBody') },
    cycle: { id: 'rec-cycle', label: t('recommendations.cycle') },
    issuedOn: { id: 'rec-issued', label: t('recommendations.issuedOn') },
    text: { id: 'rec-text', label: t('recommendations.text') },
    paragraph: { id: 'rec-paragraph', label: t('recommendations.paragraph') },
    themes: { id: 'rec-themes', label: t('recommendations.themesLabel') },
    addressedTo: { id: 'rec-addressed', label: t('recommendations.addressedTo') },
    urgency: { id: 'rec-urgency', label: t('recommendations.urgency') },
  };
  const form = useContractForm(
    createRecommendationRequest,
    fields,
    { sourceBody: '', cycle: '', issuedOn: '', text: '', paragraph: '', addressedTo: '', urgency: '', themes: [] as RecommendationTheme[] },
    {
      request: (v) => ({ ...v, sourceBody: v.sourceBody || undefined, urgency: v.urgency || undefined }),
      localise: (issues) => localiseRecommendationIssues(t, issues),
    },
  );
  const onSubmit = form.submit(async (request) => {
    const created = await createRecommendation(request);
    await queries.invalidateQueries({ queryKey: [resourceQueryKey] });
    void navigate(`/recommendations/${created.id}`);
  });
  return (
    <Page title={t('recommendations.record')}>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="rec-body" label={fields.sourceBody.label} {...form.text('sourceBody')}>
          <option value="">{t('recommendations.choose')}</option>
          {recommendationBodies.map((b) => (
            <option key={b} value={b}>
              {labels.body(b)}
            </option>
          ))}
        </SelectField>
        <TextField id="rec-cycle" label={fields.cycle.label} hint={t('recommendations.cycleHint')} {...form.text('cycle')} />
        <TextField id="rec-issued" type="date" label={fields.issuedOn.label} {...form.text('issuedOn')} />
        <TextAreaField id="rec-text" label={fields.text.label} {...form.text('text')} rows={6} />
        <TextField id="rec-paragraph" label={fields.paragraph.label} hint={t('recommendations.paragraphHint')} optional {...form.text('paragraph')} />
        <CheckboxGroup
          id="rec-themes"
          legend={fields.themes.label}
          error={form.errorFor('themes')}
          options={recommendationThemes.map((c) => ({ value: c, label: labels.theme(c) }))}
          selected={form.value('themes')}
          onChange={(selected) => form.set('themes', selected)}
        />
        <TextField id="rec-addressed" label={fields.addressedTo.label} hint={t('recommendations.addressedToHint')} optional {...form.text('addressedTo')} />
        <SelectField id="rec-urgency" label={fields.urgency.label} hint={t('recommendations.urgencyHint')} {...form.text('urgency')}>
          <option value="">{t('recommendations.choose')}</option>
          {recommendationUrgencies.map((u) => (
            <option key={u} value={u}>
              {labels.urgency(u)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('recommendations.recordSubmit')}
        </button>
      </form>
    </Page>
  );
}
