import { useTranslation } from 'react-i18next';
import type { Answer } from '@palermo/contracts';
import type { AnswerKind } from './answers';
import { accountVocabularies, type AccountLabels, type CodedField } from './labels';

/** How each field of the account is shown: the kind of its value. */
const kinds: Record<string, AnswerKind> = {
  forms: 'codes', labourIndustries: 'codes', sexualExploitationTypes: 'codes', criminalExploitationTypes: 'codes', financialExploitationTypes: 'codes',
  startDate: 'date', endDate: 'date', durationMonths: 'number', ongoing: 'boolean', ageAtStart: 'number', recruitmentMethods: 'codes',
  recruitmentChannels: 'codes', promised: 'longText', recruiterRelationship: 'code', recruiterAcquaintance: 'code', methodsOfControl: 'codes', howEnded: 'code',
  kind: 'code', pseudonym: 'text', identity: 'longText', roles: 'codes', relationship: 'code', acquaintance: 'code', whereaboutsCountry: 'country',
  whereabouts: 'longText', otherVictimsCount: 'number', otherVictims: 'longText', personAccount: 'longText', responderReasons: 'longText',
};
const isAnswer = (value: unknown): value is Answer<unknown> => typeof value === 'object' && value !== null && 'state' in value;

/** One field's value in words: codes by their labels, dates and countries in the reader's language. */
function useValueText(labels: AccountLabels) {
  const { t } = useTranslation();
  return (name: string, value: unknown): string => {
    if (isAnswer(value)) {
      if (value.state === 'unknown') return t('account.unknown');
      if (value.state === 'declined') return t('account.declined');
      return show(name, value.value);
    }
    return show(name, value);
  };
  function show(name: string, value: unknown): string {
    const kind = kinds[name];
    if (name === 'kind') return t(`account.codes.kind.${value === 'organisation' ? 'organisation' : 'person'}`);
    if (Array.isArray(value)) return labels.list(value.map((v) => (name in accountVocabularies ? labels.code(name as CodedField, String(v)) : String(v))));
    if (kind === 'code' && name in accountVocabularies) return labels.code(name as CodedField, String(value));
    if (kind === 'date') return labels.date(String(value));
    if (kind === 'country') return labels.country(String(value));
    if (kind === 'boolean') return value ? t('account.yes') : t('account.no');
    if (name === 'durationMonths') return t('account.months', { count: Number(value) });
    if (name === 'ageAtStart') return t('account.years', { count: Number(value) });
    return String(value);
  }
}

interface PlaceValue {
  stage: string;
  country?: Answer<string>;
  place?: string;
}

/** The fields of one version of a record as a description list (fields not recorded or not shown are left out). */
export function AccountDetails({ value, labels, situationNames }: { value: Record<string, unknown>; labels: AccountLabels; situationNames?: Record<string, string> }) {
  const { t } = useTranslation();
  const text = useValueText(labels);
  const label = (name: string) => (t as unknown as (key: string) => string)(name === 'personAccount' || name === 'responderReasons' ? `account.${name}` : `account.fields.${name}`);
  const rows = Object.keys(kinds).filter((name) => value[name] !== undefined && value[name] !== null && name !== 'pseudonym');
  const places = Array.isArray(value['places']) ? (value['places'] as PlaceValue[]) : [];
  const situations = Array.isArray(value['situationIds']) ? (value['situationIds'] as string[]) : [];
  return (
    <dl className="details account-details">
      {rows.map((name) => (
        <div key={name}>
          <dt>{label(name)}</dt>
          <dd className={kinds[name] === 'longText' ? 'account-text' : undefined}>{text(name, value[name])}</dd>
        </div>
      ))}
      {places.length > 0 ? (
        <div>
          <dt>{t('account.places')}</dt>
          <dd>
            <ul className="account-places">
              {places.map((p, i) => (
                <li key={i}>
                  {t('account.placeLine', { stage: labels.code('stage', p.stage), country: p.country ? text('whereaboutsCountry', p.country) : t('account.notRecorded') })}
                  {p.place ? ` — ${p.place}` : ''}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
      {situations.length > 0 && situationNames ? (
        <div>
          <dt>{label('situationIds')}</dt>
          <dd>{labels.list(situations.map((id) => situationNames[id] ?? '—'))}</dd>
        </div>
      ) : null}
    </dl>
  );
}

interface Revision {
  version: number;
  authorName: string;
  organisationName: string;
  changedAt: string;
  value: Record<string, unknown>;
}

/** Every version of a record, newest first: who, when, and the value then. */
export function AccountHistory({ history, labels, situationNames }: { history: readonly Revision[] | undefined; labels: AccountLabels; situationNames?: Record<string, string> }) {
  const { t } = useTranslation();
  if (!history || history.length === 0) return null;
  return (
    <details className="account-history">
      <summary>
        {t('account.history')} ({history.length})
      </summary>
      <ol>
        {history.map((revision) => (
          <li key={revision.version}>
            <p className="account-version">
              {t('account.historyVersion', { version: revision.version, date: labels.dateTime(revision.changedAt), name: revision.authorName, organisation: revision.organisationName })}
            </p>
            {typeof revision.value['pseudonym'] === 'string' ? <p>{revision.value['pseudonym']}</p> : null}
            <AccountDetails value={revision.value} labels={labels} situationNames={situationNames} />
          </li>
        ))}
      </ol>
    </details>
  );
}
