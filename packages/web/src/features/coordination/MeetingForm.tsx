import { useTranslation } from 'react-i18next';
import { meetingRequest, type MeetingRequest } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { TextAreaField } from '../cases/controls';
import { localiseCoordinationIssues, orNull } from './labels';

/** A meeting of a body: its date, place, a summary of the minutes and the decisions taken (the coordinator). */
export function MeetingForm({ idPrefix, initial, submitLabel, onSave }: { idPrefix: string; initial?: MeetingRequest; submitLabel: string; onSave: (body: MeetingRequest) => Promise<void> }) {
  const { t } = useTranslation();
  const form = useContractForm(
    meetingRequest,
    {
      heldOn: { id: `${idPrefix}-date`, label: t('coordination.meetingDate') },
      place: { id: `${idPrefix}-place`, label: t('coordination.place') },
      minutes: { id: `${idPrefix}-minutes`, label: t('coordination.minutes') },
      decisions: { id: `${idPrefix}-decision-0`, label: t('coordination.decisions') },
    },
    { heldOn: initial?.heldOn ?? '', place: initial?.place ?? '', minutes: initial?.minutes ?? '', decisions: initial?.decisions?.length ? [...initial.decisions] : [''] },
    {
      // Empty decision boxes are left out.
      request: (v) => ({ ...v, place: orNull(v.place.trim()), decisions: v.decisions.filter((d) => d.trim() !== '') }),
      localise: localiseCoordinationIssues(t),
    },
  );
  const decisions = form.value('decisions');
  const onSubmit = form.submit(async (request) => {
    await onSave(request);
    if (!initial) form.clear();
  });
  return (
    <>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <TextField id={`${idPrefix}-date`} type="date" label={t('coordination.meetingDate')} {...form.text('heldOn')} />
        <TextField id={`${idPrefix}-place`} label={t('coordination.place')} optional {...form.text('place')} />
        <TextAreaField id={`${idPrefix}-minutes`} label={t('coordination.minutes')} hint={t('coordination.minutesHint')} optional {...form.text('minutes')} />
        <fieldset>
          <legend>{t('coordination.decisions')}</legend>
          {decisions.map((decision, index) => (
            <TextAreaField
              key={index}
              id={`${idPrefix}-decision-${index}`}
              label={t('coordination.decisionN', { n: index + 1 })}
              optional
              rows={2}
              value={decision}
              onValueChange={(value) => form.set('decisions', decisions.map((d, i) => (i === index ? value : d)))}
              error={index === 0 ? form.errorFor('decisions') : undefined}
            />
          ))}
          <button type="button" onClick={() => form.set('decisions', [...decisions, ''])}>
            {t('coordination.addDecision')}
          </button>
        </fieldset>
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {submitLabel}
        </button>
      </form>
    </>
  );
}
