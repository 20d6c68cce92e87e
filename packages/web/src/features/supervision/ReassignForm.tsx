import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { reassignCaseRequest } from '@palermo/contracts';
import { useResource } from '../../app/useResource';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/fields';
import { ErrorAlert, Loading } from '../../components/Status';
import { useForm } from '../../components/useForm';
import { getCaseManagerChoice } from '../case-records/api';
import { localiseIssues } from '../cases/problems';
import { useCaseChange, type CaseActionProps } from '../cases/useCaseChange';
import { reassignCase } from './api';

/** A supervisor gives the case to another active caseworker of the organisation (both caseworkers are told). */
export function ReassignForm({ caseView, onChanged, onStale }: Omit<CaseActionProps, 'organisations'>) {
  const { t } = useTranslation();
  const [choice] = useResource(() => getCaseManagerChoice(caseView.id), `case-manager:${caseView.id}:${caseView.version}`);
  const [userId, setUserId] = useState('');
  const form = useForm({ caseManagerUserId: { id: 'reassign-user', label: t('supervision.reassignTo') } });
  const change = useCaseChange(form, onStale);

  if (choice.status === 'loading') return <Loading />;
  if (choice.status === 'failed') return <ErrorAlert error={choice.error} />;
  const { caseManager, candidates } = choice.data;
  const others = candidates.filter((candidate) => candidate.id !== caseManager?.id);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (userId === '') {
      form.fail([{ field: 'caseManagerUserId', problem: t('supervision.chooseSomeone') }]);
      return;
    }
    const checked = validate(reassignCaseRequest, { caseManagerUserId: userId, version: caseView.version });
    if (!checked.ok) {
      form.fail(localiseIssues(t, checked.issues));
      return;
    }
    const request = checked.data;
    const name = others.find((candidate) => candidate.id === userId)?.displayName ?? '';
    const saved = await change(async (post) => {
      await reassignCase(post, caseView.id, request);
    });
    if (saved) {
      setUserId('');
      onChanged(t('supervision.reassigned', { name }));
    }
  }

  return (
    <>
      <p>{caseManager !== null ? <>{t('caseManager.current')} <bdi>{caseManager.displayName}</bdi></> : t('caseManager.none')}</p>
      {others.length === 0 ? (
        <p className="hint">{t('caseManager.noOthers')}</p>
      ) : (
        <>
          <ErrorSummary form={form} />
          <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
            <SelectField id="reassign-user" label={t('supervision.reassignTo')} value={userId} onValueChange={setUserId} error={form.errorFor('caseManagerUserId')}>
              <option value="">{t('caseManager.choose')}</option>
              {others.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.displayName}
                </option>
              ))}
            </SelectField>
            <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
              {t('supervision.reassign')}
            </button>
          </form>
        </>
      )}
    </>
  );
}
