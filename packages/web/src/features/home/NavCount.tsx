import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { getHomeCounts, type HomeCounts } from './api';

const CountsContext = createContext<HomeCounts | undefined>(undefined);
/** How often the navigation's counts refresh: they read no personal data and write no audit entry. */
const REFRESH_MS = 60_000;

/** Loads the counts of what waits once for the navigation, and again every minute. */
export function NavCountsProvider({ children }: { children: ReactNode }) {
  const [counts, setCounts] = useState<HomeCounts | undefined>(undefined);
  useEffect(() => {
    let current = true;
    const load = () =>
      getHomeCounts().then(
        (next) => current && setCounts(next),
        () => undefined,
      );
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => {
      current = false;
      window.clearInterval(timer);
    };
  }, []);
  return <CountsContext.Provider value={counts}>{children}</CountsContext.Provider>;
}

/**
 * The badge beside a navigation link: how many items wait there. The number is hidden from screen readers, which read
 * the sentence it describes the link with instead; the link's name stays its label.
 */
export function NavCount({ area }: { area: keyof HomeCounts }) {
  const { t, i18n } = useTranslation();
  const count = useContext(CountsContext)?.[area];
  // The describing words are always there (empty when nothing waits): the link names them in aria-describedby.
  return (
    <>
      {count ? (
        <span className="nav-count" aria-hidden="true">
          {new Intl.NumberFormat(i18n.language).format(count)}
        </span>
      ) : null}
      <span id={`nav-count-${area}`} hidden>
        {count ? t('homeWork.navCount', { count }) : ''}
      </span>
    </>
  );
}
