import { useTranslation } from 'react-i18next';
import { trainingAudiences, trainingRequest, trainingTopics, type CoordinationOptions, type TrainingRequest, type TrainingView } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { localiseCoordinationIssues, orNull, orUndefined, useCoordinationLabels } from './labels';

/** A whole number typed in a box: the number, or the text as typed so that the contract names what is wrong. */
const count = (text: string): number | string | undefined => (text.trim() === '' ? undefined : /^\d+$/.test(text.trim()) ? Number(text.trim()) : text);

/** The form's values of a training recorded (to correct it), or of a new one. */
function valuesOf(training: TrainingView | undefined, ownOrganisationId: string | null) {
  if (!training) return { topic: '', title: '', audience: '', organisationId: ownOrganisationId ?? '', heldOn: '', numberTrained: '', women: '', men: '', activityId: '' };
  return {
    topic: training.topic ?? '', title: training.title ?? '', audience: training.audience ?? '', organisationId: training.organisationId ?? '', heldOn: training.heldOn ?? '',
    numberTrained: training.numberTrained === undefined ? '' : String(training.numberTrained),
    women: training.bySex ? String(training.bySex.women) : '', men: training.bySex ? String(training.bySex.men) : '', activityId: training.activityId ?? '',
  };
}

/**
 * A training delivered: its topic and title, the audience, the delivering organisation (the reader's own for an
 * organisation's leads), the day, how many were trained and, optionally, how many of them women and men, and the
 * plan activity it delivers. Given a training recorded, the form corrects it (its fields' ids start with `idPrefix`).
 */
export function TrainingForm({ options, ownOrganisationId, onSave, training, idPrefix = 'training', submitLabel }: {
  options: CoordinationOptions;
  ownOrganisationId: string | null;
  onSave: (body: TrainingRequest) => Promise<void>;
  training?: TrainingView;
  idPrefix?: string;
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  const labels = useCoordinationLabels();
  const organisations = ownOrganisationId ? options.organisations.filter((o) => o.id === ownOrganisationId) : options.organisations;
  const initial = valuesOf(training, ownOrganisationId);
  const id = (name: string) => `${idPrefix}-${name}`;
  const form = useContractForm(
    trainingRequest,
    {
      topic: { id: id('topic'), label: t('coordination.topic') },
      title: { id: id('title'), label: t('coordination.trainingTitle') },
      audience: { id: id('audience'), label: t('coordination.audience') },
      organisationId: { id: id('organisation'), label: t('coordination.deliveredBy') },
      heldOn: { id: id('date'), label: t('coordination.trainingDate') },
      numberTrained: { id: id('number'), label: t('coordination.numberTrained') },
      bySex: { id: id('women'), label: t('coordination.bySex') },
      'bySex.women': { id: id('women'), label: t('coordination.women') },
      'bySex.men': { id: id('men'), label: t('coordination.men') },
      activityId: { id: id('activity'), label: t('coordination.planActivity') },
    },
    initial,
    {
      request: (v) => ({
        topic: orUndefined(v.topic), title: v.title, audience: orUndefined(v.audience), organisationId: orUndefined(v.organisationId), heldOn: v.heldOn,
        numberTrained: count(v.numberTrained),
        bySex: v.women.trim() === '' && v.men.trim() === '' ? null : { women: count(v.women) ?? 0, men: count(v.men) ?? 0 },
        activityId: orNull(v.activityId),
      }),
      localise: localiseCoordinationIssues(t),
    },
  );
  const onSubmit = form.submit(async (request) => {
    await onSave(request);
    if (!training) form.clear(initial);
  });
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id={id('topic')} label={t('coordination.topic')} {...form.text('topic')}>
          <option value="">{t('coordination.choose')}</option>
          {trainingTopics.map((code) => <option key={code} value={code}>{labels.topic(code)}</option>)}
        </SelectField>
        <TextField id={id('title')} label={t('coordination.trainingTitle')} {...form.text('title')} />
        <SelectField id={id('audience')} label={t('coordination.audience')} {...form.text('audience')}>
          <option value="">{t('coordination.choose')}</option>
          {trainingAudiences.map((code) => <option key={code} value={code}>{labels.audience(code)}</option>)}
        </SelectField>
        <SelectField id={id('organisation')} label={t('coordination.deliveredBy')} {...form.text('organisationId')}>
          {ownOrganisationId ? null : <option value="">{t('coordination.choose')}</option>}
          {organisations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </SelectField>
        <TextField id={id('date')} type="date" label={t('coordination.trainingDate')} {...form.text('heldOn')} />
        <TextField id={id('number')} inputMode="numeric" label={t('coordination.numberTrained')} {...form.text('numberTrained')} />
        <fieldset>
          <legend>{t('coordination.bySex')}</legend>
          <p className="hint">{t('coordination.bySexHint')}</p>
          <TextField id={id('women')} inputMode="numeric" label={t('coordination.women')} optional {...form.text('women')} error={form.errorFor('bySex') ?? form.errorFor('bySex.women')} />
          <TextField id={id('men')} inputMode="numeric" label={t('coordination.men')} optional {...form.text('men')} error={form.errorFor('bySex.men')} />
        </fieldset>
        <SelectField id={id('activity')} label={t('coordination.planActivity')} optional {...form.text('activityId')}>
          <option value="">{t('coordination.noActivity')}</option>
          {options.activities.map((a) => <option key={a.id} value={a.id}>{`${a.code} ${a.title}`}</option>)}
        </SelectField>
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {submitLabel ?? t('coordination.recordTraining')}
        </button>
      </form>
    </>
  );
}
