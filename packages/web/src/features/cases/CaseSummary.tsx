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
    <section aria-labelledby="case-summary-title">
      <h2 id="case-summary-title">{t('case.summaryTitle')}</h2>
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

/** The person: only the fields the API gave this reader. A field given without a value was not recorded. */
export function PersonDetails({ caseView }: { caseView: CaseView }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const person = caseView.person ?? {};
  const fields = person.fields ?? {};
  const given = shareablePersonFields.filter((field) => field in fields);
  return (
    <section aria-labelledby="case-person-title">
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
