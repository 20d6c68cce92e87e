import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { DirectoryEntryView } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { useFormats } from '../cases/format';
import { listDirectory } from './api';
import { DirectoryFilters, directoryFilterFromParams, paramsFromDirectoryFilter } from './DirectoryFilters';
import '../cases/cases.css';

/** The referral directory: whom to contact for which service, and how current each entry is. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = directoryFilterFromParams(params);
  const key = `directory:${new URLSearchParams(paramsFromDirectoryFilter(filter)).toString()}`;
  const [directory] = useResource(() => listDirectory(filter), key);

  return (
    <Page title={t('directory.title')}>
      <p>{t('directory.intro')}</p>
      <DirectoryFilters key={key} filter={filter} onApply={(next) => setParams(paramsFromDirectoryFilter(next))} />
      {directory.status === 'loading' ? <Loading /> : null}
      {directory.status === 'failed' ? <ErrorAlert error={directory.error} /> : null}
      {directory.status === 'ready' ? (
        <>
          <p className="hint">{t('directory.staleExplained', { days: directory.data.staleAfterDays })}</p>
          <DirectoryTable entries={directory.data.entries} />
        </>
      ) : null}
    </Page>
  );
}

function DirectoryTable({ entries }: { entries: readonly DirectoryEntryView[] }) {
  const { t } = useTranslation();
  const formats = useFormats();
  if (entries.length === 0) return <p>{t('directory.empty')}</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="directory-caption">
      <table className="table-dense">
        <caption id="directory-caption">{t('directory.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('directory.colDesk')}</th>
            <th scope="col">{t('directory.colOrganisation')}</th>
            <th scope="col">{t('directory.colServices')}</th>
            <th scope="col">{t('directory.colSops')}</th>
            <th scope="col">{t('directory.colContact')}</th>
            <th scope="col">{t('directory.colLanguages')}</th>
            <th scope="col">{t('directory.colVerified')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <th scope="row">
                <bdi>{entry.deskName}</bdi>
                {entry.active ? null : <span className="badge badge-off">{t('directory.retired')}</span>}
              </th>
              <td>
                <bdi>{entry.organisationName}</bdi>
                <br />
                <span className="muted">{t(`organisationTypes.${entry.organisationType}`)}</span>
              </td>
              <td>{entry.services.length > 0 ? formats.list(entry.services.map((service) => t(`services.${service}`))) : t('app.none')}</td>
              <td>{entry.sops.length > 0 ? formats.list(entry.sops.map((sop) => t('directory.sopShort', { number: sop }))) : t('app.none')}</td>
              <td>
                <ul className="contact-lines">
                  {entry.phone !== null ? (
                    <li>
                      {t('directory.phone')}: <a href={`tel:${entry.phone.replace(/[^+0-9]/g, '')}`} dir="ltr">{entry.phone}</a>
                    </li>
                  ) : null}
                  {entry.email !== null ? (
                    <li>
                      {t('directory.email')}: <a href={`mailto:${entry.email}`}><bdi>{entry.email}</bdi></a>
                    </li>
                  ) : null}
                  {entry.address !== null ? (
                    <li>
                      {t('directory.address')}: <bdi>{entry.address}</bdi>
                    </li>
                  ) : null}
                  {entry.hours !== null ? (
                    <li>
                      {t('directory.hours')}: <bdi>{entry.hours}</bdi>
                    </li>
                  ) : null}
                </ul>
              </td>
              <td>{entry.languages.length > 0 ? formats.list(entry.languages.map(formats.language)) : t('app.none')}</td>
              <td>
                <time dateTime={entry.lastVerifiedAt}>{formats.dateTime(entry.lastVerifiedAt)}</time>
                {entry.verifiedBy !== null ? <span className="muted"> ({entry.verifiedBy.name})</span> : null}
                {entry.stale ? (
                  <>
                    <br />
                    <span className="badge badge-warn">{t('directory.stale')}</span>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
