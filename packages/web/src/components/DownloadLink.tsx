import { useState, type MouseEvent, type ReactNode } from 'react';
import { downloadFile } from '../app/api';
import { ErrorAlert } from './Status';

/**
 * A link to a file the server writes. Clicking fetches it through the API client (so a refusal, an ended session or a
 * lost connection is shown like any error instead of replacing the page) and saves it as a download; the address
 * stays on the link for what a link is for (copying, opening in another tab).
 */
export function DownloadLink({ href, fileName, children }: { href: string; fileName?: string; children: ReactNode }) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    downloadFile(href, fileName ?? 'download').then(
      () => setBusy(false),
      (failure: unknown) => {
        setBusy(false);
        setError(failure);
      },
    );
  };
  return (
    <>
      <a href={href} download={fileName ?? true} onClick={onClick} aria-busy={busy || undefined}>
        {children}
      </a>
      {error !== null ? <ErrorAlert error={error} /> : null}
    </>
  );
}
