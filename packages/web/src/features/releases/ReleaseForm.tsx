import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  defaultQuasiIdentifiers,
  releaseAttributeNames,
  type ReleaseAttributeName,
  type ReleaseBudgetView,
  type ReleaseKind,
  type ReleaseMade,
  type ReleaseRequest,
} from '@palermo/contracts';
import { ApiError } from '../../app/api';
import { CheckboxGroup, SelectField, TextField } from '../../components/fields';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useForm } from '../../components/useForm';
import { RadioGroup } from '../cases/controls';
import { makeRelease } from './api';
import { useReleaseFormats } from './ReleaseResult';

interface Props {
  datasetId: string;
  budget: ReleaseBudgetView;
  onMade: (made: ReleaseMade) => void;
}

/** Reads a decimal number as people type it (a comma as decimal separator too); NaN when it is not one. */
const readNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim().replace(',', '.')));

/** The release form: a differentially private synthetic file or a k-anonymous one, and its parameters. */
export function ReleaseForm({ datasetId, budget, onMade }: Props) {
  const { t } = useTranslation();
  const f = useReleaseFormats();
  const [kind, setKind] = useState<ReleaseKind>('synthetic');
  const [epsilon, setEpsilon] = useState('1');
  const [delta, setDelta] = useState('1e-6');
  const [length, setLength] = useState('3');
  const [k, setK] = useState('11');
  const [quasiIdentifiers, setQuasiIdentifiers] = useState<ReleaseAttributeName[]>([...defaultQuasiIdentifiers]);
  const [refusal, setRefusal] = useState<string | null>(null);
  // The checked request awaiting the user's confirmation (the confirm step), or null while editing.
  const [pending, setPending] = useState<ReleaseRequest | null>(null);
  const form = useForm({
    epsilon: { id: 'release-epsilon', label: t('releases.epsilon') },
    delta: { id: 'release-delta', label: t('releases.delta') },
    reportingLength: { id: 'release-length', label: t('releases.length') },
    k: { id: 'release-k', label: t('releases.k') },
    quasiIdentifiers: { id: 'release-qi', label: t('releases.quasiIdentifiers') },
    datasetId: { id: 'release-dataset', label: t('releases.dataset') },
  });

  /** First click: check the parameters and show what the release spends; nothing is sent yet. */
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRefusal(null);
    let request: ReleaseRequest;
    if (kind === 'synthetic') {
      const e = readNumber(epsilon);
      const d = readNumber(delta);
      const problems = [
        ...(Number.isFinite(e) && e > 0 ? [] : [{ field: 'epsilon', problem: t('releases.positiveNumber') }]),
        ...(Number.isFinite(d) && d > 0 ? [] : [{ field: 'delta', problem: t('releases.positiveNumber') }]),
      ];
      if (problems.length > 0) return form.fail(problems);
      request = { kind, datasetId, epsilon: e, delta: d, reportingLength: Number(length) };
    } else {
      const kValue = readNumber(k);
      if (!Number.isInteger(kValue) || kValue < 2) return form.fail([{ field: 'k', problem: t('releases.kProblem') }]);
      if (quasiIdentifiers.length === 0) return form.fail([{ field: 'quasiIdentifiers', problem: t('releases.chooseQuasiIdentifier') }]);
      request = { kind, datasetId, k: kValue, quasiIdentifiers };
    }
    form.reset();
    setPending(request);
  }

  /** Second click, on the confirm step: the release is made and the budget spent. */
  async function onConfirm(request: ReleaseRequest) {
    await form.run(async () => {
      try {
        onMade(await makeRelease({ ...request, confirmed: true }));
        setPending(null);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'budget_exceeded') {
          setRefusal(
            t('releases.budgetExceeded', {
              epsilon: request.kind === 'synthetic' ? f.small(request.epsilon) : '0',
              remaining: f.small(budget.remainingEpsilon),
              total: f.small(budget.totalEpsilon),
            }),
          );
          setPending(null);
          return;
        }
        setPending(null);
        throw error;
      }
    });
  }

  const attributeOptions = releaseAttributeNames.map((name) => ({ value: name, label: t(`releases.attributes.${name}`) }));
  return (
    <section aria-labelledby="release-form-title">
      <h2 id="release-form-title">{t('releases.formTitle')}</h2>
      <ErrorSummary form={form} />
      {refusal ? (
        <div role="alert" className="alert">
          {refusal}
        </div>
      ) : null}
      {pending ? <ConfirmStep request={pending} budget={budget} submitting={form.submitting} onConfirm={() => void onConfirm(pending)} onBack={() => setPending(null)} /> : null}
      <form onSubmit={onSubmit} noValidate hidden={pending !== null}>
        <RadioGroup
          id="release-kind"
          legend={t('releases.kind')}
          options={(['synthetic', 'k_anonymous'] as const).map((option) => ({ value: option, label: t(`releases.kinds.${option}`) }))}
          value={kind}
          onChange={setKind}
        />
        {kind === 'synthetic' ? (
          <>
            <TextField id="release-epsilon" label={t('releases.epsilon')} hint={t('releases.epsilonHint')} inputMode="decimal" value={epsilon} onValueChange={setEpsilon} error={form.errorFor('epsilon')} />
            <TextField id="release-delta" label={t('releases.delta')} hint={t('releases.deltaHint')} inputMode="decimal" value={delta} onValueChange={setDelta} error={form.errorFor('delta')} />
            <SelectField id="release-length" label={t('releases.length')} hint={t('releases.lengthHint')} value={length} onValueChange={setLength} error={form.errorFor('reportingLength')}>
              {['1', '2', '3'].map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </SelectField>
          </>
        ) : (
          <>
            <TextField id="release-k" label={t('releases.k')} hint={t('releases.kHint')} inputMode="numeric" value={k} onValueChange={setK} error={form.errorFor('k')} />
            <CheckboxGroup
              id="release-qi"
              legend={t('releases.quasiIdentifiers')}
              hint={t('releases.quasiIdentifiersHint')}
              error={form.errorFor('quasiIdentifiers')}
              options={attributeOptions}
              selected={quasiIdentifiers}
              onChange={setQuasiIdentifiers}
            />
          </>
        )}
        <p>{kind === 'synthetic' ? t('releases.willSpend', { epsilon: epsilon.trim() || '…', remaining: f.small(budget.remainingEpsilon), total: f.small(budget.totalEpsilon) }) : t('releases.spendsNothing', { remaining: f.small(budget.remainingEpsilon) })}</p>
        <button type="submit" className="button-primary" disabled={form.submitting}>
          {t('releases.review')}
        </button>
      </form>
    </section>
  );
}

interface ConfirmProps {
  request: ReleaseRequest;
  budget: ReleaseBudgetView;
  submitting: boolean;
  onConfirm: () => void;
  onBack: () => void;
}

/** The confirm step: what the release spends and what is left after it, then one explicit click to make it. */
function ConfirmStep({ request, budget, submitting, onConfirm, onBack }: ConfirmProps) {
  const { t } = useTranslation();
  const f = useReleaseFormats();
  const spends = request.kind === 'synthetic' ? request.epsilon : 0;
  const after = Math.max(0, budget.remainingEpsilon - spends);
  return (
    <section aria-labelledby="release-confirm-title" className="confirm-step" data-testid="release-confirm">
      <h3 id="release-confirm-title">{t('releases.confirmTitle')}</h3>
      <p>
        {request.kind === 'synthetic'
          ? t('releases.confirmSpend', { epsilon: f.small(spends), remaining: f.small(budget.remainingEpsilon), after: f.small(after), total: f.small(budget.totalEpsilon) })
          : t('releases.confirmNoSpend', { remaining: f.small(budget.remainingEpsilon), total: f.small(budget.totalEpsilon) })}
      </p>
      <p>{t('releases.confirmLeaves')}</p>
      <div className="button-row">
        <button type="button" className="button-primary" disabled={submitting} onClick={onConfirm}>
          {submitting ? t('releases.making') : t('releases.make')}
        </button>
        <button type="button" className="button-secondary" disabled={submitting} onClick={onBack}>
          {t('releases.back')}
        </button>
      </div>
    </section>
  );
}
