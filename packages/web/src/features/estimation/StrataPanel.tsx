import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { strataVariables, type StratifiedEstimateView, type StrataVariable } from '@palermo/contracts';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/fields';
import { useForm } from '../../components/useForm';
import type { EstimateSource } from './api';
import { ModelSelect, type ModelChoice } from './ModelSelect';
import { estimateStrataFromCases } from './strata-api';
import { StrataResult } from './StrataResult';

/**
 * After an estimate from the case records: the same year and lists estimated separately by sex, adult or child, or
 * form of exploitation, with the sum of the groups beside the pooled estimate.
 */
export function StrataPanel({ source }: { source: Extract<EstimateSource, { source: 'cases' }> }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<StrataVariable | ''>('');
  const [model, setModel] = useState<ModelChoice>('stepwise');
  const [view, setView] = useState<StratifiedEstimateView | null>(null);
  const form = useForm({ by: { id: 'est-strata-by', label: t('estimation.strata.byLabel') } });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (by === '') {
      form.fail([{ field: 'by', problem: t('estimation.strata.chooseBy') }]);
      return;
    }
    await form.run(async () => {
      setView(await estimateStrataFromCases({ year: source.year, lists: source.lists, model, by }));
    });
  }

  return (
    <section aria-labelledby="est-strata-cases-title">
      <h2 id="est-strata-cases-title">{t('estimation.strata.title')}</h2>
      <p>{t('estimation.strata.intro')}</p>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <SelectField id="est-strata-by" label={t('estimation.strata.byLabel')} hint={t('estimation.strata.byHint')} value={by} onValueChange={(value) => setBy(value as StrataVariable | '')} error={form.errorFor('by')}>
          <option value="">{t('estimation.strata.chooseOne')}</option>
          {strataVariables.map((variable) => (
            <option key={variable} value={variable}>
              {t(`estimation.strata.by.${variable}`)}
            </option>
          ))}
        </SelectField>
        <ModelSelect id="est-strata-model" value={model} onChange={setModel} />
        <button type="submit" className="button-primary" disabled={form.submitting}>
          {t('estimation.strata.estimate')}
        </button>
      </form>
      {view ? <StrataResult view={view} /> : null}
    </section>
  );
}
