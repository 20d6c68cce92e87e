import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Page } from './Page';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('app.notFoundTitle')}>
      <p>{t('app.notFoundText')}</p>
      <p>
        <Link to="/">{t('app.backHome')}</Link>
      </p>
    </Page>
  );
}

export function NotAllowedPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('app.notAllowedTitle')}>
      <p>{t('app.notAllowedText')}</p>
      <p>
        <Link to="/">{t('app.backHome')}</Link>
      </p>
    </Page>
  );
}
