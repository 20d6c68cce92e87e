import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  assessmentEntryRequest,
  determinantActivities,
  determinantCodes,
  determinantDirections,
  determinantStrengths,
  determinantTypology,
  determinantTypologyDimensions,
  type AssessmentEntryView,
  type DeterminantCode,
} from '@palermo/contracts';
import { useResource } from '../../app/useResource';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { TextAreaField } from '../cases/controls';
import { listIndicators, listPlans } from '../action-plan/api';
import { listRecommendations } from '../recommendations/api';
import { recordEntry } from './api';
import { localiseDeterminantIssues, useDeterminantLabels } from './labels';

const blank = { determinant: '', direction: '', activity: '', strength: '', origin: '', nature: '', specificity: '', reach: '', level: '', evidence: '' };
type Choices = typeof blank;
type Values = Choices & { influences: DeterminantCode[]; recommendationIds: string[]; indicatorIds: string[] };

function valuesOf(entry: AssessmentEntryView | undefined, determinant: string): Values {
  if (!entry) return { ...blank, determinant, influences: [], recommendationIds: [], indicatorIds: [] };
  return {
    determinant, direction: entry.direction, activity: entry.activity, strength: entry.strength, ...entry.typology, evidence: entry.evidence,
    influences: [...entry.influences], recommendationIds: [...entry.recommendationIds], indicatorIds: [...entry.indicatorIds],
  };
}

/**
 * One determinant of an assessment, recorded by the rapporteur: choosing a determinant already recorded fills the
 * form with what was recorded (saving rewrites it). The recommendations it rests on are offered from those recorded.
 */
export function EntryForm({ assessmentId, entries, onSaved }: { assessmentId: string; entries: readonly AssessmentEntryView[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const labels = useDeterminantLabels();
  const [saved, setSaved] = useState(false);
  const [recommendations] = useResource(() => listRecommendations({}), 'recommendations:||||');
  const [indicators] = useResource(async () => (await Promise.all((await listPlans()).map((plan) => listIndicators(plan.id)))).flat(), 'determinants:plan-indicators');
  const fields = {
    determinant: { id: 'entry-determinant', label: t('determinants.determinant') },
    direction: { id: 'entry-direction', label: t('determinants.direction') },
    activity: { id: 'entry-activity', label: t('determinants.activity') },
    strength: { id: 'entry-strength', label: t('determinants.strength') },
    ...Object.fromEntries(determinantTypologyDimensions.map((d) => [`typology.${d}`, { id: `entry-${d}`, label: labels.dimension(d) }])),
    evidence: { id: 'entry-evidence', label: t('determinants.evidence') },
    recommendationIds: { id: 'entry-recommendations', label: t('determinants.recommendationsLinked') },
    indicatorIds: { id: 'entry-indicators', label: t('determinants.indicatorsLinked') },
    influences: { id: 'entry-influences', label: t('determinants.influencesLegend') },
  };
  const orUndefined = (value: string) => value || undefined;
  const form = useContractForm(assessmentEntryRequest, fields, valuesOf(undefined, ''), {
    request: (v) => ({
      determinant: orUndefined(v.determinant), direction: orUndefined(v.direction), activity: orUndefined(v.activity), strength: orUndefined(v.strength),
      typology: { origin: orUndefined(v.origin), nature: orUndefined(v.nature), specificity: orUndefined(v.specificity), reach: orUndefined(v.reach), level: orUndefined(v.level) },
      evidence: v.evidence, recommendationIds: v.recommendationIds, indicatorIds: v.indicatorIds, influences: v.influences,
    }),
    localise: (issues) => localiseDeterminantIssues(t, issues),
  });
  const set = <K extends keyof Values>(key: K) => (value: Values[K]) => {
    setSaved(false);
    form.set(key, value as never);
  };
  // Choosing a determinant already recorded fills the form with what was recorded.
  const choose = (determinant: string) => {
    const values = valuesOf(entries.find((e) => e.determinant === determinant), determinant);
    for (const key of Object.keys(values) as (keyof Values)[]) form.set(key, values[key] as never);
    setSaved(false);
  };
  const onSubmit = form.submit(async (request) => {
    await recordEntry(assessmentId, request);
    setSaved(true);
    onSaved();
  });
  const select = (key: keyof Choices, id: string, label: string, codes: readonly string[], word: (code: string) => string, onChange: (value: string) => void = set(key)) => (
    <SelectField id={id} label={label} value={form.value(key)} onValueChange={onChange} error={form.errorFor(id === 'entry-determinant' ? 'determinant' : fieldOf(key))}>
      <option value="">{t('determinants.choose')}</option>
      {codes.map((code) => (
        <option key={code} value={code}>
          {word(code)}
        </option>
      ))}
    </SelectField>
  );
  return (
    <>
      <ErrorSummary form={form} />
      <p>{t('determinants.recordEntryHint')}</p>
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow" aria-labelledby="record-entry">
        {select('determinant', 'entry-determinant', fields.determinant.label, determinantCodes, labels.determinant, choose)}
        {select('direction', 'entry-direction', fields.direction.label, determinantDirections, labels.direction)}
        {select('activity', 'entry-activity', fields.activity.label, determinantActivities, labels.activity)}
        {select('strength', 'entry-strength', fields.strength.label, determinantStrengths, labels.strength)}
        <fieldset className="field">
          <legend>{t('determinants.typologyLabel')}</legend>
          {determinantTypologyDimensions.map((d) => (
            <div key={d}>{select(d, `entry-${d}`, labels.dimension(d), determinantTypology[d], labels.typology)}</div>
          ))}
        </fieldset>
        <TextAreaField id="entry-evidence" label={fields.evidence.label} hint={t('determinants.evidenceHint')} optional value={form.value('evidence')} onValueChange={set('evidence')} error={form.errorFor('evidence')} rows={4} />
        {recommendations.status === 'ready' && recommendations.data.length > 0 ? (
          <CheckboxGroup
            id="entry-recommendations"
            legend={fields.recommendationIds.label}
            error={form.errorFor('recommendationIds')}
            options={recommendations.data.slice(0, 50).flatMap((r) => (r.id ? [{ value: r.id, label: `${r.issuedOn ?? ''} ${(r.text ?? '').slice(0, 100)}` }] : []))}
            selected={form.value('recommendationIds')}
            onChange={set('recommendationIds')}
          />
        ) : null}
        {indicators.status === 'ready' && indicators.data.length > 0 ? (
          <CheckboxGroup
            id="entry-indicators"
            legend={fields.indicatorIds.label}
            error={form.errorFor('indicatorIds')}
            options={indicators.data.slice(0, 100).map((i) => ({ value: i.id, label: `${i.code} ${i.title}` }))}
            selected={form.value('indicatorIds')}
            onChange={set('indicatorIds')}
          />
        ) : null}
        <CheckboxGroup
          id="entry-influences"
          legend={fields.influences.label}
          error={form.errorFor('influences')}
          options={determinantCodes.filter((c) => c !== form.value('determinant')).map((c) => ({ value: c, label: labels.determinant(c) }))}
          selected={form.value('influences')}
          onChange={set('influences')}
        />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('determinants.recordEntrySubmit')}
        </button>
        {saved ? <p role="status">{t('determinants.saved')}</p> : null}
      </form>
    </>
  );
}

/** The contract's path of a form key (the typology's dimensions are nested). */
const fieldOf = (key: string) => ((determinantTypologyDimensions as readonly string[]).includes(key) ? `typology.${key}` : key);
