import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Set by the case page when someone else changed the case: every open action offers to reload it. */
export const StaleCaseContext = createContext<{ stale: boolean; reload: () => void }>({ stale: false, reload: () => undefined });

/** One action on the case page: a disclosure, closed until the person opens it, so the page stays calm. */
export function ActionPanel({ id, title, children, open }: { id: string; title: string; children: ReactNode; open?: boolean }) {
  const { t } = useTranslation();
  const { stale, reload } = useContext(StaleCaseContext);
  return (
    <details className="case-action" id={id} open={open}>
      <summary>{title}</summary>
      <div className="case-action-body">
        {stale ? (
          <p className="inline-actions">
            <button type="button" onClick={reload}>
              {t('case.reload')}
            </button>
          </p>
        ) : null}
        {children}
      </div>
    </details>
  );
}
