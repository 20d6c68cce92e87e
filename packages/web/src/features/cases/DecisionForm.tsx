import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { decisionOutcomes, decisionRequest, type CaseStage, type DecisionFilePart, type DecisionKind, type DecisionOutcome } from '@palermo/contracts';
import { validate } from '../../app/validation';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/fields';
import { useForm } from '../../components/useForm';
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
  const [kind, setKind] = useState<string>(kinds.length === 1 ? (kinds[0] ?? '') : '');
  const [outcome, setOutcome] = useState<DecisionOutcome | ''>('');
  const [reason, setReason] = useState('');
  const [reliedOn, setReliedOn] = useState<DecisionFilePart[]>([]);
  const [reliedOnDocumentIds, setReliedOnDocumentIds] = useState<string[]>([]);
  const form = useForm({
    kind: { id: 'decision-kind', label: t('decision.kind') },
    outcome: { id: 'decision-outcome', label: t('decision.outcome') },
    reason: { id: 'decision-reason', label: t('decision.reason') },
  });
  const change = useCaseChange(form, onStale);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(decisionRequest, { kind: kind || undefined, outcome: outcome || undefined, reason, reliedOn, reliedOnDocumentIds, version: caseView.version });
    if (!checked.ok) {
      form.fail(localiseIssues(t, checked.issues));
      return;
    }
    const request = checked.data;
    const saved = await change(async (post) => {
      await decide(post, caseView.id, request);
    });
    if (saved) {
      setOutcome('');
      setReason('');
      onChanged(t('decision.recorded', { kind: t(`decisionKinds.${request.kind}`), outcome: t(`decisionOutcomes.${request.outcome}`) }));
    }
  }

  return (
    <>
      <p className="hint">{t('decision.intro')}</p>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow">
        <SelectField id="decision-kind" label={t('decision.kind')} value={kind} onValueChange={setKind} error={form.errorFor('kind')}>
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
          value={outcome}
          onChange={setOutcome}
          inline
        />
        <ReliedOnFields caseId={caseView.id} parts={reliedOn} documentIds={reliedOnDocumentIds} onPartsChange={setReliedOn} onDocumentsChange={setReliedOnDocumentIds} />
        <TextAreaField
          id="decision-reason"
          label={t('decision.reason')}
          hint={t('decision.reasonHint')}
          value={reason}
          onValueChange={setReason}
          error={form.errorFor('reason')}
          rows={6}
        />
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {t('decision.submit')}
        </button>
      </form>
    </>
  );
}
