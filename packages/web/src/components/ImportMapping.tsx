import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportFilePreview } from '@palermo/contracts';

/**
 * The blocks every spreadsheet import page is made of: the file's choice, a preview of its first rows, the table that
 * says which column fills which field (or gives one value for every row, chosen by its label where the field has a
 * vocabulary) and the list of rejected rows with their reasons. Each page keeps its own fields, labels and requests;
 * the words shared by all imports are those of the prosecution history import, where they were first written.
 */

const spreadsheetTypes = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The file input for a CSV or XLSX file; `id` is the field's id in the page's form (its error summary links to it). */
export function ImportFileInput({ id, onChoose }: { readonly id: string; readonly onChoose: (file: File | null) => void }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t('prosecutionImport.file')}</label>
      <input id={id} type="file" accept={spreadsheetTypes} onChange={(event) => onChoose(event.target.files?.[0] ?? null)} />
    </div>
  );
}

/** The file's headings and first rows as the server read them. */
export function ImportPreview({ preview }: { readonly preview: ImportFilePreview }) {
  const { t } = useTranslation();
  return (
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
  );
}

interface MappingProps<F extends string> {
  /** The import's fields, in the order shown. */
  readonly fields: readonly F[];
  readonly fieldLabel: (field: F) => string;
  readonly required: (field: F) => boolean;
  /** The file's columns (none before a file is read). */
  readonly fileColumns: readonly string[];
  readonly columns: Partial<Record<F, string>>;
  readonly onColumns: (columns: Partial<Record<F, string>>) => void;
  /** The cell giving the field one value for every row (see ConstantValueInput), or nothing where it takes none. */
  readonly constant: (field: F) => ReactNode;
  readonly invalid?: (field: F) => boolean;
  /** Shown above the table (a saved mapping to start from, say). */
  readonly before?: ReactNode;
  /** Shown below the table (how dates are written, saving the mapping, say). */
  readonly children?: ReactNode;
}

/**
 * Which column fills which field: one row a field, its label naming the column's select (id `column-<field>`), and
 * the field's one value for every row. A column the mapping names stays offered when the file lacks it (a saved
 * mapping used with another file), so that the select shows what the mapping says.
 */
export function ImportMapping<F extends string>(props: MappingProps<F>) {
  const { t } = useTranslation();
  const { fields, fieldLabel, columns } = props;
  const offered = (field: F) => [...new Set([...props.fileColumns, ...(columns[field] ? [columns[field]] : [])])].filter((c) => c !== '');
  return (
    <section aria-labelledby="mapping-title">
      <h2 id="mapping-title">{t('prosecutionImport.mappingTitle')}</h2>
      {props.before}
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
            {fields.map((field) => (
              <tr key={field}>
                <th scope="row">
                  <label htmlFor={`column-${field}`}>{fieldLabel(field)}</label>
                  {props.required(field) ? <span> ({t('prosecutionImport.required')})</span> : null}
                </th>
                <td>
                  <select
                    id={`column-${field}`}
                    value={columns[field] ?? ''}
                    onChange={(event) => props.onColumns({ ...columns, [field]: event.target.value })}
                    aria-invalid={props.invalid?.(field) ? true : undefined}
                  >
                    <option value="">{t('prosecutionImport.noColumn')}</option>
                    {offered(field).map((c) => <option key={c} value={c}>{c}</option>)}
                  </select>
                </td>
                <td>{props.constant(field)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.children}
    </section>
  );
}

/** A field's vocabulary: its codes and how each is named to the reader. */
export interface ImportChoices {
  readonly codes: readonly string[];
  readonly label: (code: string) => string;
}

interface ConstantProps {
  readonly fieldLabel: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The field's vocabulary: its value is then chosen by its label, never typed as a code. */
  readonly choices?: ImportChoices | undefined;
  readonly type?: 'text' | 'date';
}

/** The mapping's one value for every row of a field: a choice of labelled values where the field has a vocabulary, else typed. */
export function ConstantValueInput({ fieldLabel, value, onChange, choices, type = 'text' }: ConstantProps) {
  const { t } = useTranslation();
  const name = t('prosecutionImport.constantFor', { field: fieldLabel });
  if (!choices) return <input aria-label={name} type={type} value={value} onChange={(event) => onChange(event.target.value)} />;
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
}

/** A rejected row's problem as shown: the field by its label and the reason already worded in the reader's language. */
export interface RejectedRow {
  readonly row: number;
  /** The file's column, where the import names it. */
  readonly column?: string | null;
  readonly field: string;
  readonly reason: string;
}

/**
 * Every rejected row with its reason (nothing was imported). `withColumn` adds the file's column to each row, for
 * imports whose problems name it.
 */
export function RejectedRows({ rows, withColumn = false }: { readonly rows: readonly RejectedRow[]; readonly withColumn?: boolean }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="rejected-title">
      <h2 id="rejected-title">{t('prosecutionImport.rejectedTitle', { count: new Set(rows.map((r) => r.row)).size })}</h2>
      <p role="status">{t('prosecutionImport.nothingImported')}</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="rejected-title">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('prosecutionImport.row')}</th>
              {withColumn ? <th scope="col">{t('prosecutionImport.column')}</th> : null}
              <th scope="col">{t('prosecutionImport.field')}</th>
              <th scope="col">{t('prosecutionImport.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>{r.row}</td>
                {withColumn ? <td>{r.column ?? ''}</td> : null}
                <td>{r.field}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
