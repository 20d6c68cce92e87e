import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { createRecommendationRequest, recommendationBodies, recommendationThemes, recommendationUrgencies, type RecommendationTheme } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { resourceQueryKey } from '../../app/useResource';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import { TextAreaField } from '../cases/controls';
import { createRecommendation } from './api';
import { localiseRecommendationIssues, translatingRefusals, useRecommendationLabels } from './labels';
import '../cases/cases.css';

/** The national rapporteur records a recommendation of a monitoring body, then lands on its page. */
export function NewRecommendationPage() {
  const { t } = useTranslation();
  const labels = useRecommendationLabels();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [v, setV] = useState({ sourceBody: '', cycle: '', issuedOn: '', text: '', paragraph: '', addressedTo: '', urgency: '' });
  const [themes, setThemes] = useState<RecommendationTheme[]>([]);
  const set = (key: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [key]: value }));
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
  const form = useForm(fields);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(createRecommendationRequest, { ...v, sourceBody: v.sourceBody || undefined, urgency: v.urgency || undefined, themes });
    if (!checked.ok) return form.fail(localiseRecommendationIssues(t, checked.issues));
    let id = '';
    const done = await form.run(async () => {
      id = (await translatingRefusals(t, () => createRecommendation(checked.data))).id;
    });
    if (done) {
      await queries.invalidateQueries({ queryKey: [resourceQueryKey] });
      void navigate(`/recommendations/${id}`);
    }
  }
  return (
    <Page title={t('recommendations.record')}>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="rec-body" label={fields.sourceBody.label} value={v.sourceBody} onValueChange={set('sourceBody')} error={form.errorFor('sourceBody')}>
          <option value="">{t('recommendations.choose')}</option>
          {recommendationBodies.map((b) => (
            <option key={b} value={b}>
              {labels.body(b)}
            </option>
          ))}
        </SelectField>
        <TextField id="rec-cycle" label={fields.cycle.label} hint={t('recommendations.cycleHint')} value={v.cycle} onValueChange={set('cycle')} error={form.errorFor('cycle')} />
        <TextField id="rec-issued" type="date" label={fields.issuedOn.label} value={v.issuedOn} onValueChange={set('issuedOn')} error={form.errorFor('issuedOn')} />
        <TextAreaField id="rec-text" label={fields.text.label} value={v.text} onValueChange={set('text')} error={form.errorFor('text')} rows={6} />
        <TextField id="rec-paragraph" label={fields.paragraph.label} hint={t('recommendations.paragraphHint')} optional value={v.paragraph} onValueChange={set('paragraph')} error={form.errorFor('paragraph')} />
        <CheckboxGroup
          id="rec-themes"
          legend={fields.themes.label}
          error={form.errorFor('themes')}
          options={recommendationThemes.map((c) => ({ value: c, label: labels.theme(c) }))}
          selected={themes}
          onChange={setThemes}
        />
        <TextField id="rec-addressed" label={fields.addressedTo.label} hint={t('recommendations.addressedToHint')} optional value={v.addressedTo} onValueChange={set('addressedTo')} error={form.errorFor('addressedTo')} />
        <SelectField id="rec-urgency" label={fields.urgency.label} hint={t('recommendations.urgencyHint')} value={v.urgency} onValueChange={set('urgency')} error={form.errorFor('urgency')}>
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
