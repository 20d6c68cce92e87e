import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  recommendationBodies,
  recommendationColumns,
  recommendationThemes,
  recommendationUrgencies,
  type ImportFilePreview,
  type ImportRejection,
  type RecommendationColumn,
} from '@palermo/contracts';
import { Page } from '../../app/Page';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useForm } from '../../components/useForm';
import { wordImportProblem } from '../prosecution-import/problems';
import { fileContent, importRecommendationFile, previewRecommendationFile } from './import-api';
import { useRecommendationLabels } from './labels';

const required: readonly RecommendationColumn[] = ['sourceBody', 'cycle', 'issuedOn', 'text', 'themes', 'urgency'];
const fieldKeys: Record<RecommendationColumn, string> = {
  sourceBody: 'sourceBody', cycle: 'cycle', issuedOn: 'issuedOn', text: 'text', paragraph: 'paragraph', themes: 'themesLabel', addressedTo: 'addressedTo', urgency: 'urgency',
};
/** Fields that take one value for every row; those with a vocabulary offer its labelled values. */
const constantFields: ReadonlySet<RecommendationColumn> = new Set(['sourceBody', 'cycle', 'issuedOn', 'themes', 'addressedTo', 'urgency']);

/**
 * Recommendations from a spreadsheet: choose a CSV or XLSX file, see its columns and first rows, say which column
 * fills which field or give one value for every row (a monitoring body, a theme, an urgency chosen by its label),
 * then import. When any row is refused, nothing is imported and every refused row is listed with its reason in the
 * reader's language.
 */
export function ImportRecommendationsPage() {
  const { t } = useTranslation();
  const labels = useRecommendationLabels();
  const [file, setFile] = useState<{ fileName: string; content: string } | null>(null);
  const [preview, setPreview] = useState<ImportFilePreview | null>(null);
  const [columns, setColumns] = useState<Partial<Record<RecommendationColumn, string>>>({});
  const [constants, setConstants] = useState<Partial<Record<RecommendationColumn, string>>>({});
  const [imported, setImported] = useState<number | null>(null);
  const [rejected, setRejected] = useState<ImportRejection[]>([]);
  const form = useForm({
    file: { id: 'recommendations-file', label: t('prosecutionImport.file') },
    ...Object.fromEntries(recommendationColumns.map((f) => [f, { id: `column-${f}`, label: t(`recommendations.${fieldKeys[f]}` as 'recommendations.text') }])),
  });
  const fieldLabel = (field: string) => (field in fieldKeys ? t(`recommendations.${fieldKeys[field as RecommendationColumn]}` as 'recommendations.text') : t('recommendations.import.fileField'));
  const problemOf = (r: ImportRejection) =>
    r.code === 'no-rows' ? t('recommendations.import.noRows') : wordImportProblem(t, labels.date, { row: r.row, column: null, field: r.field, problem: r.problem, ...(r.code ? { code: r.code } : {}), ...(r.params ? { params: r.params } : {}) });

  async function choose(chosen: File | null) {
    setFile(null);
    setPreview(null);
    setImported(null);
    setRejected([]);
    if (!chosen) return;
    await form.run(async () => {
      const body = await fileContent(chosen);
      setPreview(await previewRecommendationFile(body));
      setFile(body);
    });
  }

  async function run() {
    if (!file) return form.fail([{ field: 'file', problem: t('prosecutionImport.chooseFile') }]);
    const unmapped = required.filter((f) => !columns[f] && !constants[f]);
    if (unmapped.length > 0) return form.fail(unmapped.map((f) => ({ field: f, problem: t('prosecutionImport.problems.unmapped') })));
    setImported(null);
    setRejected([]);
    await form.run(async () => {
      const clean = (record: Partial<Record<RecommendationColumn, string>>) => Object.fromEntries(Object.entries(record).filter(([, v]) => v.trim() !== ''));
      const result = await importRecommendationFile({ ...file, mapping: clean(columns), constants: clean(constants) });
      if (result.rejected.length > 0) setRejected(result.rejected);
      else setImported(result.imported);
    });
  }

  const constantInput = (field: RecommendationColumn) => {
    const name = t('prosecutionImport.constantFor', { field: fieldLabel(field) });
    const value = constants[field] ?? '';
    const onChange = (next: string) => setConstants({ ...constants, [field]: next });
    const choices = field === 'sourceBody' ? { codes: recommendationBodies, label: labels.body } : field === 'urgency' ? { codes: recommendationUrgencies, label: labels.urgency } : field === 'themes' ? { codes: recommendationThemes, label: labels.theme } : null;
    if (!constantFields.has(field)) return null;
    if (!choices) return <input aria-label={name} type={field === 'issuedOn' ? 'date' : 'text'} value={value} onChange={(event) => onChange(event.target.value)} />;
    return (
      <select aria-label={name} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('prosecutionImport.noConstant')}</option>
        {choices.codes.map((code) => (
          <option key={code} value={code}>
            {choices.label(code)}
          </option>
        ))}
      </select>
    );
  };

  return (
    <Page title={t('recommendations.import.title')}>
      <p>
        <Link to="/recommendations">{t('recommendations.backToList')}</Link>
      </p>
      <p>{t('recommendations.import.intro')}</p>
      <ErrorSummary form={form} />
      <div className="field">
        <label htmlFor="recommendations-file">{t('prosecutionImport.file')}</label>
        <input id="recommendations-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(event) => void choose(event.target.files?.[0] ?? null)} />
      </div>
      {preview ? (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">{t('prosecutionImport.previewTitle', { count: preview.rowCount })}</h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="preview-title">
            <table>
              <thead>
                <tr>{preview.columns.map((c, i) => <th key={i} scope="col"><bdi>{c}</bdi></th>)}</tr>
              </thead>
              <tbody>
                {preview.rows.map((row, i) => (
                  <tr key={i}>{row.map((cell, j) => <td key={j}><bdi>{cell}</bdi></td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <section aria-labelledby="mapping-title">
        <h2 id="mapping-title">{t('prosecutionImport.mappingTitle')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('prosecutionImport.field')}</th>
                <th scope="col">{t('prosecutionImport.column')}</th>
                <th scope="col">{t('prosecutionImport.constant')}</th>
              </tr>
            </thead>
            <tbody>
              {recommendationColumns.map((field) => (
                <tr key={field}>
                  <th scope="row">
                    <label htmlFor={`column-${field}`}>{fieldLabel(field)}</label>
                    {required.includes(field) ? <span> ({t('prosecutionImport.required')})</span> : null}
                  </th>
                  <td>
                    <select id={`column-${field}`} value={columns[field] ?? ''} onChange={(event) => setColumns({ ...columns, [field]: event.target.value })} aria-invalid={form.errorFor(field) ? true : undefined}>
                      <option value="">{t('prosecutionImport.noColumn')}</option>
                      {(preview?.columns ?? []).filter((c) => c !== '').map((c) => <option key={c} value={c}>{c}</option>)}
                    </select>
                  </td>
                  <td>{constantInput(field)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <button type="button" className="button-primary" onClick={() => void run()} aria-disabled={form.submitting || undefined}>
        {t('prosecutionImport.run')}
      </button>
      {imported !== null ? <p role="status">{t('recommendations.import.done', { number: imported })}</p> : null}
      {rejected.length > 0 ? (
        <section aria-labelledby="rejected-title">
          <h2 id="rejected-title">{t('prosecutionImport.rejectedTitle', { count: new Set(rejected.map((r) => r.row)).size })}</h2>
          <p role="status">{t('prosecutionImport.nothingImported')}</p>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="rejected-title">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('prosecutionImport.row')}</th>
                  <th scope="col">{t('prosecutionImport.field')}</th>
                  <th scope="col">{t('prosecutionImport.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {rejected.map((r, i) => (
                  <tr key={i}>
                    <td>{r.row}</td>
                    <td>{fieldLabel(r.field)}</td>
                    <td>{problemOf(r)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </Page>
  );
}
