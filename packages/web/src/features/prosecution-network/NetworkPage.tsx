import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { NetworkNode, OperationNetwork } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { getOperation } from '../prosecution/api';
import { canDrawNetworks, downloadFtm, getNetwork } from './api';
import { EntityForm, LinkForm, type Notice } from './NetworkForms';
import { useNetworkLabels, type NetworkLabels } from './labels';
import '../cases/cases.css';

/** The drawing (and with it the graph library) loads only when this page shows a network. */
const NetworkDrawing = lazy(async () => ({ default: (await import('./NetworkDrawing')).NetworkDrawing }));

/**
 * An operation's network: the ranked table of suspects and entities (which removal would disrupt the group most,
 * readable without the drawing), the drawing beside it, the other operations each node appears in, the
 * FollowTheMoney download, and for those who record the chart the forms to add entities and links.
 */
export function NetworkPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const labels = useNetworkLabels();
  const session = useActiveSession();
  const [operation] = useResource(() => getOperation(id), `prosecution:operation:${id}`);
  const [network, reload] = useResource(() => getNetwork(id), `prosecution:network:${id}`);
  // Said in the reader's language when shown, so that it follows a change of language.
  const [notice, setNotice] = useState<Notice | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const name = operation.status === 'ready' ? (operation.data.name ?? operation.data.reference) : '';
  // Those the server lets record entities and links (an agency's investigators reach only their own operations).
  const draws = canDrawNetworks(session.capabilities);

  function added(next: Notice) {
    setNotice(() => next);
    reload();
  }

  async function download() {
    setDownloadError(null);
    try {
      await downloadFtm(id);
    } catch (error) {
      setDownloadError(error);
    }
  }

  return (
    <Page title={name ? t('prosecutionNetwork.titleOf', { operation: name }) : t('prosecutionNetwork.title')}>
      <p>
        <Link to={`/prosecution/operations/${encodeURIComponent(id)}`}>{t('prosecutionNetwork.backToOperation')}</Link>
      </p>
      <StatusMessage>{notice ? notice(labels) : ''}</StatusMessage>
      {network.status === 'loading' ? <Loading /> : null}
      {network.status === 'failed' ? <ErrorAlert error={network.error} /> : null}
      {network.status === 'ready' ? (
        <>
          <section aria-labelledby="ranking-title">
            <h2 id="ranking-title">{t('prosecutionNetwork.rankingTitle')}</h2>
            <p>{t('prosecutionNetwork.rankingIntro')}</p>
            {network.data.nodes.length === 0 ? <p>{t('prosecutionNetwork.empty')}</p> : <RankingTable network={network.data} labels={labels} />}
          </section>
          {network.data.nodes.length > 0 ? (
            <section aria-labelledby="drawing-title">
              <h2 id="drawing-title">{t('prosecutionNetwork.drawingTitle')}</h2>
              <Suspense fallback={<Loading />}>
                <NetworkDrawing network={network.data} labels={labels} />
              </Suspense>
            </section>
          ) : null}
          <section aria-labelledby="export-title">
            <h2 id="export-title">{t('prosecutionNetwork.exportTitle')}</h2>
            <p>{t('prosecutionNetwork.exportIntro')}</p>
            <button type="button" className="button-secondary" onClick={() => void download()}>
              {t('prosecutionNetwork.exportButton')}
            </button>
            {downloadError ? <ErrorAlert error={downloadError} /> : null}
          </section>
          {draws ? (
            <>
              <section aria-labelledby="add-entity-title">
                <h2 id="add-entity-title">{t('prosecutionNetwork.addEntityTitle')}</h2>
                <EntityForm operationId={id} labels={labels} onAdded={added} />
              </section>
              <section aria-labelledby="add-link-title">
                <h2 id="add-link-title">{t('prosecutionNetwork.addLinkTitle')}</h2>
                <LinkForm operationId={id} labels={labels} onAdded={added} nodes={network.data.nodes} />
              </section>
            </>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}

function RankingTable({ network, labels }: { network: OperationNetwork; labels: NetworkLabels }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const describe = (node: NetworkNode) => (node.suspect?.roles ?? []).map(labels.role).join(', ');
  return (
    <table className="data-table" aria-describedby="ranking-title">
      <caption>{t('prosecutionNetwork.rankingCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('prosecutionNetwork.rank')}</th>
          <th scope="col">{t('prosecutionNetwork.node')}</th>
          <th scope="col">{t('prosecutionNetwork.kind')}</th>
          <th scope="col">{t('prosecutionNetwork.betweenness')}</th>
          <th scope="col">{t('prosecutionNetwork.degree')}</th>
          <th scope="col">{t('prosecutionNetwork.otherOperations')}</th>
        </tr>
      </thead>
      <tbody>
        {network.nodes.map((node) => (
          <tr key={node.key}>
            <td>{number.format(node.rank)}</td>
            <th scope="row">
              {/* An entity's value (a number, a plate, an account) reads left to right in every language. */}
              <bdi dir={node.entity?.value ? 'ltr' : undefined}>{labels.name(node)}</bdi>
              {describe(node) ? <div className="hint">{describe(node)}</div> : null}
            </th>
            <td>{labels.kind(node.kind)}</td>
            <td>{number.format(node.betweenness)}</td>
            <td>{number.format(node.degree)}</td>
            <td>
              {node.otherOperations.length === 0
                ? t('prosecutionNetwork.noOtherOperation')
                : node.otherOperations.map((other, i) => (
                    <span key={other.id}>
                      {i > 0 ? ', ' : null}
                      <Link to={`/prosecution/operations/${encodeURIComponent(other.id)}/network`}>
                        <bdi>{other.reference}</bdi>
                      </Link>
                    </span>
                  ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
