import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { SuspectView } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { getSuspect, listProsecutionOrganisations } from './api';
import { useNotice, useProsecutionLabels } from './labels';
import { StepForm } from './StepForm';
import { StepList } from './StepList';
import '../cases/cases.css';

/** One suspect: who (as far as the reader may know), and the funnel's steps in order, with the form to record the next. */
export function SuspectPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [suspect, reload] = useResource(() => getSuspect(id), `prosecution:suspect:${id}`);
  const [organisations] = useResource(listProsecutionOrganisations, 'prosecution:organisations');
  const [notice, setNotice] = useNotice();
  const title = suspect.status === 'ready' && suspect.data.pseudonym ? suspect.data.pseudonym : t('prosecution.suspectTitle');

  return (
    <Page title={title}>
      {suspect.status === 'ready' ? (
        <p>
          <Link to={`/prosecution/operations/${suspect.data.operationId}`}>{t('prosecution.backToOperation')}</Link>
        </p>
      ) : null}
      <StatusMessage>{notice}</StatusMessage>
      {suspect.status === 'loading' ? <Loading /> : null}
      {suspect.status === 'failed' ? <ErrorAlert error={suspect.error} /> : null}
      {suspect.status === 'ready' ? (
        <>
          <SuspectDetails suspect={suspect.data} />
          <section aria-labelledby="steps-title">
            <h2 id="steps-title">{t('prosecution.stepsTitle')}</h2>
            <StepList steps={suspect.data.steps ?? []} />
          </section>
          <section aria-labelledby="record-step-title">
            <h2 id="record-step-title">{t('prosecution.recordStep')}</h2>
            <StepForm
              suspectId={suspect.data.id}
              steps={suspect.data.steps ?? []}
              courts={organisations.status === 'ready' ? organisations.data.filter((o) => o.type === 'court') : []}
              onRecorded={(next) => {
                setNotice(next);
                reload();
              }}
            />
          </section>
        </>
      ) : null}
    </Page>
  );
}

function SuspectDetails({ suspect }: { suspect: SuspectView }) {
  const { t } = useTranslation();
  const labels = useProsecutionLabels();
  const identity = suspect.identity;
  const rows: [string, string][] = [
    [t('prosecution.roles'), labels.list(suspect.roles, labels.role)],
    [t('prosecution.sex'), labels.sex(suspect.sex)],
    [t('prosecution.citizenships'), labels.countries(suspect.citizenships)],
    [t('prosecution.ageAtOffence'), suspect.ageAtOffence === null || suspect.ageAtOffence === undefined ? '' : String(suspect.ageAtOffence)],
    // Who the suspect is: only where the server returns it.
    [t('prosecution.givenName'), identity?.givenName ?? ''],
    [t('prosecution.familyName'), identity?.familyName ?? ''],
    [t('prosecution.aliases'), labels.list(identity?.aliases, (alias) => alias)],
    [t('prosecution.birthDate'), identity?.birthDate ? labels.date(identity.birthDate) : ''],
    [t('prosecution.identityNumber'), identity?.identityNumber ?? ''],
  ];
  return (
    <section aria-labelledby="suspect-details-title">
      <h2 id="suspect-details-title">{t('prosecution.suspectDetails')}</h2>
      <dl className="details">
        {rows
          .filter(([, value]) => value !== '')
          .map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>
                <bdi>{value}</bdi>
              </dd>
            </div>
          ))}
      </dl>
    </section>
  );
}
