import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addCaseRecordRequest } from '@palermo/contracts';
import { useResource } from '../../app/useResource';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/fields';
import { ErrorAlert, Loading } from '../../components/Status';
import { useForm } from '../../components/useForm';
import { TextAreaField } from '../cases/controls';
import { localiseIssues } from '../cases/problems';
import { useCaseChange, type CaseActionProps } from '../cases/useCaseChange';
import { addRecord, getCaseManagerChoice } from './api';

/**
 * Assigns or changes the case manager: one of the managing organisation's active caseworkers. The assignment is a
 * record of the case (who, when, why), so earlier case managers stay in its history.
 */
export function CaseManagerForm({ caseView, onChanged, onStale }: CaseActionProps) {
  const { t } = useTranslation();
  const [choice] = useResource(() => getCaseManagerChoice(caseView.id), `case-manager:${caseView.id}:${caseView.version}`);
  const [userId, setUserId] = useState('');
  const [notes, setNotes] = useState('');
  const form = useForm({
    'data.caseManagerUserId': { id: 'case-manager-user', label: t('caseManager.new') },
    notes: { id: 'case-manager-notes', label: t('caseManager.why') },
  });
  const change = useCaseChange(form, onStale);

  if (choice.status === 'loading') return <Loading />;
  if (choice.status === 'failed') return <ErrorAlert error={choice.error} />;
  const { caseManager, candidates } = choice.data;
  const others = candidates.filter((candidate) => candidate.id !== caseManager?.id);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(addCaseRecordRequest, {
      kind: 'case_manager_assigned',
      data: { caseManagerUserId: userId },
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      version: caseView.version,
    });
    if (!checked.ok || userId === '') {
      form.fail(userId === '' ? [{ field: 'data.caseManagerUserId', problem: 'is required' }] : localiseIssues(t, checked.ok ? [] : checked.issues));
      return;
    }
    const request = checked.data;
    const name = others.find((candidate) => candidate.id === userId)?.displayName ?? '';
    const saved = await change(async (post) => {
      await addRecord(post, caseView.id, request);
    });
    if (saved) {
      setUserId('');
      setNotes('');
      onChanged(t('caseManager.assigned', { name }));
    }
  }

  return (
    <>
      <p>
        {caseManager !== null ? (
          <>
            {t('caseManager.current')} <bdi>{caseManager.displayName}</bdi>
          </>
        ) : (
          t('caseManager.none')
        )}
      </p>
      {others.length === 0 ? (
        <p className="hint">{t('caseManager.noOthers')}</p>
      ) : (
        <>
          <ErrorSummary form={form} />
          <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
            <SelectField id="case-manager-user" label={t('caseManager.new')} value={userId} onValueChange={setUserId} error={form.errorFor('data.caseManagerUserId')}>
              <option value="">{t('caseManager.choose')}</option>
              {others.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.displayName}
                </option>
              ))}
            </SelectField>
            <TextAreaField id="case-manager-notes" label={t('caseManager.why')} hint={t('recordFields.notesHint')} optional value={notes} onValueChange={setNotes} error={form.errorFor('notes')} />
            <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
              {caseManager !== null ? t('caseManager.change') : t('caseManager.assign')}
            </button>
          </form>
        </>
      )}
    </>
  );
}
