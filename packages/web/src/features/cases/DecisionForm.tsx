import { useTranslation } from 'react-i18next';
import { decisionOutcomes, decisionRequest, type CaseStage, type DecisionFilePart, type DecisionKind,} from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/fields';
import { useContractForm } from '../../components/useForm';
import { ReliedOnFields } from '../person-profile/DecisionFile';
import { decide } from './api';
import { RadioGroup, TextAreaField } from './controls';
import { localiseIssues } from './problems';
import { useCaseChange, type CaseActionProps } from './useCaseChange';

/** The decisions the lifecycle allows at each stage (the server checks the same). */
export function decisionKindsAt(stage: CaseStage): DecisionKind[] {
  switch (stage) {
    case 'reported':
    case 'screened':
    case 'reasonable_grounds_pending':
      return ['reasonable_grounds'];
    case 'reasonable_grounds_positive':
      return ['conclusive_grounds'];
    case 'reasonable_grounds_negative':
    case 'conclusive_negative':
      return ['reconsideration'];
    case 'conclusive_positive':
      return [];
  }
}

/** A decision on victim status, by the competent authority, with its reason. */
export function DecisionForm({ caseView, onChanged, onStale }: Omit<CaseActionProps, 'organisations'>) {
  const { t } = useTranslation();
  const kinds = caseView.stage === undefined ? [] : decisionKindsAt(caseView.stage);
  const form = useContractForm(
    decisionRequest,
    {
      kind: { id: 'decision-kind', label: t('decision.kind') },
      outcome: { id: 'decision-outcome', label: t('decision.outcome') },
      reason: { id: 'decision-reason', label: t('decision.reason') },
    },
    { kind: kinds.length === 1 ? (kinds[0] ?? '') : '', outcome: '', reason: '', reliedOn: [] as DecisionFilePart[], reliedOnDocumentIds: [] as string[] },
    {
      request: (values) => ({ ...values, kind: values.kind || undefined, outcome: values.outcome || undefined, version: caseView.version }),
      localise: (issues) => localiseIssues(t, issues),
    },
  );
  const change = useCaseChange(form, onStale);

  const onSubmit = form.check(async (request) => {
    const saved = await change(async (post) => {
      await decide(post, caseView.id, request);
    });
    if (saved) {
      form.set('outcome', '');
      form.set('reason', '');
      onChanged(t('decision.recorded', { kind: t(`decisionKinds.${request.kind}`), outcome: t(`decisionOutcomes.${request.outcome}`) }));
    }
  });

  return (
    <>
      <p className="hint">{t('decision.intro')}</p>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="decision-kind" label={t('decision.kind')} {...form.text('kind')}>
          {kinds.length === 1 ? null : <option value="">{t('decision.chooseKind')}</option>}
          {kinds.map((value) => (
            <option key={value} value={value}>
              {t(`decisionKinds.${value}`)}
            </option>
          ))}
        </SelectField>
        <RadioGroup
          id="decision-outcome"
          legend={t('decision.outcome')}
          error={form.errorFor('outcome')}
          options={decisionOutcomes.map((value) => ({ value, label: t(`decisionOutcomes.${value}`) }))}
          value={form.value('outcome')}
          onChange={(value) => form.set('outcome', value)}
          inline
        />
        <ReliedOnFields caseId={caseView.id} parts={form.value('reliedOn')} documentIds={form.value('reliedOnDocumentIds')} onPartsChange={(parts) => form.set('reliedOn', parts)} onDocumentsChange={(ids) => form.set('reliedOnDocumentIds', ids)} />
        <TextAreaField
          id="decision-reason"
          label={t('decision.reason')}
          hint={t('decision.reasonHint')}
          {...form.text('reason')}
          rows={6}
        />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('decision.submit')}
        </button>
      </form>
    </>
  );
}
