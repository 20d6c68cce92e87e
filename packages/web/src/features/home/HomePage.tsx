import { useTranslation } from 'react-i18next';
import { Page } from '../../app/Page';
import { useActiveSession } from '../../app/session';

/** After sign-in: who you are, for which organisation, with which roles. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const { user, idleTimeoutSeconds } = useActiveSession();
  const minutes = new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(
    Math.round(idleTimeoutSeconds / 60),
  );
  const roleNames = user.roles.map((role) => t(`roles.${role}`));

  return (
    <Page title={t('home.title', { name: user.displayName })}>
      <p>{t('home.intro')}</p>
      <section aria-labelledby="home-account-title">
        <h2 id="home-account-title">{t('home.accountTitle')}</h2>
        <dl className="details">
          <div>
            <dt>{t('home.name')}</dt>
            <dd>{user.displayName}</dd>
          </div>
          <div>
            <dt>{t('home.email')}</dt>
            <dd>
              <bdi>{user.email}</bdi>
            </dd>
          </div>
          <div>
            <dt>{t('home.organisation')}</dt>
            <dd>{user.organisation.name}</dd>
          </div>
          <div>
            <dt>{t('home.organisationType')}</dt>
            <dd>{t(`organisationTypes.${user.organisation.type}`)}</dd>
          </div>
          <div>
            <dt>{t('home.roles')}</dt>
            <dd>{roleNames.length > 0 ? new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(roleNames) : t('app.none')}</dd>
          </div>
          <div>
            <dt>{t('home.idleTimeout')}</dt>
            <dd>{minutes}</dd>
          </div>
        </dl>
      </section>
    </Page>
  );
}
