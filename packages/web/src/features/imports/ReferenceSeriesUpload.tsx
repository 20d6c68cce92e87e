import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { referenceSeriesImported, type ReferenceSeries, type ReferenceSeriesImported } from '@palermo/contracts';
import { api, ApiError } from '../../app/api';
import { describedBy, HintAndError } from '../../components/fields';
import { ErrorAlert, StatusMessage } from '../../components/Status';

/** The file's bytes in base64, as the JSON body carries them. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The reference series drawn beside the action plan (the US TIP report's tiers, the 3P policy index), uploaded as the
 * command line imports them: all or nothing, the same file twice changing nothing; a refused file is said with the row
 * and column that stopped it.
 */
export function ReferenceSeriesUpload() {
  const { t } = useTranslation();
  const [series, setSeries] = useState<ReferenceSeries>('tip_tiers');
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ReferenceSeriesImported | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setResult(null);
    setFailure(null);
    setMissing(file === null);
    if (!file) return;
    setRunning(true);
    try {
      setResult(await api.post('/api/reference-series/imports', { series, fileName: file.name, content: await base64Of(file) }, referenceSeriesImported));
    } catch (error) {
      setFailure(error);
    } finally {
      setRunning(false);
    }
  }

  const refusal = (error: ApiError) => {
    const details = (typeof error.details === 'object' && error.details !== null ? error.details : {}) as { row?: number; column?: string };
    if (error.code === 'unreadable_value') return t('imports.reference.refusedValue', { row: details.row, column: details.column });
    if (error.code === 'missing_column') return t('imports.reference.refusedColumn', { column: details.column });
    return t('imports.reference.refusedFile');
  };
  const hint = series === 'tip_tiers' ? t('imports.reference.tiersHint') : t('imports.reference.indexHint');
  const error = missing ? t('imports.chooseFile') : undefined;
  return (
    <section aria-labelledby="reference-import-title">
      <h2 id="reference-import-title">{t('imports.reference.title')}</h2>
      <p>{t('imports.reference.intro')}</p>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <div className="field">
          <label htmlFor="reference-series">{t('imports.reference.series')}</label>
          <select id="reference-series" value={series} onChange={(event) => setSeries(event.target.value === 'policy_index_3p' ? 'policy_index_3p' : 'tip_tiers')}>
            <option value="tip_tiers">{t('imports.reference.tipTiers')}</option>
            <option value="policy_index_3p">{t('imports.reference.policyIndex')}</option>
          </select>
        </div>
        <div className={error ? 'field field-invalid' : 'field'}>
          <label htmlFor="reference-file">{t('imports.reference.file')}</label>
          <HintAndError id="reference-file" hint={hint} error={error} />
          <input
            id="reference-file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={describedBy('reference-file', hint, error)}
            aria-invalid={error ? true : undefined}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <button type="submit" className="button-primary" disabled={running}>
          {t('imports.reference.submit')}
        </button>
      </form>
      <StatusMessage>
        {result
          ? result.alreadyImported
            ? t('imports.reference.already', { file: result.file })
            : t('imports.reference.imported', { file: result.file, rows: result.rowsImported, read: result.rowsRead, countries: result.countries })
          : null}
      </StatusMessage>
      {failure instanceof ApiError && failure.status === 422 ? (
        <div role="alert" className="alert">
          {refusal(failure)}
        </div>
      ) : failure ? (
        <ErrorAlert error={failure} />
      ) : null}
    </section>
  );
}
