import { useTranslation } from 'react-i18next';
import type { AssistancePlanView, CaseRecordView, OrganisationView } from '@palermo/contracts';
import { useFormats } from '../cases/format';
import { kindSpecs, type FieldSpec } from './recordFields';
import { useVocab } from './vocab';

interface Props {
  records: readonly CaseRecordView[];
  organisations: readonly OrganisationView[];
  plan: AssistancePlanView | null;
}

/** The case's current records, in the order the server gives, each described in words from its codes. */
export function RecordList({ records, organisations, plan }: Props) {
  const { t } = useTranslation();
  const formats = useFormats();
  const vocab = useVocab();

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
      return text === null ? [] : [`${t(`recordFields.${field.label}`)}: ${text}`];
    });
  }

  if (records.length === 0) return <p>{t('records.empty')}</p>;
  return (
    <ul className="plain-list">
      {records.map((record) => (
        <li key={record.id}>
          <h4 className="measure-title">{t(`recordKinds.${record.kind}`)}</h4>
          <p className="measure-meta">
            {t('records.by', { name: record.authorName, organisation: record.organisationName, date: formats.dateTime(record.createdAt) })}
            {record.visibility === 'author_organisation' ? <span className="badge badge-warn">{t('records.authorOnly')}</span> : null}
            {record.supersedesId !== null ? <span className="badge badge-off">{t('records.correction')}</span> : null}
          </p>
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
        </li>
      ))}
    </ul>
  );
}
