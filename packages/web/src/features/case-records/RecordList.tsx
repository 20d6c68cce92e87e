import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uncorrectableKinds, wellbeingDomains, type AssistancePlanView, type CaseRecordView, type OrganisationView } from '@palermo/contracts';
import { useFormats } from '../cases/format';
import type { CaseActionProps } from '../cases/useCaseChange';
import { AddRecordForm } from './AddRecordForm';
import { kindSpecs, type FieldSpec } from './recordFields';
import { useVocab } from './vocab';

interface Props {
  /** Current records and the ones corrections superseded (they stay, as the record's history). */
  records: readonly CaseRecordView[];
  organisations: readonly OrganisationView[];
  plan: AssistancePlanView | null;
  /** Present when the reader may correct records (the case is open and they manage it). */
  actions?: CaseActionProps | undefined;
}

/** Kinds corrected in place here; a needs assessment is reviewed by recording a new one, a decision by a new decision. */
const correctable = (record: CaseRecordView) =>
  record.kind !== 'needs_assessment' && !uncorrectableKinds.includes(record.kind) && kindSpecs[record.kind] !== undefined;

/**
 * The case's current records, in the order the server gives, each described in words from its codes. A corrected
 * record shows what it replaced, under "Earlier versions": corrections never erase.
 */
export function RecordList({ records, organisations, plan, actions }: Props) {
  const { t } = useTranslation();
  const formats = useFormats();
  const vocab = useVocab();
  const [correctingId, setCorrectingId] = useState<string | null>(null);
  const byId = new Map(records.map((record) => [record.id, record]));
  const current = records.filter((record) => record.supersededById === null);
  const earlierVersions = (record: CaseRecordView): CaseRecordView[] => {
    const chain: CaseRecordView[] = [];
    let previous = record.supersedesId !== null ? byId.get(record.supersedesId) : undefined;
    while (previous !== undefined && chain.length < records.length) {
      chain.push(previous);
      previous = previous.supersedesId !== null ? byId.get(previous.supersedesId) : undefined;
    }
    return chain;
  };

  function describe(field: FieldSpec, value: unknown): string | null {
    if (value === undefined || value === null) return null;
    switch (field.type) {
      case 'choice':
        return typeof value === 'string' ? vocab(field.vocab, value) : null;
      case 'choices':
        return Array.isArray(value) && value.length > 0 ? formats.list(value.map((code) => vocab(field.vocab, String(code)))) : null;
      case 'flag':
        return value === true ? t('case.yes') : t('case.no');
      case 'date':
        return typeof value === 'string' ? formats.date(value) : null;
      case 'organisation':
        return organisations.find((organisation) => organisation.id === value)?.name ?? null;
      case 'goal': {
        const goal = plan?.goals.find((candidate) => candidate.id === value);
        return goal ? vocab('services', goal.domain) : null;
      }
      case 'scale': {
        const overall: unknown = typeof value === 'object' ? Reflect.get(value, 'overall') : undefined;
        return typeof overall === 'number' ? t('records.scaleValue', { value: overall }) : null;
      }
      case 'text':
        return typeof value === 'string' ? value : null;
    }
  }

  function details(record: CaseRecordView): string[] {
    if (record.kind === 'needs_assessment') {
      return record.data.needs.map((need) =>
        t(need.urgent ? 'records.needUrgent' : 'records.need', { area: vocab('services', need.domain), level: t(`needLevels.${need.level}`) }),
      );
    }
    const spec = kindSpecs[record.kind];
    if (!spec) return [];
    const data: Record<string, unknown> = { ...record.data };
    return spec.fields.flatMap((field) => {
      const text = describe(field, data[field.name]);
      const line = text === null ? [] : [`${t(`recordFields.${field.label}`)}: ${text}`];
      return field.type === 'scale' ? [...line, ...areaLines(data[field.name])] : line;
    });
  }

  /** Wellbeing per area, as rated at a follow-up. */
  function areaLines(value: unknown): string[] {
    const domains: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, 'domains') : undefined;
    if (typeof domains !== 'object' || domains === null) return [];
    return wellbeingDomains.flatMap((domain) => {
      const score: unknown = Reflect.get(domains, domain);
      return typeof score === 'number'
        ? [`${t('records.wellbeingArea', { area: vocab('wellbeingDomains', domain) })}: ${t('records.scaleValue', { value: score })}`]
        : [];
    });
  }

  const body = (record: CaseRecordView) => (
    <>
      {details(record).length > 0 ? (
        <ul>
          {details(record).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {record.notes !== null ? (
        <p className="record-notes">
          <bdi>{record.notes}</bdi>
        </p>
      ) : null}
    </>
  );

  if (current.length === 0) return <p>{t('records.empty')}</p>;
  return (
    <ul className="plain-list">
      {current.map((record) => (
        <li key={record.id}>
          <h4 className="measure-title">{t(`recordKinds.${record.kind}`)}</h4>
          <p className="measure-meta">
            {t('records.by', { name: record.authorName, organisation: record.organisationName, date: formats.dateTime(record.createdAt) })}
            {record.visibility === 'author_organisation' ? <span className="badge badge-warn">{t('records.authorOnly')}</span> : null}
            {record.supersedesId !== null ? <span className="badge badge-off">{t('records.correction')}</span> : null}
          </p>
          {body(record)}
          {earlierVersions(record).length > 0 ? (
            <details className="case-action">
              <summary>{t('records.earlierVersions', { count: earlierVersions(record).length })}</summary>
              <ul className="plain-list case-action-body">
                {earlierVersions(record).map((earlier) => (
                  <li key={earlier.id}>
                    <p className="measure-meta">
                      {t('records.by', { name: earlier.authorName, organisation: earlier.organisationName, date: formats.dateTime(earlier.createdAt) })}{' '}
                      <span className="badge badge-off">{t('records.superseded')}</span>
                    </p>
                    {body(earlier)}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {actions && correctable(record) ? (
            correctingId === record.id ? (
              <div className="case-action-body">
                <h5 className="measure-title">{t('records.correctTitle', { kind: t(`recordKinds.${record.kind}`) })}</h5>
                <AddRecordForm
                  {...actions}
                  plan={plan}
                  correcting={record}
                  onAdded={() => {
                    setCorrectingId(null);
                    actions.onChanged(t('records.corrected', { kind: t(`recordKinds.${record.kind}`) }));
                  }}
                />
                <button type="button" onClick={() => setCorrectingId(null)}>
                  {t('records.cancelCorrection')}
                </button>
              </div>
            ) : (
              <button type="button" onClick={() => setCorrectingId(record.id)}>
                {t('records.correct')}
                <span className="visually-hidden">
                  {' '}
                  {t(`recordKinds.${record.kind}`)}, {formats.dateTime(record.createdAt)}
                </span>
              </button>
            )
          ) : null}
        </li>
      ))}
    </ul>
  );
}
