import { useTranslation } from 'react-i18next';

export const mainId = 'main-content';

/** The first thing in the page: lets keyboard users jump past the header and navigation. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      className="skip-link"
      href={`#${mainId}`}
      onClick={(event) => {
        event.preventDefault();
        document.getElementById(mainId)?.focus();
      }}
    >
      {t('app.skipLink')}
    </a>
  );
}
