import { useTranslation } from 'react-i18next';
import { reassignCaseRequest } from '@palermo/contracts';
import { useResource } from '../../app/useResource';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/fields';
import { ErrorAlert, Loading } from '../../components/Status';
import { useContractForm } from '../../components/useForm';
import { getCaseManagerChoice } from '../case-records/api';
import { localiseIssues } from '../cases/problems';
import { useCaseChange, type CaseActionProps } from '../cases/useCaseChange';
import { reassignCase } from './api';

/** A supervisor gives the case to another active caseworker of the organisation (both caseworkers are told). */
export function ReassignForm({ caseView, onChanged, onStale }: Omit<CaseActionProps, 'organisations'>) {
  const { t } = useTranslation();
  const [choice] = useResource(() => getCaseManagerChoice(caseView.id), `case-manager:${caseView.id}:${caseView.version}`);
  const form = useContractForm(
    reassignCaseRequest,
    { caseManagerUserId: { id: 'reassign-user', label: t('supervision.reassignTo') } },
    { caseManagerUserId: '' },
    {
      request: ({ caseManagerUserId }) => ({ caseManagerUserId, version: caseView.version }),
      also: ({ caseManagerUserId }) => (caseManagerUserId === '' ? [{ field: 'caseManagerUserId', problem: t('supervision.chooseSomeone') }] : []),
      localise: (issues) => localiseIssues(t, issues),
    },
  );
  const change = useCaseChange(form, onStale);
  const candidates = choice.status === 'ready' ? choice.data.candidates : [];
  const caseManager = choice.status === 'ready' ? choice.data.caseManager : null;
  const others = candidates.filter((candidate) => candidate.id !== caseManager?.id);

  const onSubmit = form.check(async (request) => {
    const name = others.find((candidate) => candidate.id === request.caseManagerUserId)?.displayName ?? '';
    const saved = await change(async (post) => {
      await reassignCase(post, caseView.id, request);
    });
    if (saved) {
      form.clear();
      onChanged(t('supervision.reassigned', { name }));
    }
  });

  if (choice.status === 'loading') return <Loading />;
  if (choice.status === 'failed') return <ErrorAlert error={choice.error} />;

  return (
    <>
      <p>{caseManager !== null ? <>{t('caseManager.current')} <bdi>{caseManager.displayName}</bdi></> : t('caseManager.none')}</p>
      {others.length === 0 ? (
        <p className="hint">{t('caseManager.noOthers')}</p>
      ) : (
        <>
          <ErrorSummary form={form} />
          <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
            <SelectField id="reassign-user" label={t('supervision.reassignTo')} {...form.text('caseManagerUserId')}>
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
