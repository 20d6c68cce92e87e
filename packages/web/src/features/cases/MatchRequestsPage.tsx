import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { matchAnswers, type MatchAnswer, type MatchRequestView } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { answerMatchRequest, matchInbox } from './api';
import { CaseErrorAlert } from './controls';
import { useFormats } from './format';
import './cases.css';

/**
 * Other organisations ask whether a person they work with is one of ours. Nothing about their person is shown, nor who
 * asked there: only the asking organisation and which of our own cases may match. Accepting tells that organisation
 * that we hold the same person (and nothing more); declining tells it nothing, not even that we declined.
 */
export function MatchRequestsPage() {
  const { t } = useTranslation();
  const formats = useFormats();
  const [inbox, reload] = useResource(matchInbox, 'match-inbox');
  // The answer just recorded (the notice is written at render, so it follows a change of language).
  const [answered, setAnswered] = useState<MatchAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function answer(request: MatchRequestView, value: MatchAnswer) {
    if (busy !== null) return;
    setBusy(request.id);
    setAnswered(null);
    setError(null);
    try {
      await answerMatchRequest(request.id, value);
      setAnswered(value);
      reload();
      document.querySelector<HTMLElement>('main h1')?.focus();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Page title={t('matchInbox.title')}>
      <p>{t('matchInbox.intro')}</p>
      <StatusMessage>{answered === null ? '' : t('matchInbox.answered', { answer: t(`matchStatuses.${answered}`) })}</StatusMessage>
      {error !== null ? <CaseErrorAlert error={error} /> : null}
      {inbox.status === 'loading' ? <Loading /> : null}
      {inbox.status === 'failed' ? <ErrorAlert error={inbox.error} /> : null}
      {inbox.status === 'ready' && inbox.data.length === 0 ? <p>{t('matchInbox.empty')}</p> : null}
      {inbox.status === 'ready' && inbox.data.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="match-inbox-caption">
          <table>
            <caption id="match-inbox-caption">{t('matchInbox.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('matchInbox.colFrom')}</th>
                <th scope="col">{t('matchInbox.colReceived')}</th>
                <th scope="col">{t('matchInbox.colCases')}</th>
                <th scope="col">{t('matchInbox.colStatus')}</th>
                <th scope="col">{t('matchInbox.colAnswer')}</th>
              </tr>
            </thead>
            <tbody>
              {inbox.data.map((request) => (
                <tr key={request.id}>
                  <th scope="row">
                    <bdi>{request.requestingOrganisationName}</bdi>
                  </th>
                  <td>{formats.dateTime(request.createdAt)}</td>
                  <td>
                    {request.candidateCases.length === 0
                      ? t('app.none')
                      : request.candidateCases.map((candidate, index) => (
                          <span key={candidate.id}>
                            {index > 0 ? ', ' : null}
                            <Link to={`/cases/${candidate.id}`}>
                              <bdi className="case-reference">{candidate.reference}</bdi>
                            </Link>
                          </span>
                        ))}
                  </td>
                  <td>{t(`matchStatuses.${request.status}`)}</td>
                  <td>
                    {request.status === 'pending' ? (
                      <div className="row-actions">
                        {matchAnswers.map((value) => (
                          <button key={value} type="button" onClick={() => void answer(request, value)} aria-disabled={busy === request.id || undefined}>
                            {t(`matchInbox.answer.${value}`)}
                            <span className="visually-hidden">: {request.requestingOrganisationName}</span>
                          </button>
                        ))}
                      </div>
                    ) : request.respondedAt !== null ? (
                      formats.dateTime(request.respondedAt)
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
