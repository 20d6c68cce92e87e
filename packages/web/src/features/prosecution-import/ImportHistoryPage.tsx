import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  importDateFormats,
  importListSeparators,
  importRowProblem,
  prosecutionImportFieldNames,
  prosecutionImportFields,
  type ColumnMapping,
  type ImportDateFormat,
  type ImportFilePreview,
  type ImportListSeparator,
  type ImportRowProblem,
  type ProsecutionImportSummary,
} from '@palermo/contracts';
import { z } from 'zod';
import { ApiError } from '../../app/api';
import { useResource } from '../../app/useResource';
import { ErrorSummary } from '../../components/ErrorSummary';
import { ImportFileInput, ImportMapping, ImportPreview, RejectedRows } from '../../components/ImportMapping';
import { useForm } from '../../components/useForm';
import { useProsecutionLabels } from '../prosecution/labels';
import { listMappings, previewFile, runImport, saveMapping } from './api';
import { importFieldLabel, wordImportProblem } from './problems';
import { ConstantInput } from './ConstantInput';

/** How each date format is named on the page (with an example). */
const formatKeys: Record<ImportDateFormat, string> = {
  'dd/MM/yyyy': 'dayMonthYearSlash', 'yyyy-MM-dd': 'iso', 'd.M.yyyy': 'dayMonthYearDots', 'dd-MM-yyyy': 'dayMonthYearDashes',
  'MM/dd/yyyy': 'monthDayYearSlash', 'yyyy/MM/dd': 'yearMonthDaySlash', 'd MMMM yyyy': 'dayMonthNameYear',
};

const rejected = z.object({ problems: z.array(importRowProblem) });

/**
 * The prosecution history import: choose a file, see its columns and first rows, say which column fills which field
 * (or give one value for every row), how dates are written and how a cell lists several values, save the mapping
 * under a name or use a saved one, then import; every row the server cannot read is listed with its reason.
 */
export function ImportHistoryPage() {
  const { t } = useTranslation();
  const labels = useProsecutionLabels();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportFilePreview | null>(null);
  const [columns, setColumns] = useState<Record<string, string>>({});
  const [constants, setConstants] = useState<Record<string, string>>({});
  const [dateFormats, setDateFormats] = useState<ImportDateFormat[]>(['dd/MM/yyyy', 'yyyy-MM-dd', 'd.M.yyyy']);
  const [separator, setSeparator] = useState<ImportListSeparator>('semicolon_or_newline');
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [summary, setSummary] = useState<ProsecutionImportSummary | null>(null);
  const [problems, setProblems] = useState<ImportRowProblem[]>([]);
  const [mappings, reloadMappings] = useResource(listMappings, 'prosecution-import-mappings');
  const form = useForm({ file: { id: 'history-file', label: t('prosecutionImport.file') }, name: { id: 'mapping-name', label: t('prosecutionImport.mappingName') } });
  const mapping = (): ColumnMapping => ({
    columns: Object.fromEntries(Object.entries(columns).filter(([, c]) => c !== '')),
    constants: Object.fromEntries(Object.entries(constants).filter(([, c]) => c.trim() !== '')),
    dateFormats,
    listSeparator: separator,
  });
  const fieldLabel = (field: string) => t(`prosecutionImport.fields.${field}` as 'prosecutionImport.fields.pseudonym');
  const savedMappings = mappings.status === 'ready' ? mappings.data : [];

  async function choose(chosen: File | null) {
    setFile(chosen);
    setPreview(null);
    setSummary(null);
    setProblems([]);
    if (chosen) await form.run(async () => setPreview(await previewFile(chosen)));
  }

  function use(id: string) {
    const found = savedMappings.find((m) => m.id === id);
    if (!found) return;
    setColumns({ ...found.mapping.columns });
    setConstants({ ...found.mapping.constants });
    setDateFormats([...found.mapping.dateFormats]);
    setSeparator(found.mapping.listSeparator);
    setName(found.name);
  }

  async function save() {
    if (name.trim() === '') {
      form.fail([{ field: 'name', problem: t('prosecutionImport.nameNeeded') }]);
      return;
    }
    await form.run(async () => {
      const result = await saveMapping(name, mapping());
      setSaved(result.name);
      reloadMappings();
    });
  }

  async function run() {
    if (!file) {
      form.fail([{ field: 'file', problem: t('prosecutionImport.chooseFile') }]);
      return;
    }
    setSummary(null);
    setProblems([]);
    await form.run(async () => {
      try {
        setSummary(await runImport(file, mapping()));
      } catch (caught) {
        const details = caught instanceof ApiError && caught.code === 'rows_rejected' ? rejected.safeParse(caught.details) : undefined;
        if (details?.success) setProblems(details.data.problems);
        else throw caught;
      }
    });
  }

  return (
    <main>
      <h1>{t('prosecutionImport.title')}</h1>
      <p>{t('prosecutionImport.intro')}</p>
      <ErrorSummary form={form} />
      <ImportFileInput id="history-file" onChoose={(chosen) => void choose(chosen)} />
      {preview && <ImportPreview preview={preview} />}
      <ImportMapping
        fields={prosecutionImportFieldNames}
        fieldLabel={fieldLabel}
        required={(field) => 'required' in prosecutionImportFields[field]}
        fileColumns={preview?.columns ?? []}
        columns={columns}
        onColumns={setColumns}
        constant={(field) => (
          <ConstantInput field={field} fieldLabel={fieldLabel(field)} labels={labels} value={constants[field] ?? ''} onChange={(value) => setConstants({ ...constants, [field]: value })} />
        )}
        before={
          savedMappings.length > 0 && (
            <div className="field">
              <label htmlFor="saved-mapping">{t('prosecutionImport.savedMapping')}</label>
              <select id="saved-mapping" defaultValue="" onChange={(event) => use(event.target.value)}>
                <option value="">{t('prosecutionImport.chooseSaved')}</option>
                {savedMappings.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
              </select>
            </div>
          )
        }
      >
        <fieldset>
          <legend>{t('prosecutionImport.dateFormats')}</legend>
          {importDateFormats.map((f) => (
            <label key={f} className="checkbox">
              <input type="checkbox" checked={dateFormats.includes(f)} onChange={(event) => setDateFormats(event.target.checked ? [...dateFormats, f] : dateFormats.filter((x) => x !== f))} />
              {t(`prosecutionImport.formats.${formatKeys[f]}` as 'prosecutionImport.formats.iso')}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="list-separator">{t('prosecutionImport.separator')}</label>
          <select id="list-separator" value={separator} onChange={(event) => setSeparator(event.target.value as ImportListSeparator)}>
            {importListSeparators.map((s) => <option key={s} value={s}>{t(`prosecutionImport.separators.${s}` as 'prosecutionImport.separators.comma')}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="mapping-name">{t('prosecutionImport.mappingName')}</label>
          <input id="mapping-name" value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <button type="button" onClick={() => void save()} disabled={form.submitting}>{t('prosecutionImport.save')}</button>
        {saved && <p role="status">{t('prosecutionImport.saved', { name: saved })}</p>}
      </ImportMapping>
      <button type="button" className="primary" onClick={() => void run()} disabled={form.submitting}>{t('prosecutionImport.run')}</button>
      {summary && (
        <p role="status">
          {t('prosecutionImport.done', { rows: summary.rowsImported, read: summary.rowsRead, operations: summary.operations, suspects: summary.suspects, steps: summary.steps, already: summary.rowsAlreadyImported })}
        </p>
      )}
      <RejectedRows
        withColumn
        rows={problems.map((p) => ({ row: p.row, column: p.column, field: importFieldLabel(t, p.field), reason: wordImportProblem(t, labels.date, p) }))}
      />
    </main>
  );
}
