import { useTranslation } from 'react-i18next';
import type { ReleaseView } from '@palermo/contracts';
import { releaseFileUrl } from './api';
import { DownloadLink } from '../../components/DownloadLink';

export function useReleaseFormats() {
  const { i18n } = useTranslation();
  const whole = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const share = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const small = new Intl.NumberFormat(i18n.language, { maximumSignificantDigits: 3 });
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    whole: (n: number) => whole.format(n),
    decimal: (n: number) => decimal.format(n),
    share: (n: number) => share.format(n),
    small: (n: number) => small.format(n),
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
  };
}

/** The release just made: what it cost, how far its counts are from the real ones, and its file. */
export function ReleaseResult({ release }: { release: ReleaseView }) {
  const { t } = useTranslation();
  const f = useReleaseFormats();
  const suppressed = typeof release.mechanism['recordsSuppressed'] === 'number' ? release.mechanism['recordsSuppressed'] : null;
  return (
    <section aria-labelledby="release-result-title">
      <h2 id="release-result-title">{t('releases.resultTitle')}</h2>
      <p>
        {release.kind === 'synthetic'
          ? t('releases.resultSynthetic', { records: f.whole(release.recordsReleased), read: f.whole(release.recordsRead), epsilon: f.small(release.epsilon), delta: f.small(release.delta) })
          : t('releases.resultKAnonymous', { records: f.whole(release.recordsReleased), read: f.whole(release.recordsRead), suppressed: f.whole(suppressed ?? 0) })}
      </p>
      <p>
        <DownloadLink href={releaseFileUrl(release.id)} fileName={release.fileName}>
          {t('releases.download', { file: release.fileName })}
        </DownloadLink>
      </p>
      <p className="hint">
        {t('releases.sha256')}: <code dir="ltr">{release.fileSha256}</code>
      </p>
      <UtilityTable release={release} />
    </section>
  );
}

function UtilityTable({ release }: { release: ReleaseView }) {
  const { t } = useTranslation();
  const f = useReleaseFormats();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="utility-caption">
      <table className="table-dense">
        <caption id="utility-caption">{t('releases.utilityCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('releases.colLength')}</th>
            <th scope="col">{t('releases.colReal')}</th>
            <th scope="col">{t('releases.colReleased')}</th>
            <th scope="col">{t('releases.colMeanCount')}</th>
            <th scope="col">{t('releases.colError')}</th>
            <th scope="col">{t('releases.colSuppressed')}</th>
            <th scope="col">{t('releases.colFabricated')}</th>
          </tr>
        </thead>
        <tbody>
          {release.utility.lengths.map((length) => (
            <tr key={length.length}>
              <th scope="row">{t('releases.lengthWay', { length: length.length })}</th>
              <td>{f.whole(length.realCombinations)}</td>
              <td>{f.whole(length.releasedCombinations)}</td>
              <td>{f.decimal(length.meanRealCount)}</td>
              <td>{f.decimal(length.meanAbsoluteError)}</td>
              <td>{f.share(length.suppressedShare)}</td>
              <td>{f.share(length.fabricatedShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('releases.utilityHint')}</p>
    </div>
  );
}

/** Every release of the dataset, newest first, with its file. */
export function LedgerTable({ releases }: { releases: readonly ReleaseView[] }) {
  const { t } = useTranslation();
  const f = useReleaseFormats();
  if (releases.length === 0) return <p>{t('releases.noReleases')}</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="ledger-caption">
      <table className="table-dense">
        <caption id="ledger-caption">{t('releases.ledgerCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('releases.colWhen')}</th>
            <th scope="col">{t('releases.colKind')}</th>
            <th scope="col">{t('releases.colEpsilon')}</th>
            <th scope="col">{t('releases.colDelta')}</th>
            <th scope="col">{t('releases.colRecords')}</th>
            <th scope="col">{t('releases.colBy')}</th>
            <th scope="col">{t('releases.colFile')}</th>
          </tr>
        </thead>
        <tbody>
          {releases.map((release) => (
            <tr key={release.id}>
              <th scope="row">
                <time dateTime={release.createdAt}>{f.dateTime(release.createdAt)}</time>
              </th>
              <td>{t(`releases.kinds.${release.kind}`)}</td>
              <td>{f.small(release.epsilon)}</td>
              <td>{f.small(release.delta)}</td>
              <td>{f.whole(release.recordsReleased)}</td>
              <td>
                <bdi>{release.createdBy}</bdi>
              </td>
              <td>
                <DownloadLink href={releaseFileUrl(release.id)} fileName={release.fileName}>
                  <bdi>{release.fileName}</bdi>
                </DownloadLink>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
