import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { listOrganisations } from '../organisations/api';
import { listUsers } from '../users/api';
import { AuditAlerts } from './AuditAlerts';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { CheckpointPanel } from './CheckpointPanel';
import { VerifyChain } from './VerifyChain';
import { auditPageSize, listAudit, type AuditFilter } from './api';

interface Listing {
  filter: AuditFilter;
  entries: AuditEntryView[];
  hasOlder: boolean;
  /** False when the case number searched for names no case. */
  caseFound: boolean | undefined;
}

export function AuditPage() {
  const { t } = useTranslation();
  const [users] = useResource(() => listUsers(), 'users');
  const [organisations] = useResource(listOrganisations, 'organisations');
  const [listing, setListing] = useState<Listing | null>(null);
  const [loading, setLoading] = useState<'first' | 'older' | null>('first');
  const [error, setError] = useState<unknown>(null);
  const [olderStatus, setOlderStatus] = useState<'loaded' | 'none' | null>(null);
  const request = useRef(0);
  const table = useRef<HTMLDivElement>(null);

  const load = useCallback(
    async (filter: AuditFilter, previous: Listing | null) => {
      const id = ++request.current;
      const before = previous ? previous.entries.at(-1)?.seq : undefined;
      setLoading(previous ? 'older' : 'first');
      setError(null);
      setOlderStatus(null);
      try {
        const answer = await listAudit(filter, before);
        const batch = answer.entries;
        if (id !== request.current) return;
        const entries = previous ? [...previous.entries, ...batch] : batch;
        const hasOlder = batch.length === auditPageSize;
        setListing({ filter, entries, hasOlder, caseFound: answer.caseFound });
        if (previous) {
          setOlderStatus(hasOlder ? 'loaded' : 'none');
          // The button goes away when there is nothing older; leave focus on the table rather than nowhere.
          if (!hasOlder) requestAnimationFrame(() => table.current?.focus());
        }
      } catch (caught) {
        if (id === request.current) setError(caught);
      } finally {
        if (id === request.current) setLoading(null);
      }
    },
    [],
  );

  useEffect(() => {
    void load({}, null);
  }, [load]);

  return (
    <Page title={t('audit.title')}>
      <AuditAlerts users={users.status === 'ready' ? users.data : null} />
      <AuditFilters
        users={users.status === 'ready' ? users.data : users.status === 'failed' ? null : []}
        organisations={organisations.status === 'ready' ? organisations.data : []}
        onApply={(filter) => void load(filter, null)}
      />
      <section aria-labelledby="audit-entries-title">
        <h2 id="audit-entries-title">{t('audit.entriesTitle')}</h2>
        <StatusMessage>
          {olderStatus === 'loaded' ? t('audit.loadedOlder') : olderStatus === 'none' ? t('audit.noOlder') : undefined}
        </StatusMessage>
        {error !== null ? <ErrorAlert error={error} /> : null}
        {loading === 'first' ? <Loading /> : null}
        {listing !== null && loading !== 'first' ? (
          listing.entries.length === 0 ? (
            <p>{listing.caseFound === false ? t('audit.noSuchCase', { reference: listing.filter.caseReference }) : t('audit.empty')}</p>
          ) : (
            <>
              <AuditTable entries={listing.entries} ref={table} />
              {listing.hasOlder ? (
                <button type="button" className="load-older" onClick={() => void load(listing.filter, listing)}>
                  {t('audit.loadOlder')}
                </button>
              ) : null}
            </>
          )
        ) : null}
      </section>
      <VerifyChain />
      <CheckpointPanel />
    </Page>
  );
}
