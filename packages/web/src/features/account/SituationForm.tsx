import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddSituationRequest, SituationView } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useForm } from '../../components/useForm';
import { useKeyedPost } from '../cases/keyed';
import { AnswerInput } from './AnswerInput';
import { answersOf, draftOf, draftsOf, emptyDraft, type AnswerDraft, type AnswerKind } from './answers';
import { addSituation, correctSituation } from './api';
import { useAccountLabels, type CodedField } from './labels';
import { localiseAccountError } from './problems';
import type { SavedNotice } from './AccountSection';
import { Suggestions } from './Suggestions';

/** The situation's answers, in the order the form asks them. */
const answers = {
  forms: 'codes',
  labourIndustries: 'codes',
  sexualExploitationTypes: 'codes',
  criminalExploitationTypes: 'codes',
  financialExploitationTypes: 'codes',
  startDate: 'date',
  endDate: 'date',
  durationMonths: 'number',
  ongoing: 'boolean',
  ageAtStart: 'number',
  recruitmentMethods: 'codes',
  recruitmentChannels: 'codes',
  promised: 'longText',
  recruiterRelationship: 'code',
  methodsOfControl: 'codes',
  howEnded: 'code',
} as const satisfies Record<string, AnswerKind>;
type AnswerName = keyof typeof answers;

interface PlaceDraft {
  stage: string;
  country: AnswerDraft;
  place: string;
}

interface Props {
  caseId: string;
  /** The situation corrected; absent to add one. */
  situation?: SituationView;
  /** Methods of control the case's screenings suggest, for the caseworker to confirm. */
  suggestedControl: readonly string[];
  onSaved: (notice: SavedNotice) => void;
  onCancel?: () => void;
}

/** Adds an exploitation situation, or corrects one (the whole value, naming the version read). */
export function SituationForm({ caseId, situation, suggestedControl, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const labels = useAccountLabels();
  const post = useKeyedPost();
  const prefix = situation ? `situation-${situation.id}` : 'situation-new';
  const [drafts, setDrafts] = useState<Record<string, AnswerDraft>>(() => draftsOf(answers, situation as Record<string, unknown> | undefined));
  const [acquaintance, setAcquaintance] = useState(situation?.recruiterAcquaintance ?? '');
  const [places, setPlaces] = useState<PlaceDraft[]>(() => (situation?.places ?? []).map((p) => ({ stage: p.stage, country: draftOf(p.country), place: p.place ?? '' })));
  const fieldLabel = (name: string) => (t as unknown as (key: string) => string)(`account.fields.${name}`);
  const form = useForm({
    ...Object.fromEntries(Object.keys(answers).map((name) => [name, { id: `${prefix}-${name}`, label: fieldLabel(name) }])),
    recruiterAcquaintance: { id: `${prefix}-recruiterAcquaintance`, label: fieldLabel('recruiterAcquaintance') },
    places: { id: `${prefix}-places`, label: t('account.places') },
    'places.country': { id: `${prefix}-places`, label: t('account.country') },
  });
  const set = (name: string) => (draft: AnswerDraft) => setDrafts((current) => ({ ...current, [name]: draft }));
  const setPlace = (index: number, change: Partial<PlaceDraft>) => setPlaces((current) => current.map((p, i) => (i === index ? { ...p, ...change } : p)));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = {
      ...answersOf(answers, drafts),
      ...(acquaintance ? { recruiterAcquaintance: acquaintance } : {}),
      places: places.map((p) => {
        const country = answersOf({ country: 'country' }, { country: p.country })['country'] ?? { state: 'unknown' };
        return { stage: p.stage, country, ...(p.place.trim() ? { place: p.place.trim() } : {}) };
      }),
    } as AddSituationRequest;
    await form.run(async () => {
      try {
        if (situation) await correctSituation(caseId, situation.id, { ...body, version: situation.version });
        else await addSituation(post, caseId, body);
      } catch (error) {
        throw localiseAccountError(t, error);
      }
      onSaved('situationSaved');
    });
  }

  const input = (name: AnswerName) => (
    <AnswerInput
      key={name}
      id={`${prefix}-${name}`}
      label={fieldLabel(name)}
      kind={answers[name]}
      draft={drafts[name] ?? emptyDraft}
      onChange={set(name)}
      options={answers[name] === 'codes' || answers[name] === 'code' ? labels.options(name as CodedField) : []}
      error={form.errorFor(name)}
    />
  );

  return (
    <form onSubmit={onSubmit} noValidate className="account-form">
      <ErrorSummary form={form} />
      {input('forms')}
      {input('labourIndustries')}
      {input('sexualExploitationTypes')}
      {input('criminalExploitationTypes')}
      {input('financialExploitationTypes')}
      {input('startDate')}
      {input('endDate')}
      {input('durationMonths')}
      {input('ongoing')}
      {input('ageAtStart')}
      <fieldset id={`${prefix}-places`} tabIndex={-1} className={form.errorFor('places') || form.errorFor('places.country') ? 'field field-invalid' : 'field'}>
        <legend>{t('account.places')}</legend>
        {form.errorFor('places.country') ?? form.errorFor('places') ? <p className="field-error">{form.errorFor('places.country') ?? form.errorFor('places')}</p> : null}
        {places.map((p, index) => (
          <fieldset key={index} className="account-place">
            <legend>{t('account.place', { n: index + 1 })}</legend>
            <label>
              {t('account.stage')}
              <select value={p.stage} onChange={(event) => setPlace(index, { stage: event.target.value })}>
                {labels.options('stage').map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
            <AnswerInput id={`${prefix}-place-${index}-country`} label={t('account.country')} kind="country" draft={p.country} onChange={(country) => setPlace(index, { country })} options={labels.countries} />
            <label>
              {t('account.placeText')}
              <input type="text" value={p.place} onChange={(event) => setPlace(index, { place: event.target.value })} />
            </label>
            <button type="button" className="secondary" onClick={() => setPlaces((current) => current.filter((_, i) => i !== index))}>
              {t('account.removePlace', { n: index + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="button" className="secondary" onClick={() => setPlaces((current) => [...current, { stage: 'Exploitation', country: emptyDraft, place: '' }])}>
          {t('account.addPlace')}
        </button>
      </fieldset>
      {input('recruitmentMethods')}
      {input('recruitmentChannels')}
      {input('promised')}
      {input('recruiterRelationship')}
      <div className="field">
        <label htmlFor={`${prefix}-recruiterAcquaintance`}>{fieldLabel('recruiterAcquaintance')}</label>
        {form.errorFor('recruiterAcquaintance') ? <p className="field-error">{form.errorFor('recruiterAcquaintance')}</p> : null}
        <select id={`${prefix}-recruiterAcquaintance`} value={acquaintance} onChange={(event) => setAcquaintance(event.target.value)}>
          <option value="">—</option>
          {labels.options('recruiterAcquaintance').map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <Suggestions
        suggested={suggestedControl}
        chosen={drafts['methodsOfControl']?.values ?? []}
        onConfirm={(methods) => {
          const current = drafts['methodsOfControl'] ?? emptyDraft;
          set('methodsOfControl')({ ...current, state: 'known', values: [...new Set([...current.values, ...methods])] });
        }}
      />
      {input('methodsOfControl')}
      {input('howEnded')}
      <p className="inline-actions">
        <button type="submit" disabled={form.submitting}>
          {t('account.saveSituation')}
        </button>
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('account.cancel')}
          </button>
        ) : null}
      </p>
    </form>
  );
}
