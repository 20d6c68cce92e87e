import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { matchCheckLimit } from '@palermo/contracts';
import { ApiError } from '../../app/api';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { Loading, StatusMessage } from '../../components/Status';
import { askToConfirm, caseMatchStateOf, checkForDuplicates } from './api';
import { useFormats } from './format';
import { useKeyedPost } from './keyed';
import { CaseErrorAlert } from './controls';

type Notice = 'matches.found' | 'matches.noneFound' | 'matches.asked';

/** The refusals of this panel, in the reader's language; anything else goes to the cases' general error text. */
function refusal(t: TFunction, error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  switch (error.code) {
    case 'match_check_limit':
      return t('matches.limitReached', { limit: matchCheckLimit.checks, hours: matchCheckLimit.windowHours });
    case 'consent_required':
      return t('matches.consentRequired');
    case 'case_closed':
      return t('matches.caseClosed');
    case 'check_first':
      return t('matches.checkFirst');
    default:
      return null;
  }
}

/**
 * Whether another organisation probably knows the same person: yes or no, never which organisation. Asking for
 * confirmation sends nothing about the person; an organisation that holds them decides whether to make itself known,
 * and only then is it named here. Checks are counted per user and audited.
 */
export function PossibleMatches({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const post = useKeyedPost();
  const { roles } = useActiveSession().user;
  const frontLine = roles.includes('caseworker') || roles.includes('supervisor');
  // Only the front line of the managing organisation may check: others are not sent to ask.
  const [state, reload] = useResource(() => (frontLine ? caseMatchStateOf(caseId) : Promise.resolve(null)), `matches:${caseId}`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Kept as a key, so that the notice follows a change of language.
  const [status, setStatus] = useState<Notice | null>(null);

  if (!frontLine) return <p className="hint">{t('matches.frontLineOnly')}</p>;

  async function act(action: () => Promise<Notice>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      setStatus(await action());
      reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const check = () =>
    act(async () => {
      const result = await checkForDuplicates(caseId);
      return result.possibleDuplicate ? 'matches.found' : 'matches.noneFound';
    });
  const ask = () =>
    act(async () => {
      await askToConfirm(post, caseId);
      return 'matches.asked';
    });

  const data = state.status === 'ready' ? state.data : null;
  const lastCheck = data?.lastCheck ?? null;
  const askedAt = data?.confirmationAskedAt ?? null;
  const askedSinceCheck = askedAt !== null && lastCheck !== null && askedAt >= lastCheck.checkedAt;
  const refused = error === null ? null : refusal(t, error);

  return (
    <>
      <p className="hint">{t('matches.intro', { limit: matchCheckLimit.checks, hours: matchCheckLimit.windowHours })}</p>
      <div className="inline-actions">
        <button type="button" onClick={() => void check()} aria-disabled={busy || undefined}>
          {t('matches.check')}
        </button>
        {data !== null ? <span className="muted">{t('matches.checksLeft', { left: data.checksLeft })}</span> : null}
      </div>
      {state.status === 'loading' || busy ? <Loading /> : null}
      <StatusMessage>{status === null ? '' : t(status)}</StatusMessage>
      {refused !== null ? (
        <div role="alert" className="alert">
          {refused}
        </div>
      ) : error !== null ? (
        <CaseErrorAlert error={error} />
      ) : null}
      {state.status === 'failed' ? <CaseErrorAlert error={state.error} /> : null}
      {lastCheck !== null ? (
        <p>
          {lastCheck.possibleDuplicate ? t('matches.lastFound') : t('matches.lastNone')}{' '}
          <span className="muted">({t('matches.checkedAt', { when: formats.dateTime(lastCheck.checkedAt) })})</span>
        </p>
      ) : null}
      {lastCheck?.possibleDuplicate && !askedSinceCheck ? (
        <button type="button" onClick={() => void ask()} aria-disabled={busy || undefined}>
          {t('matches.ask')}
        </button>
      ) : null}
      {askedAt !== null ? <p>{t('matches.askedAt', { when: formats.dateTime(askedAt) })}</p> : null}
      {data !== null && data.confirmedBy.length > 0 ? (
        <>
          <h3>{t('matches.confirmedTitle')}</h3>
          <ul className="plain-list">
            {data.confirmedBy.map((organisation) => (
              <li key={organisation.organisationId}>
                <bdi>{organisation.organisationName}</bdi> <span className="muted">({formats.dateTime(organisation.confirmedAt)})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
