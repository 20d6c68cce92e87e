import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { AssessmentEntryView } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { DownloadLink } from '../../components/DownloadLink';
import { ErrorAlert, Loading } from '../../components/Status';
import { AssessmentForm } from './AssessmentForm';
import { ChecklistSection } from './ChecklistSection';
import { EntryForm } from './EntryForm';
import { InfluenceGraph } from './InfluenceGraph';
import { assessmentPdfHref, getAssessment, updateAssessment } from './api';
import { useDeterminantLabels, type DeterminantLabels } from './labels';
import { canRecordDeterminants } from './permissions';
import '../cases/cases.css';

function EntriesTable({ entries, labels }: { entries: readonly AssessmentEntryView[]; labels: DeterminantLabels }) {
  const { t, i18n } = useTranslation();
  const list = (codes: readonly string[]) => (codes.length === 0 ? t('determinants.influencesNone') : new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(codes.map(labels.determinant)));
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="entries-caption">
      <table>
        <caption id="entries-caption">{t('determinants.entriesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('determinants.determinant')}</th>
            <th scope="col">{t('determinants.direction')}</th>
            <th scope="col">{t('determinants.activity')}</th>
            <th scope="col">{t('determinants.strength')}</th>
            <th scope="col">{t('determinants.typologyLabel')}</th>
            <th scope="col">{t('determinants.influences')}</th>
            <th scope="col">{t('determinants.evidence')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.determinant}>
              <th scope="row">{labels.determinant(e.determinant)}</th>
              <td>{labels.direction(e.direction)}</td>
              <td>{labels.activity(e.activity)}</td>
              <td>{labels.strength(e.strength)}</td>
              <td>{Object.values(e.typology).map(labels.typology).join(', ')}</td>
              <td>{list(e.influences)}</td>
              <td>
                <bdi>{e.evidence}</bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One assessment: its determinants in a table and as a graph of influences; the rapporteur records them here. */
export function AssessmentPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const session = useActiveSession();
  const labels = useDeterminantLabels();
  const [assessment, reload] = useResource(() => getAssessment(id), `determinant-assessment:${id}`);
  const records = canRecordDeterminants(session.capabilities);
  if (assessment.status !== 'ready') {
    return <Page title={t('determinants.title')}>{assessment.status === 'loading' ? <Loading /> : <ErrorAlert error={assessment.error} />}</Page>;
  }
  const a = assessment.data;
  const entries = a.entries ?? [];
  return (
    <Page title={a.title ?? t('determinants.title')}>
      <p>
        <bdi>{labels.country(a.country)}</bdi> · {labels.period(a.periodFrom, a.periodTo)}
      </p>
      <p>
        <Link to={`/determinants/${id}/compare`}>{t('determinants.compare')}</Link>
      </p>
      <p>
        <DownloadLink href={assessmentPdfHref(id, i18n.language)} fileName={`determinants-assessment-${i18n.language}.pdf`}>
          {t('determinants.downloadPdf')}
        </DownloadLink>
      </p>
      <h2>{t('determinants.entriesTitle')}</h2>
      {entries.length === 0 ? <p>{t('determinants.noEntries')}</p> : <EntriesTable entries={entries} labels={labels} />}
      <section aria-labelledby="influence-graph-title">
        <h2 id="influence-graph-title">{t('determinants.graphTitle')}</h2>
        <InfluenceGraph entries={entries} labels={labels} />
      </section>
      <ChecklistSection assessmentId={id} checklist={a.checklist ?? []} records={records} onSaved={reload} />
      {records ? (
        <>
          <section aria-labelledby="record-entry">
            <h2 id="record-entry">{t('determinants.recordEntry')}</h2>
            <EntryForm assessmentId={id} entries={entries} onSaved={reload} />
          </section>
          <details>
            <summary>{t('determinants.editTitle')}</summary>
            <AssessmentForm
              idPrefix="edit-assessment"
              initial={{ country: a.country ?? '', periodFrom: a.periodFrom ?? '', periodTo: a.periodTo ?? '', title: a.title ?? '' }}
              submitLabel={t('determinants.editSubmit')}
              onSave={async (body) => {
                await updateAssessment(id, body);
                reload();
              }}
            />
          </details>
        </>
      ) : null}
    </Page>
  );
}
