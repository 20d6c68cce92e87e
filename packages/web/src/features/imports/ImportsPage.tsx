import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJobView } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useActiveSession } from '../../app/session';
import { canExportOfficialTables } from './permissions';
import { ExportSection } from './ExportSection';
import { ImportForm } from './ImportForm';
import { ImportProgress, ImportReport } from './ImportReport';
import { ReferenceSeriesUpload } from './ReferenceSeriesUpload';

/**
 * Imports of the field's statistical files (CTDC record-level data, UNODC GLOTIP tables, the reference series drawn
 * beside the action plan) and exports of the country's own de-identified data, for the national rapporteur,
 * coordinator and administrator.
 */
export function ImportsPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const [running, setRunning] = useState<ImportJobView | null>(null);
  const [finished, setFinished] = useState<ImportJobView | null>(null);
  const reportRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (finished) reportRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [finished]);

  return (
    <Page title={t('imports.title')}>
      <p>{t('imports.intro')}</p>
      <ImportForm
        onProgress={(job) => {
          setFinished(null);
          setRunning(job);
        }}
        onDone={(job) => {
          setRunning(null);
          setFinished(job);
        }}
      />
      {running ? <ImportProgress job={running} /> : null}
      <div ref={reportRef}>{finished ? <ImportReport job={finished} /> : null}</div>
      <ReferenceSeriesUpload />
      {canExportOfficialTables(session.capabilities) ? <ExportSection /> : null}
    </Page>
  );
}
