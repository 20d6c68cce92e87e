import { Suspense, type ReactNode } from 'react';
import { Loading } from '../components/Status';
import { useTranslation } from 'react-i18next';
import { SignOutButtons } from '../features/auth/SignOutButtons';
import { LanguageSelect } from '../i18n/LanguageSelect';
import { SkipLink, mainId } from './SkipLink';

/** The frame of pages shown before the app: setup, sign-in and the two-factor steps. */
export function PublicLayout({ children, canSignOut = false }: { children: ReactNode; canSignOut?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="header-bar">
          <span className="brand">{t('app.name')}</span>
          <div className="header-tools">
            <LanguageSelect />
            {canSignOut ? <SignOutButtons everywhere={false} /> : null}
          </div>
        </div>
      </header>
      <main id={mainId} tabIndex={-1} className="main-public">
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </main>
    </>
  );
}
