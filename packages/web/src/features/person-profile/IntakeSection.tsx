import { useState, type FormEvent } from 'react';
import type { CaseIntakeView } from '@palermo/contracts';
import { ApiError } from '../../app/api';
import { useResource } from '../../app/useResource';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { useForm } from '../../components/useForm';
import { TextAreaField } from '../cases/controls';
import { useFormats } from '../cases/format';
import { correctIntake, getIntake } from './api';
import { FactHistory } from './ProfileSection';
import { useDynamicT, useLocalisedChange } from './translate';

/**
 * What the intake recorded, shown again: the first responder's notes and the country of exploitation; the side
 * managing the case corrects them, and each earlier value stays in the history.
 */
export function IntakeSection({ caseId, canCorrect, onChanged, headingLevel = 2 }: { caseId: string; canCorrect: boolean; onChanged?: () => void; headingLevel?: 2 | 3 }) {
  const t = useDynamicT();
  const [resource, reload] = useResource(() => getIntake(caseId), `intake:${caseId}`);
  const [notice, setNotice] = useState('');
  // The field policy shows this reader nothing of it: no section at all.
  if (resource.status === 'failed' && resource.error instanceof ApiError && resource.error.status === 404) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section id="case-intake" aria-labelledby="case-intake-title">
      <Heading id="case-intake-title">{t('personProfile.intakeTitle')}</Heading>
      <StatusMessage>{notice}</StatusMessage>
      {resource.status === 'loading' ? <Loading /> : null}
      {resource.status === 'failed' ? <ErrorAlert error={resource.error} /> : null}
      {resource.status === 'ready' ? (
        <IntakeBody
          key={resource.data.version}
          view={resource.data}
          canCorrect={canCorrect}
          onSaved={() => {
            setNotice(t('personProfile.intakeSaved'));
            reload();
            onChanged?.();
          }}
        />
      ) : null}
    </section>
  );
}

function IntakeBody({ view, canCorrect, onSaved }: { view: CaseIntakeView; canCorrect: boolean; onSaved: () => void }) {
  const t = useDynamicT();
  const formats = useFormats();
  const [notes, setNotes] = useState(view.notes ?? '');
  const [country, setCountry] = useState(view.countryOfExploitation ?? '');
  const form = useForm({
    notes: { id: 'intake-notes', label: t('personProfile.intakeNotes') },
    countryOfExploitation: { id: 'intake-country', label: t('personProfile.countryOfExploitation') },
  });
  const change = useLocalisedChange();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const nextCountry = country.trim().toUpperCase();
    const saved = await form.run(() =>
      change(() =>
        correctIntake(view.caseId, {
          version: view.version ?? 1,
          notes: notes.trim() === '' ? null : notes,
          countryOfExploitation: nextCountry === '' ? null : nextCountry,
        }),
      ),
    );
    if (saved) onSaved();
  }

  return (
    <>
      <dl className="details">
        <div>
          <dt>{t('personProfile.intakeNotes')}</dt>
          <dd>{view.notes ? <bdi className="pre-wrap">{view.notes}</bdi> : <span className="muted">{t('personProfile.notRecorded')}</span>}</dd>
        </div>
        <div>
          <dt>{t('personProfile.countryOfExploitation')}</dt>
          <dd>{view.countryOfExploitation ? formats.country(view.countryOfExploitation) : <span className="muted">{t('personProfile.notRecorded')}</span>}</dd>
        </div>
      </dl>
      {canCorrect ? (
        <details className="profile-editor">
          <summary>{t('personProfile.correct')}</summary>
          <ErrorSummary form={form} />
          <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow" aria-label={t('personProfile.intakeTitle')}>
            <TextAreaField id="intake-notes" label={t('personProfile.intakeNotes')} optional value={notes} onValueChange={setNotes} error={form.errorFor('notes')} rows={4} />
            <TextField
              id="intake-country"
              label={t('personProfile.countryOfExploitation')}
              hint={t('personProfile.countryHint')}
              optional
              value={country}
              onValueChange={setCountry}
              error={form.errorFor('countryOfExploitation')}
            />
            <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
              {t('personProfile.save')}
            </button>
          </form>
        </details>
      ) : null}
      <FactHistory
        history={view.history ?? []}
        render={(change) =>
          change.earlierValue === null ? (
            <span className="muted">{t('personProfile.notRecorded')}</span>
          ) : change.section === 'countryOfExploitation' ? (
            formats.country(String(change.earlierValue))
          ) : (
            <bdi className="pre-wrap">{String(change.earlierValue)}</bdi>
          )
        }
      />
    </>
  );
}
