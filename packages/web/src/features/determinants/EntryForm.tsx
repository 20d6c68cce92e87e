import { useState, type FormEvent } from 'react';
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
import { validate } from '../../app/validation';
import { useResource } from '../../app/useResource';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import { TextAreaField } from '../cases/controls';
import { listIndicators, listPlans } from '../action-plan/api';
import { listRecommendations } from '../recommendations/api';
import { recordEntry } from './api';
import { localiseDeterminantIssues, translatingRefusals, useDeterminantLabels } from './labels';

const blank = { determinant: '', direction: '', activity: '', strength: '', origin: '', nature: '', specificity: '', reach: '', level: '', evidence: '' };

function valuesOf(entry: AssessmentEntryView | undefined, determinant: string) {
  if (!entry) return { ...blank, determinant };
  return { determinant, direction: entry.direction, activity: entry.activity, strength: entry.strength, ...entry.typology, evidence: entry.evidence };
}

/**
 * One determinant of an assessment, recorded by the rapporteur: choosing a determinant already recorded fills the
 * form with what was recorded (saving rewrites it). The recommendations it rests on are offered from those recorded.
 */
export function EntryForm({ assessmentId, entries, onSaved }: { assessmentId: string; entries: readonly AssessmentEntryView[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const labels = useDeterminantLabels();
  const [v, setV] = useState(blank);
  const [influences, setInfluences] = useState<DeterminantCode[]>([]);
  const [recommendationIds, setRecommendationIds] = useState<string[]>([]);
  const [indicatorIds, setIndicatorIds] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const [recommendations] = useResource(() => listRecommendations({}), 'recommendations:||||');
  const [indicators] = useResource(async () => (await Promise.all((await listPlans()).map((plan) => listIndicators(plan.id)))).flat(), 'determinants:plan-indicators');
  const set = (key: keyof typeof v) => (value: string) => {
    setSaved(false);
    setV((old) => ({ ...old, [key]: value }));
  };
  const choose = (determinant: string) => {
    const entry = entries.find((e) => e.determinant === determinant);
    setV(valuesOf(entry, determinant));
    setInfluences(entry ? [...entry.influences] : []);
    setRecommendationIds(entry ? [...entry.recommendationIds] : []);
    setIndicatorIds(entry ? [...entry.indicatorIds] : []);
    setSaved(false);
  };
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
  const form = useForm(fields);
  const orUndefined = (value: string) => value || undefined;
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = {
      determinant: orUndefined(v.determinant), direction: orUndefined(v.direction), activity: orUndefined(v.activity), strength: orUndefined(v.strength),
      typology: { origin: orUndefined(v.origin), nature: orUndefined(v.nature), specificity: orUndefined(v.specificity), reach: orUndefined(v.reach), level: orUndefined(v.level) },
      evidence: v.evidence, recommendationIds, indicatorIds, influences,
    };
    const checked = validate(assessmentEntryRequest, body);
    if (!checked.ok) return form.fail(localiseDeterminantIssues(t, checked.issues));
    const done = await form.run(async () => {
      await translatingRefusals(t, () => recordEntry(assessmentId, checked.data));
    });
    if (done) {
      setSaved(true);
      onSaved();
    }
  }
  const select = (key: keyof typeof v, id: string, label: string, codes: readonly string[], word: (code: string) => string, onChange = set(key)) => (
    <SelectField id={id} label={label} value={v[key]} onValueChange={onChange} error={form.errorFor(id === 'entry-determinant' ? 'determinant' : fieldOf(key))}>
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
        <TextAreaField id="entry-evidence" label={fields.evidence.label} hint={t('determinants.evidenceHint')} optional value={v.evidence} onValueChange={set('evidence')} error={form.errorFor('evidence')} rows={4} />
        {recommendations.status === 'ready' && recommendations.data.length > 0 ? (
          <CheckboxGroup
            id="entry-recommendations"
            legend={fields.recommendationIds.label}
            error={form.errorFor('recommendationIds')}
            options={recommendations.data.slice(0, 50).flatMap((r) => (r.id ? [{ value: r.id, label: `${r.issuedOn ?? ''} ${(r.text ?? '').slice(0, 100)}` }] : []))}
            selected={recommendationIds}
            onChange={setRecommendationIds}
          />
        ) : null}
        {indicators.status === 'ready' && indicators.data.length > 0 ? (
          <CheckboxGroup
            id="entry-indicators"
            legend={fields.indicatorIds.label}
            error={form.errorFor('indicatorIds')}
            options={indicators.data.slice(0, 100).map((i) => ({ value: i.id, label: `${i.code} ${i.title}` }))}
            selected={indicatorIds}
            onChange={setIndicatorIds}
          />
        ) : null}
        <CheckboxGroup
          id="entry-influences"
          legend={fields.influences.label}
          error={form.errorFor('influences')}
          options={determinantCodes.filter((c) => c !== v.determinant).map((c) => ({ value: c, label: labels.determinant(c) }))}
          selected={influences}
          onChange={setInfluences}
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
