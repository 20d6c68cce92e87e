import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StratifiedEstimateView } from '@palermo/contracts';
import { describedBy, HintAndError, SelectField } from '../../components/fields';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useForm } from '../../components/useForm';
import { ModelSelect, type ModelChoice } from './ModelSelect';
import { estimateStrataFromCsv, headerColumns } from './strata-api';
import { StrataResult } from './StrataResult';

/**
 * An overlap table by group, from a file: the overlap table's columns plus one that names each row's group (chosen
 * among the file's columns once the file is chosen).
 */
export function StrataFromFile() {
  const { t } = useTranslation();
  const [csv, setCsv] = useState<string | null>(null);
  const [columns, setColumns] = useState<string[]>([]);
  const [by, setBy] = useState('');
  const [model, setModel] = useState<ModelChoice>('stepwise');
  const [view, setView] = useState<StratifiedEstimateView | null>(null);
  const form = useForm({ csv: { id: 'est-strata-csv', label: t('estimation.strata.fileLabel') }, by: { id: 'est-strata-column', label: t('estimation.strata.columnLabel') } });
  const fileError = form.errorFor('csv');

  async function choose(file: File | null) {
    const text = file ? await file.text() : null;
    setCsv(text);
    const found = text ? headerColumns(text) : [];
    setColumns(found);
    setBy(found[0] ?? '');
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (csv === null) {
      form.fail([{ field: 'csv', problem: t('estimation.chooseFile') }]);
      return;
    }
    if (by === '') {
      form.fail([{ field: 'by', problem: t('estimation.strata.chooseColumn') }]);
      return;
    }
    await form.run(async () => {
      setView(await estimateStrataFromCsv({ csv, by, model }));
    });
  }

  return (
    <section aria-labelledby="est-strata-file-title">
      <h2 id="est-strata-file-title">{t('estimation.strata.fileTitle')}</h2>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <div className={fileError ? 'field field-invalid' : 'field'}>
          <label htmlFor="est-strata-csv">{t('estimation.strata.fileLabel')}</label>
          <HintAndError id="est-strata-csv" hint={t('estimation.strata.fileHint')} error={fileError} />
          <input
            id="est-strata-csv"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={describedBy('est-strata-csv', t('estimation.strata.fileHint'), fileError)}
            aria-invalid={fileError ? true : undefined}
            onChange={(event) => void choose(event.target.files?.[0] ?? null)}
          />
        </div>
        <SelectField id="est-strata-column" label={t('estimation.strata.columnLabel')} hint={t('estimation.strata.columnHint')} value={by} onValueChange={setBy} error={form.errorFor('by')}>
          {columns.length === 0 ? <option value="">{t('estimation.strata.chooseFileFirst')}</option> : null}
          {columns.slice(0, -1).map((column) => (
            <option key={column} value={column}>
              {column}
            </option>
          ))}
        </SelectField>
        <ModelSelect id="est-strata-file-model" value={model} onChange={setModel} />
        <button type="submit" className="button-primary" disabled={form.submitting}>
          {t('estimation.strata.estimateFile')}
        </button>
      </form>
      {view ? <StrataResult view={view} /> : null}
    </section>
  );
}
