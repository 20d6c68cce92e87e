import { useTranslation } from 'react-i18next';
import type { ImportJobView, ImportSummaryView } from '@palermo/contracts';

const knownKinds = [
  'unknown_column',
  'surrounding_whitespace',
  'unknown_code',
  'code_spelling',
  'not_a_country_code',
  'not_a_flag',
  'year_out_of_range',
  'inconsistent_value',
  'blank_row',
  'less_than',
  'thousands_separator',
  'broken_characters',
  'missing_value',
  'not_an_iso3_code',
  'duplicate_key',
] as const;
type KnownKind = (typeof knownKinds)[number];

function isKnown(kind: string): kind is KnownKind {
  return (knownKinds as readonly string[]).includes(kind);
}

function KindName({ kind }: { kind: string }) {
  const { t } = useTranslation();
  return <>{isKnown(kind) ? t(`imports.kinds.${kind}`) : kind}</>;
}

/** While the import runs: a labelled progress bar and, in words, how far it has gone. */
export function ImportProgress({ job }: { job: ImportJobView }) {
  const { t, i18n } = useTranslation();
  const percent = Math.round(job.progress * 100);
  return (
    <section aria-labelledby="import-progress-title">
      <h2 id="import-progress-title">{t('imports.progressTitle', { file: job.fileName })}</h2>
      <progress id="import-progress" max={100} value={percent} aria-label={t('imports.progressLabel')}>
        {percent}%
      </progress>
      <p>{t('imports.progressText', { percent, rows: job.rowsRead.toLocaleString(i18n.language) })}</p>
    </section>
  );
}

function Summary({ summary }: { summary: ImportSummaryView }) {
  const { t, i18n } = useTranslation();
  const number = (n: number) => n.toLocaleString(i18n.language);
  const kinds = Object.entries(summary.anomalies).filter(([, n]) => n > 0);
  return (
    <>
      <p role="status">
        {summary.alreadyImported ? t('imports.alreadyImported', { file: summary.file, date: new Date(summary.importedAt).toLocaleDateString(i18n.language) }) : t('imports.imported', { file: summary.file })}
      </p>
      <dl className="summary-list">
        <dt>{t('imports.fileName')}</dt>
        <dd>
          <bdi>{summary.file}</bdi>
        </dd>
        <dt>{t('imports.format')}</dt>
        <dd>{summary.format}</dd>
        <dt>{t('imports.rowsRead')}</dt>
        <dd>{number(summary.rowsRead)}</dd>
        <dt>{t('imports.rowsImported')}</dt>
        <dd>{number(summary.rowsImported)}</dd>
      </dl>
      {kinds.length === 0 ? (
        <p>{t('imports.noAnomalies')}</p>
      ) : (
        <>
          <table>
            <caption>{t('imports.byKindCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('imports.colKind')}</th>
                <th scope="col">{t('imports.colCount')}</th>
              </tr>
            </thead>
            <tbody>
              {kinds.map(([kind, n]) => (
                <tr key={kind}>
                  <th scope="row">
                    <KindName kind={kind} />
                  </th>
                  <td>{number(n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>{t('imports.reportCaption', { count: summary.report.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('imports.colRow')}</th>
                <th scope="col">{t('imports.colColumn')}</th>
                <th scope="col">{t('imports.colKind')}</th>
                <th scope="col">{t('imports.colValue')}</th>
                <th scope="col">{t('imports.colReadAs')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.report.map((a, index) => (
                <tr key={`${a.row}-${a.column}-${index}`}>
                  <td>{number(a.row)}</td>
                  <td>
                    <bdi>{a.column}</bdi>
                  </td>
                  <td>
                    <KindName kind={a.kind} />
                  </td>
                  <td>
                    <bdi className="cell-original">{a.original === '' ? t('imports.emptyValue') : a.original}</bdi>
                  </td>
                  <td>{a.readAs}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

/** The end of an import: its report, or why nothing was imported. */
export function ImportReport({ job }: { job: ImportJobView }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="import-report-title">
      <h2 id="import-report-title" tabIndex={-1}>
        {t('imports.reportTitle')}
      </h2>
      {job.summary ? <Summary summary={job.summary} /> : null}
      {job.error ? (
        <div role="alert" className="alert">
          <p>{t('imports.failed', { file: job.fileName })}</p>
          <p>
            {job.error.message}
            {job.error.row === undefined ? '' : ` ${job.error.column === undefined ? t('imports.failedAtRow', { row: job.error.row }) : t('imports.failedAt', { row: job.error.row, column: job.error.column })}`}
          </p>
        </div>
      ) : null}
    </section>
  );
}
