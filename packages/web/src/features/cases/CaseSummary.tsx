import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { shareablePersonFields, type CaseView } from '@palermo/contracts';
import { DueDate } from './DueDate';
import { useFormats } from './format';
import { traffickingStatusKey } from './traffickingStatus';

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Where the case stands. */
export function CaseSummary({ caseView }: { caseView: CaseView }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const period = caseView.reflectionPeriod;
  // A field the viewer may not see is absent from the case (need to know): its row is left out.
  const forms = caseView.formsOfExploitation ?? [];
  return (
    <section aria-labelledby="case-summary-title" id="case-summary">
      <h2 id="case-summary-title">{t('case.summaryTitle')}</h2>
      <CaseFlags caseView={caseView} />
      <dl className="details">
        <Row term={t('case.reference')}>
          <bdi>{caseView.reference}</bdi>
        </Row>
        {caseView.stage !== undefined ? <Row term={t('case.stage')}>{t(`caseStages.${caseView.stage}`)}</Row> : null}
        <Row term={t('case.status')}>{t(`caseStatuses.${caseView.status}`)}</Row>
        {caseView.traffickingStatus !== undefined ? (
          <Row term={t('case.traffickingStatus')}>{t(traffickingStatusKey(caseView.traffickingStatus, caseView.stage))}</Row>
        ) : null}
        {forms.length > 0 ? (
          <Row term={t('case.forms')}>{formats.list(forms.map((form) => t(`exploitation.${form}`)))}</Row>
        ) : null}
        {period !== null && period !== undefined ? (
          <Row term={t('case.reflectionPeriod')}>
            {t('case.periodRange', { start: formats.date(period.start), end: formats.date(period.end) })}
          </Row>
        ) : null}
        {caseView.decisionDueAt !== undefined ? (
          <Row term={t('case.decisionDue')}>
            <DueDate due={caseView.decisionDueAt} overdue={caseView.overdue === true} />
          </Row>
        ) : null}
        <Row term={t('case.opened')}>{formats.dateTime(caseView.openedAt)}</Row>
        {caseView.closureReason !== null && caseView.closureReason !== undefined ? (
          <Row term={t('case.closureReason')}>
            <bdi>{caseView.closureReason}</bdi>
          </Row>
        ) : null}
      </dl>
    </section>
  );
}

/** Stages at which the case waits for the competent authority's decision. */
const awaitingStages = ['reasonable_grounds_pending', 'reasonable_grounds_positive'];

/**
 * What the reader must see first: the stage, the next deadline (a decision due, or the end of the recovery and
 * reflection period) and the case's flags, each in words.
 */
function CaseFlags({ caseView }: { caseView: CaseView }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const flags: Array<'child' | 'urgent' | 'safety_risk' | 'awaiting_decision'> = [];
  if (caseView.person?.isChild) flags.push('child');
  for (const flag of caseView.flags ?? []) flags.push(flag);
  const awaiting = caseView.stage !== undefined && awaitingStages.includes(caseView.stage) && caseView.decisionDueAt;
  if (awaiting) flags.push('awaiting_decision');
  const today = new Date().toISOString().slice(0, 10);
  const periodEnd = caseView.reflectionPeriod && caseView.reflectionPeriod.end >= today ? caseView.reflectionPeriod.end : null;
  const next = awaiting && caseView.decisionDueAt ? { text: t('caseNav.decisionDue', { date: formats.dateTime(caseView.decisionDueAt) }) } : periodEnd ? { text: t('caseNav.periodEnds', { date: formats.date(periodEnd) }) } : null;
  return (
    <div className="case-glance">
      {caseView.stage !== undefined ? <p className="case-glance-stage">{t(`caseStages.${caseView.stage}`)}</p> : null}
      {next ? (
        <p>
          {t('caseNav.nextDeadline')} {next.text}
          {awaiting && caseView.overdue ? <span className="badge badge-bad">{t('cases.overdue')}</span> : null}
        </p>
      ) : null}
      {flags.length > 0 ? (
        <ul className="case-flags" aria-label={t('caseNav.flags')}>
          {flags.map((flag) => (
            <li key={flag} className={flag === 'child' || flag === 'awaiting_decision' ? 'badge' : 'badge badge-bad'}>
              {t(`homeWork.flags.${flag}`)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The person: only the fields the API gave this reader. A field given without a value was not recorded. */
export function PersonDetails({ caseView }: { caseView: CaseView }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const person = caseView.person ?? {};
  const fields = person.fields ?? {};
  const given = shareablePersonFields.filter((field) => field in fields);
  return (
    <section aria-labelledby="case-person-title" id="case-person">
      <h2 id="case-person-title">{t('case.personTitle')}</h2>
      {given.length === 0 ? <p className="muted">{t('case.noPersonFields')}</p> : null}
      <dl className="details">
        {given.map((field) => {
          const value = fields[field];
          return (
            <Row key={field} term={t(`personFields.${field}`)}>
              {value === null || value === undefined ? (
                <span className="muted">{t('case.notRecorded')}</span>
              ) : field === 'birthDate' ? (
                formats.date(value)
              ) : (
                <bdi>{value}</bdi>
              )}
            </Row>
          );
        })}
        {person.isChild !== undefined ? <Row term={t('case.child')}>{person.isChild ? t('case.yes') : t('case.no')}</Row> : null}
        {person.gender !== null && person.gender !== undefined ? <Row term={t('case.gender')}>{t(`genders.${person.gender}`)}</Row> : null}
        {person.citizenships !== undefined && person.citizenships.length > 0 ? (
          <Row term={t('case.citizenships')}>
            {formats.list(person.citizenships.map(formats.country))}
          </Row>
        ) : null}
      </dl>
    </section>
  );
}
