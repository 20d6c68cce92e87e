import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatchRequestView } from '@palermo/contracts';
import { Loading, StatusMessage } from '../../components/Status';
import { askToConfirm, caseMatchRequests, possibleMatches } from './api';
import { useFormats } from './format';
import { useKeyedPost } from './keyed';
import { CaseErrorAlert } from './controls';

type Found = { organisationId: string; organisationName: string }[];

/**
 * Other organisations that probably know the same person: only their names are shown. Asking one to confirm sends
 * nothing about the person; that organisation answers from its own records.
 */
export function PossibleMatches({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const post = useKeyedPost();
  const [found, setFound] = useState<Found | null>(null);
  const [requests, setRequests] = useState<MatchRequestView[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [asking, setAsking] = useState<string | null>(null);

  async function check() {
    setLoading(true);
    setError(null);
    setStatus('');
    try {
      const [organisations, sent] = await Promise.all([possibleMatches(caseId), caseMatchRequests(caseId)]);
      setFound(organisations);
      setRequests(sent);
      setStatus(organisations.length === 0 ? t('matches.noneFound') : t('matches.found', { count: organisations.length }));
    } catch (caught) {
      setError(caught);
    } finally {
      setLoading(false);
    }
  }

  async function ask(organisationId: string, name: string) {
    if (asking !== null) return;
    setAsking(organisationId);
    setError(null);
    setStatus('');
    try {
      await askToConfirm(post, caseId, organisationId);
      setRequests(await caseMatchRequests(caseId));
      setStatus(t('matches.asked', { name }));
    } catch (caught) {
      setError(caught);
    } finally {
      setAsking(null);
    }
  }

  return (
    <>
      <p className="hint">{t('matches.intro')}</p>
      <button type="button" onClick={() => void check()} aria-disabled={loading || undefined}>
        {t('matches.check')}
      </button>
      {loading ? <Loading /> : null}
      <StatusMessage>{status}</StatusMessage>
      {error !== null ? <CaseErrorAlert error={error} /> : null}
      {found !== null && found.length > 0 ? (
        <ul className="plain-list">
          {found.map((organisation) => (
            <li key={organisation.organisationId} className="inline-actions">
              <bdi>{organisation.organisationName}</bdi>
              <button type="button" onClick={() => void ask(organisation.organisationId, organisation.organisationName)} aria-disabled={asking === organisation.organisationId || undefined}>
                {t('matches.ask')}
                <span className="visually-hidden">: {organisation.organisationName}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {requests.length > 0 ? (
        <>
          <h3>{t('matches.sentTitle')}</h3>
          <ul className="plain-list">
            {requests.map((request) => (
              <li key={request.id}>
                <bdi>{request.targetOrganisationName}</bdi>: {t(`matchStatuses.${request.status}`)}{' '}
                <span className="muted">({formats.dateTime(request.respondedAt ?? request.createdAt)})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
