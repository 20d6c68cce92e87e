import { useTranslation } from 'react-i18next';
import { addCaseRecordRequest } from '@palermo/contracts';
import { useResource } from '../../app/useResource';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/fields';
import { ErrorAlert, Loading } from '../../components/Status';
import { useContractForm } from '../../components/useForm';
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
  const form = useContractForm(
    addCaseRecordRequest,
    {
      'data.caseManagerUserId': { id: 'case-manager-user', label: t('caseManager.new') },
      notes: { id: 'case-manager-notes', label: t('caseManager.why') },
    },
    { data: { caseManagerUserId: '' }, notes: '' },
    {
      request: ({ data, notes }) => ({ kind: 'case_manager_assigned', data, ...(notes.trim() ? { notes: notes.trim() } : {}), version: caseView.version }),
      also: ({ data }) => (data.caseManagerUserId === '' ? [{ field: 'data.caseManagerUserId', problem: 'is required' }] : []),
      localise: (issues) => localiseIssues(t, issues),
    },
  );
  const change = useCaseChange(form, onStale);
  const candidates = choice.status === 'ready' ? choice.data.candidates : [];
  const caseManager = choice.status === 'ready' ? choice.data.caseManager : null;
  const others = candidates.filter((candidate) => candidate.id !== caseManager?.id);

  const onSubmit = form.check(async (request) => {
    const userId = form.value('data.caseManagerUserId');
    const name = others.find((candidate) => candidate.id === userId)?.displayName ?? '';
    const saved = await change(async (post) => {
      await addRecord(post, caseView.id, request);
    });
    if (saved) {
      form.clear();
      onChanged(t('caseManager.assigned', { name }));
    }
  });

  if (choice.status === 'loading') return <Loading />;
  if (choice.status === 'failed') return <ErrorAlert error={choice.error} />;

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
            <SelectField id="case-manager-user" label={t('caseManager.new')} {...form.text('data.caseManagerUserId')}>
              <option value="">{t('caseManager.choose')}</option>
              {others.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.displayName}
                </option>
              ))}
            </SelectField>
            <TextAreaField id="case-manager-notes" label={t('caseManager.why')} hint={t('recordFields.notesHint')} optional {...form.text('notes')} />
            <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
              {caseManager !== null ? t('caseManager.change') : t('caseManager.assign')}
            </button>
          </form>
        </>
      )}
    </>
  );
}
