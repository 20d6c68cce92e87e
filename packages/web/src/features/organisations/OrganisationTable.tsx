import { useTranslation } from 'react-i18next';
import type { OrganisationView } from '@palermo/contracts';

interface Props {
  organisations: readonly OrganisationView[];
  ownOrganisationId: string;
  /** When absent, the table has no actions column (the person cannot change organisations). */
  onSetActive?: ((organisation: OrganisationView, active: boolean) => void) | undefined;
  onEdit?: ((organisation: OrganisationView) => void) | undefined;
}

export function OrganisationTable({ organisations, ownOrganisationId, onSetActive, onEdit }: Props) {
  const { t } = useTranslation();
  if (organisations.length === 0) return <p>{t('organisations.empty')}</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="organisations-caption">
      <table>
        <caption id="organisations-caption">{t('organisations.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('organisations.colName')}</th>
            <th scope="col">{t('organisations.colType')}</th>
            <th scope="col">{t('organisations.colJurisdictions')}</th>
            <th scope="col">{t('organisations.colStatus')}</th>
            {onSetActive ? <th scope="col">{t('organisations.colActions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {organisations.map((organisation) => (
            <tr key={organisation.id}>
              <th scope="row">{organisation.name}</th>
              <td>{t(`organisationTypes.${organisation.type}`)}</td>
              <td>
                {organisation.jurisdictions.length > 0 ? <bdi>{organisation.jurisdictions.join(', ')}</bdi> : t('app.none')}
              </td>
              <td>
                <span className={organisation.active ? 'badge badge-ok' : 'badge badge-off'}>
                  {organisation.active ? t('organisations.active') : t('organisations.inactive')}
                </span>
              </td>
              {onSetActive ? (
                <td>
                  <div className="row-actions">
                    {onEdit ? (
                      <button type="button" onClick={() => onEdit(organisation)}>
                        {t('organisations.edit')}
                        <span className="visually-hidden"> {organisation.name}</span>
                      </button>
                    ) : null}
                    {organisation.id === ownOrganisationId ? (
                      t('organisations.own')
                    ) : (
                      <button type="button" onClick={() => onSetActive(organisation, !organisation.active)}>
                        {organisation.active ? t('organisations.deactivate') : t('organisations.activate')}
                        <span className="visually-hidden"> {organisation.name}</span>
                      </button>
                    )}
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
