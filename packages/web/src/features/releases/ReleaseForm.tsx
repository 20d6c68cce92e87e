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
  const form = useForm({
    epsilon: { id: 'release-epsilon', label: t('releases.epsilon') },
    delta: { id: 'release-delta', label: t('releases.delta') },
    reportingLength: { id: 'release-length', label: t('releases.length') },
    k: { id: 'release-k', label: t('releases.k') },
    quasiIdentifiers: { id: 'release-qi', label: t('releases.quasiIdentifiers') },
    datasetId: { id: 'release-dataset', label: t('releases.dataset') },
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
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
    await form.run(async () => {
      try {
        onMade(await makeRelease(request));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'budget_exceeded') {
          setRefusal(
            t('releases.budgetExceeded', {
              epsilon: request.kind === 'synthetic' ? f.small(request.epsilon) : '0',
              remaining: f.small(budget.remainingEpsilon),
              total: f.small(budget.totalEpsilon),
            }),
          );
          return;
        }
        throw error;
      }
    });
  }

  const attributeOptions = releaseAttributeNames.map((name) => ({ value: name, label: name }));
  return (
    <section aria-labelledby="release-form-title">
      <h2 id="release-form-title">{t('releases.formTitle')}</h2>
      <ErrorSummary form={form} />
      {refusal ? (
        <div role="alert" className="alert">
          {refusal}
        </div>
      ) : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
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
        <button type="submit" className="button-primary" disabled={form.submitting}>
          {form.submitting ? t('releases.making') : t('releases.make')}
        </button>
      </form>
    </section>
  );
}
