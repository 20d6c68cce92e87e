import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../app/errors';

/**
 * A polite live region. It is always in the page (empty when there is nothing to say) so that screen readers
 * announce what is put in it.
 */
export function StatusMessage({ children }: { children?: ReactNode }) {
  return (
    <div role="status" className={children ? 'status status-visible' : 'status'}>
      {children}
    </div>
  );
}

/** An error from a request, said at once. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="alert">
      {describeError(t, error)}
    </div>
  );
}

export function Loading({ text }: { text?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading">
      {text ?? t('app.loading')}
    </p>
  );
}
