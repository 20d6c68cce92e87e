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
import { ConstantValueInput, ImportFileInput, ImportMapping, ImportPreview, RejectedRows, type ImportChoices } from '../../components/ImportMapping';
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

  const vocabularies: Partial<Record<RecommendationColumn, ImportChoices>> = {
    sourceBody: { codes: recommendationBodies, label: labels.body },
    themes: { codes: recommendationThemes, label: labels.theme },
    urgency: { codes: recommendationUrgencies, label: labels.urgency },
  };
  const constantInput = (field: RecommendationColumn) =>
    constantFields.has(field) ? (
      <ConstantValueInput
        fieldLabel={fieldLabel(field)}
        value={constants[field] ?? ''}
        onChange={(next) => setConstants({ ...constants, [field]: next })}
        choices={vocabularies[field]}
        type={field === 'issuedOn' ? 'date' : 'text'}
      />
    ) : null;

  return (
    <Page title={t('recommendations.import.title')}>
      <p>
        <Link to="/recommendations">{t('recommendations.backToList')}</Link>
      </p>
      <p>{t('recommendations.import.intro')}</p>
      <ErrorSummary form={form} />
      <ImportFileInput id="recommendations-file" onChoose={(chosen) => void choose(chosen)} />
      {preview ? <ImportPreview preview={preview} /> : null}
      <ImportMapping
        fields={recommendationColumns}
        fieldLabel={fieldLabel}
        required={(field) => required.includes(field)}
        fileColumns={preview?.columns ?? []}
        columns={columns}
        onColumns={setColumns}
        constant={constantInput}
        invalid={(field) => Boolean(form.errorFor(field))}
      />
      <button type="button" className="button-primary" onClick={() => void run()} aria-disabled={form.submitting || undefined}>
        {t('prosecutionImport.run')}
      </button>
      {imported !== null ? <p role="status">{t('recommendations.import.done', { number: imported })}</p> : null}
      <RejectedRows rows={rejected.map((r) => ({ row: r.row, field: fieldLabel(r.field), reason: problemOf(r) }))} />
    </Page>
  );
}
