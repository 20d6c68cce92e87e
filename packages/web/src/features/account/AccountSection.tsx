import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseScreeningsView, type CaseView, type SessionView } from '@palermo/contracts';
import { api } from '../../app/api';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { ActionPanel } from '../cases/ActionPanel';
import { AccountDetails, AccountHistory } from './AccountDetails';
import { getAccount } from './api';
import { ExploiterForm } from './ExploiterForm';
import { useAccountLabels } from './labels';
import { SituationForm } from './SituationForm';
import { StatementForm } from './StatementForm';
import './account.css';

/** What was just saved: the key of its notice. */
export type SavedNotice = 'statementSaved' | 'situationSaved' | 'exploiterSaved';

/** Methods of control the case's screenings suggest (none when the screenings cannot be read). */
async function suggestedControl(caseId: string): Promise<string[]> {
  try {
    const view = await api.get(`/api/cases/${encodeURIComponent(caseId)}/screenings`, caseScreeningsView);
    return (view.suggestedMethodsOfControl ?? []).map((s) => s.method);
  } catch {
    return [];
  }
}

/**
 * Whether the reader may stand in a relationship that shows the account (the server decides; asking only then keeps
 * the audit log free of refusals for people the account was never for): those who assist her, a competent authority,
 * an investigator reading the case (which it does only with her consent) outside an intake its organisation holds.
 */
function mayReadAccount(session: SessionView, caseView: CaseView): boolean {
  const { roles, organisation, id } = session.user;
  const managing = caseView.managingOrganisationId === organisation.id;
  if ((roles.includes('caseworker') || roles.includes('supervisor')) && managing) return true;
  if (roles.includes('caseworker') && caseView.caseManagerUserId === id) return true;
  if (organisation.type === 'competent_authority') return true;
  return roles.includes('investigator') && !managing;
}

/**
 * The person's account on the case page: her words, the exploitation situations and the exploiters, as the field
 * policy shows them to the reader, each with its history; those who manage the case add and correct.
 */
export function AccountSection({ caseView }: { caseView: CaseView }) {
  const session = useActiveSession();
  if (!mayReadAccount(session, caseView)) return null;
  return <ReadableAccount caseView={caseView} />;
}

function ReadableAccount({ caseView }: { caseView: CaseView }) {
  const { t } = useTranslation();
  const labels = useAccountLabels();
  const [refresh, setRefresh] = useState(0);
  const [notice, setNotice] = useState<SavedNotice | ''>('');
  const [editing, setEditing] = useState<string | null>(null);
  const [account] = useResource(() => getAccount(caseView.id), `account:${caseView.id}:${refresh}`);
  const canEdit = account.status === 'ready' && account.data.canEdit;
  const [suggestions] = useResource(() => (canEdit ? suggestedControl(caseView.id) : Promise.resolve([])), `account-suggestions:${caseView.id}:${canEdit}:${caseView.version}`);
  const suggested = suggestions.status === 'ready' ? suggestions.data : [];
  const saved = (text: SavedNotice) => {
    setNotice(text);
    setEditing(null);
    setRefresh((n) => n + 1);
  };

  if (account.status === 'failed') {
    // Those the account is not for get no section at all (the API answers 404 or 403 to them).
    const status = (account.error as { status?: number }).status;
    if (status === 404 || status === 403) return null;
  }
  return (
    <section id="account" aria-labelledby="account-title">
      <h2 id="account-title">{t('account.title')}</h2>
      <p className="hint">{t('account.intro')}</p>
      {/* The notice is kept as its key and said at render, so it follows a change of language. */}
      <StatusMessage>{notice ? t(`account.${notice}`) : ''}</StatusMessage>
      {account.status === 'loading' ? <Loading /> : null}
      {account.status === 'failed' ? <ErrorAlert error={account.error} /> : null}
      {account.status === 'ready' ? (
        <AccountBody key={refresh} account={account.data} caseId={caseView.id} labels={labels} suggested={suggested} editing={editing} setEditing={setEditing} onSaved={saved} />
      ) : null}
    </section>
  );
}

interface BodyProps {
  account: import('@palermo/contracts').AccountView;
  caseId: string;
  labels: ReturnType<typeof useAccountLabels>;
  suggested: string[];
  editing: string | null;
  setEditing: (id: string | null) => void;
  onSaved: (notice: SavedNotice) => void;
}

function AccountBody({ account, caseId, labels, suggested, editing, setEditing, onSaved }: BodyProps) {
  const { t } = useTranslation();
  const { statement, situations, exploiters, canEdit } = account;
  const situationNames = Object.fromEntries(situations.map((s, i) => [s.id, t('account.situationHeading', { n: i + 1 })]));
  const updated = (r: { version: number; updatedAt?: string | undefined; updatedByName?: string | undefined }) =>
    r.updatedAt ? <p className="hint">{t('account.updated', { version: r.version, date: labels.dateTime(r.updatedAt), name: r.updatedByName ?? '' })}</p> : null;
  return (
    <>
      <h3>{t('account.statementTitle')}</h3>
      {statement ? (
        <>
          {updated(statement)}
          <AccountDetails value={statement as Record<string, unknown>} labels={labels} />
          <AccountHistory history={statement.history} labels={labels} />
        </>
      ) : (
        <p>{t('account.empty')}</p>
      )}
      {canEdit ? (
        <ActionPanel id="action-account-statement" title={statement ? `${t('account.correct')}: ${t('account.statementTitle')}` : t('account.saveStatement')}>
          <StatementForm caseId={caseId} statement={statement} onSaved={onSaved} />
        </ActionPanel>
      ) : null}

      <h3>{t('account.situationsTitle')}</h3>
      {situations.length === 0 ? <p>{t('account.empty')}</p> : null}
      {situations.map((s, index) => (
        <article key={s.id} className="account-record" aria-labelledby={`situation-${s.id}-title`}>
          <h4 id={`situation-${s.id}-title`}>{t('account.situationHeading', { n: index + 1 })}</h4>
          {updated(s)}
          {editing === s.id ? (
            <SituationForm caseId={caseId} situation={s} suggestedControl={suggested} onSaved={onSaved} onCancel={() => setEditing(null)} />
          ) : (
            <>
              <AccountDetails value={s as Record<string, unknown>} labels={labels} />
              <AccountHistory history={s.history as never} labels={labels} />
              {canEdit ? (
                <button type="button" className="secondary" onClick={() => setEditing(s.id)} aria-label={`${t('account.correct')}: ${t('account.situationHeading', { n: index + 1 })}`}>
                  {t('account.correct')}
                </button>
              ) : null}
            </>
          )}
        </article>
      ))}
      {canEdit ? (
        <ActionPanel id="action-account-situation" title={t('account.addSituation')}>
          <SituationForm key={situations.length} caseId={caseId} suggestedControl={suggested} onSaved={onSaved} />
        </ActionPanel>
      ) : null}

      <h3>{t('account.exploitersTitle')}</h3>
      {exploiters.length === 0 ? <p>{t('account.empty')}</p> : null}
      {exploiters.map((e, index) => {
        const name = e.pseudonym ?? t('account.exploiterWithheld', { n: index + 1 });
        return (
          <article key={e.id} className="account-record" aria-labelledby={`exploiter-${e.id}-title`}>
            <h4 id={`exploiter-${e.id}-title`}>{name}</h4>
            {updated(e)}
            {e.suspectLinkId ? <p className="hint">{t('account.suspectLinked')}</p> : null}
            {editing === e.id ? (
              <ExploiterForm caseId={caseId} exploiter={e} situations={situations} onSaved={onSaved} onCancel={() => setEditing(null)} />
            ) : (
              <>
                <AccountDetails value={e as Record<string, unknown>} labels={labels} situationNames={situationNames} />
                <AccountHistory history={e.history as never} labels={labels} situationNames={situationNames} />
                {canEdit ? (
                  <button type="button" className="secondary" onClick={() => setEditing(e.id)} aria-label={`${t('account.correct')}: ${name}`}>
                    {t('account.correct')}
                  </button>
                ) : null}
              </>
            )}
          </article>
        );
      })}
      {canEdit ? (
        <ActionPanel id="action-account-exploiter" title={t('account.addExploiter')}>
          <ExploiterForm key={exploiters.length} caseId={caseId} situations={situations} onSaved={onSaved} />
        </ActionPanel>
      ) : null}
    </>
  );
}
