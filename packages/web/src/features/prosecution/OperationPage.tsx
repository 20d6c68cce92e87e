import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { OperationView, SuspectView } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { getOperation, listProsecutionOrganisations, listSuspects } from './api';
import { InvestigationForm, ReferForm } from './InvestigationForms';
import { useNotice, useProsecutionLabels, type Notice } from './labels';
import { SuspectForm } from './SuspectForm';
import { OperationProceedings } from '../proceedings/OperationProceedings';
import { CaseBriefSection } from './CaseBriefSection';
import { canSeeNetworks } from '../prosecution-network/api';
import '../cases/cases.css';

/** One operation: what it was, its investigations (each referred to a prosecution office) and its suspects. */
export function OperationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [operation, reload] = useResource(() => getOperation(id), `prosecution:operation:${id}`);
  const [suspects, reloadSuspects] = useResource(() => listSuspects(id), `prosecution:suspects:${id}`);
  const [notice, setNotice] = useNotice();
  const session = useActiveSession();
  const title = operation.status === 'ready' ? (operation.data.name ?? t('prosecution.unnamedOperation')) : t('prosecution.operationTitle');

  function changed(next: Notice) {
    setNotice(next);
    reload();
    reloadSuspects();
  }

  return (
    <Page title={title}>
      <p>
        <Link to="/prosecution">{t('prosecution.backToOperations')}</Link>
      </p>
      {canSeeNetworks(session.capabilities) ? (
        <p>
          <Link to={`/prosecution/operations/${encodeURIComponent(id)}/network`}>{t('prosecutionNetwork.openNetwork')}</Link>
        </p>
      ) : null}
      <StatusMessage>{notice}</StatusMessage>
      {operation.status === 'loading' ? <Loading /> : null}
      {operation.status === 'failed' ? <ErrorAlert error={operation.error} /> : null}
      {operation.status === 'ready' ? <OperationDetails operation={operation.data} onChanged={changed} /> : null}
      <section aria-labelledby="suspects-title">
        <h2 id="suspects-title">{t('prosecution.suspectsTitle')}</h2>
        {suspects.status === 'loading' ? <Loading /> : null}
        {suspects.status === 'failed' ? <ErrorAlert error={suspects.error} /> : null}
        {suspects.status === 'ready' && suspects.data.length === 0 ? <p>{t('prosecution.noSuspects')}</p> : null}
        {suspects.status === 'ready' && suspects.data.length > 0 ? <SuspectTable suspects={suspects.data} /> : null}
      </section>
      {operation.status === 'ready' ? <SuspectSection operation={operation.data} onChanged={changed} /> : null}
      {operation.status === 'ready' ? <OperationProceedings operationId={operation.data.id} investigations={operation.data.investigations ?? []} /> : null}
      {operation.status === 'ready' ? <CaseBriefSection operationId={operation.data.id} /> : null}
    </Page>
  );
}

function OperationDetails({ operation, onChanged }: { operation: OperationView; onChanged: (notice: Notice) => void }) {
  const { t } = useTranslation();
  const labels = useProsecutionLabels();
  const session = useActiveSession();
  const ownAgency = operation.organisationId === session.user.organisation.id;
  const [offices] = useResource(() => (ownAgency ? listProsecutionOrganisations() : Promise.resolve([])), `prosecution:offices:${String(ownAgency)}`);
  const stageCountries = (stage: string) => labels.countries((operation.places ?? []).filter((place) => place.stage === stage).map((place) => place.country));
  const rows: [string, string][] = [
    [t('prosecution.recordedBy'), operation.organisationName ?? ''],
    [t('prosecution.startedOn'), operation.startedOn ? labels.date(operation.startedOn) : ''],
    [t('prosecution.origin'), labels.origin(operation.origin)],
    [t('prosecution.approach'), labels.approach(operation.approach)],
    [t('prosecution.formsOfExploitation'), labels.list(operation.formsOfExploitation, labels.exploitation)],
    [t('prosecution.recruitmentCountries'), stageCountries('recruitment')],
    [t('prosecution.transitCountries'), stageCountries('transit')],
    [t('prosecution.exploitationCountries'), stageCountries('exploitation')],
    [t('prosecution.agencies'), labels.list((operation.agencies ?? []).map((agency) => agency.name), (name) => name)],
    [t('prosecution.protocolActs'), labels.list(operation.protocol?.acts, labels.act)],
    [t('prosecution.protocolMeans'), labels.list(operation.protocol?.means, labels.means)],
    [t('prosecution.protocolPurposes'), labels.list(operation.protocol?.purposes, labels.purpose)],
  ];
  const investigations = operation.investigations ?? [];
  const officeList = offices.status === 'ready' ? offices.data.filter((o) => o.type === 'prosecutor') : [];
  return (
    <>
      <section aria-labelledby="operation-details-title">
        <h2 id="operation-details-title">{t('prosecution.operationDetails')}</h2>
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
      <section aria-labelledby="investigations-title">
        <h2 id="investigations-title">{t('prosecution.investigationsTitle')}</h2>
        {investigations.length === 0 ? <p>{t('prosecution.noInvestigations')}</p> : null}
        <ul className="plain-list">
          {investigations.map((investigation) => (
            <li key={investigation.id} className="card">
              <h3>
                <bdi>{investigation.title}</bdi>
              </h3>
              <p>
                {t('prosecution.investigationSummary', {
                  date: labels.date(investigation.openedOn),
                  origin: labels.origin(investigation.origin),
                  approach: labels.approach(investigation.approach),
                })}
              </p>
              <p>{t('prosecution.investigationReferenceLine', { reference: investigation.reference })}</p>
              {investigation.prosecutionOfficeName && investigation.referredOn ? (
                <p>{t('prosecution.referredTo', { office: investigation.prosecutionOfficeName, date: labels.date(investigation.referredOn) })}</p>
              ) : (
                <p>{t('prosecution.notReferred')}</p>
              )}
              {ownAgency && !investigation.prosecutionOfficeId ? (
                <ReferForm investigation={investigation} offices={officeList} onReferred={onChanged} />
              ) : null}
            </li>
          ))}
        </ul>
        {ownAgency ? (
          <details className="action-panel">
            <summary>{t('prosecution.addInvestigation')}</summary>
            <InvestigationForm operationId={operation.id} onAdded={onChanged} />
          </details>
        ) : null}
      </section>
    </>
  );
}

function SuspectTable({ suspects }: { suspects: readonly SuspectView[] }) {
  const { t } = useTranslation();
  const labels = useProsecutionLabels();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('prosecution.pseudonym')}</th>
          <th scope="col">{t('prosecution.roles')}</th>
          <th scope="col">{t('prosecution.sex')}</th>
          <th scope="col">{t('prosecution.citizenships')}</th>
          <th scope="col">{t('prosecution.ageAtOffence')}</th>
        </tr>
      </thead>
      <tbody>
        {suspects.map((suspect) => (
          <tr key={suspect.id}>
            <td>
              <Link to={`/prosecution/suspects/${suspect.id}`}>
                <bdi>{suspect.pseudonym ?? t('prosecution.suspectWithheld')}</bdi>
              </Link>
            </td>
            <td>{labels.list(suspect.roles, labels.role)}</td>
            <td>{labels.sex(suspect.sex)}</td>
            <td>{labels.countries(suspect.citizenships)}</td>
            <td>{suspect.ageAtOffence ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SuspectSection({ operation, onChanged }: { operation: OperationView; onChanged: (notice: Notice) => void }) {
  const { t } = useTranslation();
  const session = useActiveSession();
  const investigations = operation.investigations ?? [];
  if (operation.organisationId !== session.user.organisation.id || investigations.length === 0) return null;
  return (
    <details className="action-panel">
      <summary>{t('prosecution.addSuspect')}</summary>
      <SuspectForm operationId={operation.id} investigations={investigations} onAdded={onChanged} />
    </details>
  );
}
