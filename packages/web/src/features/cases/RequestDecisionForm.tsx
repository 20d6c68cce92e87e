import { useTranslation } from 'react-i18next';
import { requestDecisionRequest } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { requestDecision } from './api';
import { localiseIssues } from './problems';
import { useCaseChange, type CaseActionProps } from './useCaseChange';

/** Refers the case to a competent authority for a reasonable-grounds decision (needs consent to referral to it). */
export function RequestDecisionForm({ caseView, organisations, onChanged, onStale }: CaseActionProps) {
  const { t } = useTranslation();
  const authorities = organisations.filter((organisation) => organisation.type === 'competent_authority');
  // The organisations arrive after the form first renders: with exactly one competent authority, the select shows it
  // without a blank option, so it is the one requested even though nobody changed the select.
  const only = authorities.length === 1 ? (authorities[0]?.id ?? '') : '';
  const form = useContractForm(
    requestDecisionRequest,
    { competentAuthorityId: { id: 'decision-request-authority', label: t('decisionRequest.authority') } },
    { competentAuthorityId: '' },
    {
      request: ({ competentAuthorityId }) => ({ competentAuthorityId: competentAuthorityId || only || undefined, version: caseView.version }),
      localise: (issues) => localiseIssues(t, issues),
    },
  );
  const authority = form.value('competentAuthorityId') || only;
  const change = useCaseChange(form, onStale);

  const onSubmit = form.check(async (request) => {
    const saved = await change(async (post) => {
      await requestDecision(post, caseView.id, request);
    });
    if (saved) {
      const name = authorities.find((organisation) => organisation.id === request.competentAuthorityId)?.name ?? '';
      onChanged(t('decisionRequest.sent', { name }));
    }
  });

  return (
    <>
      <p className="hint">{t('decisionRequest.intro')}</p>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField
          id="decision-request-authority"
          label={t('decisionRequest.authority')}
          {...form.text('competentAuthorityId')}
          value={authority}
        >
          {authorities.length === 1 ? null : <option value="">{t('decisionRequest.chooseAuthority')}</option>}
          {authorities.map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {organisation.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('decisionRequest.submit')}
        </button>
      </form>
    </>
  );
}
