import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { profileSections, type CaseFactChange, type PersonProfileView, type ProfileSection } from '@palermo/contracts';
import { ApiError } from '../../app/api';
import { useResource } from '../../app/useResource';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxGroup, SelectField, TextField } from '../../components/fields';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { useForm } from '../../components/useForm';
import { CheckboxField, TextAreaField } from '../cases/controls';
import { useFormats } from '../cases/format';
import { getProfile, saveSection } from './api';
import { documentFields, fieldLabelKey, fromForm, sectionFields, toForm, type FieldSpec, type FormValues } from './profileFields';
import { useDynamicT, useLocalisedChange, type DynamicT } from './translate';

type Formats = ReturnType<typeof useFormats>;

function read(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
}

/** One value as the reader should see it: a label in her language, a country's or language's name, a date. */
function shown(t: DynamicT, formats: Formats, spec: FieldSpec, value: unknown): string {
  const input = spec.input;
  if (input.kind === 'choice') return t(`${input.labels}.${String(value)}`);
  if (input.kind === 'checkboxes') return formats.list((value as string[]).map((v) => t(`${input.labels}.${v}`)));
  if (input.kind === 'boolean') return value === true ? t('case.yes') : t('case.no');
  if (input.kind === 'country') return formats.country(String(value));
  if (input.kind === 'language') return formats.language(String(value));
  if (input.kind === 'languages') return formats.list((value as string[]).map(formats.language));
  if (input.kind === 'date') return formats.date(String(value));
  return String(value);
}

function FieldList({ section, fields, value }: { section: string; fields: readonly FieldSpec[]; value: unknown }) {
  const t = useDynamicT();
  const formats = useFormats();
  const present = fields.filter((f) => {
    const v = read(value, f.name);
    return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
  });
  return (
    <dl className="details">
      {present.map((spec) => (
        <div key={spec.name}>
          <dt>{t(fieldLabelKey(section, spec.name))}</dt>
          <dd>
            <bdi>{shown(t, formats, spec, read(value, spec.name))}</bdi>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A section's value, or "not recorded". */
export function SectionValue({ section, value }: { section: ProfileSection; value: unknown }) {
  const t = useDynamicT();
  if (value === null || value === undefined) return <p className="muted">{t('personProfile.notRecorded')}</p>;
  if (section === 'identityDocuments') {
    const documents = (value as { documents: unknown[] }).documents;
    if (documents.length === 0) return <p className="muted">{t('personProfile.noDocuments')}</p>;
    return (
      <ol>
        {documents.map((document, index) => (
          <li key={index}>
            <FieldList section="identityDocuments" fields={documentFields} value={document} />
          </li>
        ))}
      </ol>
    );
  }
  return <FieldList section={section} fields={sectionFields[section]} value={value} />;
}

function Control({ id, section, spec, values, set, error }: { id: string; section: string; spec: FieldSpec; values: FormValues; set: (name: string, value: FormValues[string]) => void; error?: string | undefined }) {
  const t = useDynamicT();
  const label = t(fieldLabelKey(section, spec.name));
  const value = values[spec.name];
  const input = spec.input;
  if (input.kind === 'choice') {
    return (
      <SelectField id={id} label={label} value={String(value ?? '')} onValueChange={(v) => set(spec.name, v)} optional={!spec.required} error={error}>
        {spec.required ? null : <option value="">{t('personProfile.notSaid')}</option>}
        {input.options.map((option) => (
          <option key={option} value={option}>
            {t(`${input.labels}.${option}`)}
          </option>
        ))}
      </SelectField>
    );
  }
  if (input.kind === 'checkboxes') {
    return (
      <CheckboxGroup
        id={id}
        legend={label}
        options={input.options.map((option) => ({ value: option, label: t(`${input.labels}.${option}`) }))}
        selected={(value as string[] | undefined) ?? []}
        onChange={(selected) => set(spec.name, selected)}
        error={error}
      />
    );
  }
  if (input.kind === 'boolean') return <CheckboxField id={id} label={label} checked={value === true} onChange={(checked) => set(spec.name, checked)} />;
  if (input.kind === 'textarea') return <TextAreaField id={id} label={label} optional value={String(value ?? '')} onValueChange={(v) => set(spec.name, v)} rows={3} error={error} />;
  const hint =
    input.kind === 'country' ? t('personProfile.countryHint') : input.kind === 'language' || input.kind === 'languages' ? t('personProfile.languageHint') : undefined;
  return (
    <TextField
      id={id}
      label={label}
      hint={hint}
      optional
      type={input.kind === 'date' ? 'date' : input.kind === 'number' ? 'number' : 'text'}
      value={String(value ?? '')}
      onValueChange={(v) => set(spec.name, v)}
      error={error}
    />
  );
}

interface EditorProps {
  caseId: string;
  section: ProfileSection;
  version: number;
  value: unknown;
  onSaved: (notice: string) => void;
}

/** Records or corrects one section; the earlier value goes to the history. */
function SectionEditor({ caseId, section, version, value, onSaved }: EditorProps) {
  const t = useDynamicT();
  const { t: plainT } = useTranslation();
  const isList = section === 'identityDocuments';
  const fields = isList ? documentFields : sectionFields[section as Exclude<ProfileSection, 'identityDocuments'>];
  const [values, setValues] = useState<FormValues>(() => toForm(fields, value));
  const [rows, setRows] = useState<FormValues[]>(() => ((value as { documents?: unknown[] } | null)?.documents ?? []).map((d) => toForm(documentFields, d)));
  const prefix = `profile-${section}`;
  const names: Record<string, { id: string; label: string }> = {};
  for (const spec of fields) names[`value.${spec.name}`] = { id: `${prefix}-${spec.name.replace('.', '-')}`, label: t(fieldLabelKey(section, spec.name)) };
  rows.forEach((_, index) => {
    for (const spec of documentFields) names[`value.documents.${index}.${spec.name}`] = { id: `${prefix}-${index}-${spec.name}`, label: t(fieldLabelKey(section, spec.name)) };
  });
  const form = useForm(names);
  const change = useLocalisedChange();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = isList ? { documents: rows.map((row) => fromForm(documentFields, row)) } : fromForm(fields, values);
    const saved = await form.run(() => change(() => saveSection(caseId, section, version, next)));
    if (saved) onSaved(t('personProfile.saved', { section: t(`personProfile.sections.${section}`) }));
  }

  return (
    <details className="profile-editor">
      <summary>{value === null || value === undefined ? t('personProfile.record') : t('personProfile.correct')}</summary>
      <ErrorSummary form={form} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate className="narrow" aria-label={t(`personProfile.sections.${section}`)}>
        {isList ? (
          <>
            {rows.map((row, index) => (
              <fieldset key={index}>
                <legend>{t('personProfile.documentNumber', { number: index + 1 })}</legend>
                {documentFields.map((spec) => (
                  <Control
                    key={spec.name}
                    id={`${prefix}-${index}-${spec.name}`}
                    section={section}
                    spec={spec}
                    values={row}
                    set={(name, v) => setRows((all) => all.map((r, i) => (i === index ? { ...r, [name]: v } : r)))}
                    error={form.errorFor(`value.documents.${index}.${spec.name}`)}
                  />
                ))}
                <button type="button" onClick={() => setRows((all) => all.filter((_, i) => i !== index))}>
                  {t('personProfile.removeDocument')}
                </button>
              </fieldset>
            ))}
            <button type="button" onClick={() => setRows((all) => [...all, toForm(documentFields, null)])}>
              {t('personProfile.addDocument')}
            </button>
          </>
        ) : (
          fields.map((spec) => (
            <Control
              key={spec.name}
              id={`${prefix}-${spec.name.replace('.', '-')}`}
              section={section}
              spec={spec}
              values={values}
              set={(name, v) => setValues((all) => ({ ...all, [name]: v }))}
              error={form.errorFor(`value.${spec.name}`)}
            />
          ))
        )}
        <button type="submit" className="button-primary" aria-disabled={form.submitting || undefined}>
          {plainT('personProfile.save')}
        </button>
      </form>
    </details>
  );
}

/** The history of corrections: who, when, and the earlier value (as readable as the section itself). */
export function FactHistory({ history, render }: { history: readonly CaseFactChange[]; render: (change: CaseFactChange) => React.ReactNode }) {
  const t = useDynamicT();
  const formats = useFormats();
  if (history.length === 0) return null;
  return (
    <>
      <h3>{t('personProfile.historyTitle')}</h3>
      <ol className="fact-history">
        {[...history].reverse().map((change, index) => (
          <li key={index}>
            <p>
              {t('personProfile.changed', {
                section: t(`personProfile.sections.${change.section}`),
                name: change.changedByName,
                organisation: change.organisationName,
                date: formats.dateTime(change.changedAt),
              })}
            </p>
            <div className="earlier-value">
              <span className="muted">{t('personProfile.earlierValue')}</span> {render(change)}
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}

/**
 * The referral form's facts about the person (report to the police, languages, documents, age, safe contact, who
 * receives the decision, background): the sections the field policy shows this reader, each correctable by the side
 * managing the case, with its history.
 */
export function PersonProfileSection({ caseId, canCorrect, headingLevel = 2 }: { caseId: string; canCorrect: boolean; headingLevel?: 2 | 3 }) {
  const t = useDynamicT();
  const [resource, reload] = useResource(() => getProfile(caseId), `profile:${caseId}`);
  const [notice, setNotice] = useState('');
  // The field policy shows this reader nothing of it: no section at all.
  if (resource.status === 'failed' && resource.error instanceof ApiError && resource.error.status === 404) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section id="referral-form" aria-labelledby="referral-form-title">
      <Heading id="referral-form-title">{t('personProfile.title')}</Heading>
      <StatusMessage>{notice}</StatusMessage>
      {resource.status === 'loading' ? <Loading /> : null}
      {resource.status === 'failed' ? <ErrorAlert error={resource.error} /> : null}
      {resource.status === 'ready' ? (
        <ProfileBody
          view={resource.data}
          canCorrect={canCorrect}
          onSaved={(text) => {
            setNotice(text);
            reload();
          }}
        />
      ) : null}
    </section>
  );
}

function ProfileBody({ view, canCorrect, onSaved }: { view: PersonProfileView; canCorrect: boolean; onSaved: (notice: string) => void }) {
  const t = useDynamicT();
  const visible = profileSections.filter((section) => section in view);
  return (
    <>
      {policeNote(t, view)}
      {visible.map((section) => (
        <div key={`${section}-${view.version ?? 0}`} className="profile-section">
          <h3>{t(`personProfile.sections.${section}`)}</h3>
          <SectionValue section={section} value={view[section]} />
          {canCorrect ? <SectionEditor caseId={view.caseId} section={section} version={view.version ?? 0} value={view[section]} onSaved={onSaved} /> : null}
        </div>
      ))}
      <FactHistory history={view.history ?? []} render={(change) => <SectionValue section={change.section as ProfileSection} value={change.earlierValue} />} />
    </>
  );
}

function policeNote(t: DynamicT, view: PersonProfileView) {
  return 'policeReport' in view ? <p className="hint">{t('personProfile.policeNote')}</p> : null;
}
