import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJobView, ImportSource } from '@palermo/contracts';
import { describedBy, HintAndError } from '../../components/fields';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useForm } from '../../components/useForm';
import { loadJob, startImport } from './api';

const POLL_MS = 500;

/**
 * Uploads a file, then follows the import until it ends: the bar shows how much of the file is read and stored;
 * the report (or why nothing was imported) is handed to the page.
 */
export function ImportForm({ onProgress, onDone }: { onProgress: (job: ImportJobView) => void; onDone: (job: ImportJobView) => void }) {
  const { t } = useTranslation();
  const [source, setSource] = useState<ImportSource>('ctdc');
  const [file, setFile] = useState<File | null>(null);
  const [running, setRunning] = useState(false);
  const mounted = useRef(true);
  const form = useForm({ file: { id: 'import-file', label: t('imports.file') } });
  const error = form.errorFor('file');

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  async function follow(id: string): Promise<void> {
    for (;;) {
      const job = await loadJob(id);
      if (!mounted.current) return;
      if (job.status !== 'running') {
        onDone(job);
        return;
      }
      onProgress(job);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      form.fail([{ field: 'file', problem: t('imports.chooseFile') }]);
      return;
    }
    setRunning(true);
    try {
      await form.run(async () => {
        const id = await startImport(source, file);
        onProgress({ id, source, fileName: file.name, status: 'running', rowsRead: 0, progress: 0, summary: null, error: null });
        await follow(id);
      });
    } finally {
      if (mounted.current) setRunning(false);
    }
  }

  const hint = source === 'ctdc' ? t('imports.ctdcHint') : t('imports.glotipHint');
  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">{t('imports.importTitle')}</h2>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <div className="field">
          <label htmlFor="import-source">{t('imports.source')}</label>
          <select id="import-source" value={source} onChange={(event) => setSource(event.target.value === 'glotip' ? 'glotip' : 'ctdc')}>
            <option value="ctdc">{t('imports.sourceCtdc')}</option>
            <option value="glotip">{t('imports.sourceGlotip')}</option>
          </select>
        </div>
        <div className={error ? 'field field-invalid' : 'field'}>
          <label htmlFor="import-file">{t('imports.file')}</label>
          <HintAndError id="import-file" hint={hint} error={error} />
          <input
            id="import-file"
            type="file"
            accept={source === 'ctdc' ? '.csv,.tsv,text/csv,text/tab-separated-values' : '.csv,.xlsx,text/csv'}
            aria-describedby={describedBy('import-file', hint, error)}
            aria-invalid={error ? true : undefined}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <button type="submit" className="button-primary" disabled={running}>
          {t('imports.import')}
        </button>
      </form>
    </section>
  );
}
