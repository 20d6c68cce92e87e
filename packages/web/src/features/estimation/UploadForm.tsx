import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EstimationResultView } from '@palermo/contracts';
import { describedBy, HintAndError } from '../../components/fields';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useForm } from '../../components/useForm';
import { estimateFromCsv, explainNotEstimable, type EstimateSource } from './api';
import { ModelSelect, type ModelChoice } from './ModelSelect';

/** An overlap table the rapporteur already has (the command line's CSV format), estimated on the server. */
export function UploadForm({ onResult }: { onResult: (result: EstimationResultView, source: EstimateSource) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [model, setModel] = useState<ModelChoice>('stepwise');
  const form = useForm({ csv: { id: 'est-csv', label: t('estimation.csvFile') } });
  const error = form.errorFor('csv');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      form.fail([{ field: 'csv', problem: t('estimation.chooseFile') }]);
      return;
    }
    await form.run(async () => {
      const csv = await file.text();
      onResult(await explainNotEstimable(t, () => estimateFromCsv({ csv, model })), { source: 'upload', csv });
    });
  }

  return (
    <section aria-labelledby="est-csv-title">
      <h2 id="est-csv-title">{t('estimation.fromCsvTitle')}</h2>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <div className={error ? 'field field-invalid' : 'field'}>
          <label htmlFor="est-csv">{t('estimation.csvFile')}</label>
          <HintAndError id="est-csv" hint={t('estimation.csvHint')} error={error} />
          <input
            id="est-csv"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={describedBy('est-csv', t('estimation.csvHint'), error)}
            aria-invalid={error ? true : undefined}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <ModelSelect id="est-csv-model" value={model} onChange={setModel} />
        <button type="submit" className="button-primary" disabled={form.submitting}>
          {t('estimation.estimateFromCsv')}
        </button>
      </form>
    </section>
  );
}
