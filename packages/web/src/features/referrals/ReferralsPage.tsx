import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../app/Page';
import { canReceiveReferrals } from '../../app/permissions';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading, StatusMessage } from '../../components/Status';
import { isMissingModule, listReferrals } from './api';
import type { ReferralView } from './contracts';
import { ReferralCard } from './ReferralCard';
import '../cases/cases.css';

/** Referrals received by the reader's organisation (to answer) and those it sent (to follow). */
export function ReferralsPage() {
  const { t } = useTranslation();
  const session = useActiveSession();
  // Investigators refer people they met at intake; only assistance organisations receive referrals.
  const receives = canReceiveReferrals(session.capabilities);
  const [inbox, reloadInbox] = useResource(() => (receives ? listReferrals('inbox') : Promise.resolve([])), `referrals:inbox:${String(receives)}`);
  const [outbox, reloadOutbox] = useResource(() => listReferrals('outbox'), 'referrals:outbox');
  const [notice, setNotice] = useState('');

  function onChanged(text: string) {
    setNotice(text);
    reloadInbox();
    reloadOutbox();
    document.querySelector<HTMLElement>('main h1')?.focus();
  }

  const list = (referrals: readonly ReferralView[], side: 'sender' | 'receiver', empty: string) =>
    referrals.length === 0 ? (
      <p>{empty}</p>
    ) : (
      <ul className="plain-list">
        {referrals.map((referral) => (
          <ReferralCard key={referral.id} referral={referral} side={side} onChanged={onChanged} />
        ))}
      </ul>
    );

  return (
    <Page title={t('referrals.title')}>
      <p>{t('referrals.intro')}</p>
      <StatusMessage>{notice}</StatusMessage>
      {inbox.status === 'failed' && isMissingModule(inbox.error) ? <p className="notice">{t('referrals.unavailable')}</p> : null}
      {receives ? (
        <section aria-labelledby="referrals-inbox-title">
          <h2 id="referrals-inbox-title">{t('referrals.inboxTitle')}</h2>
          {inbox.status === 'loading' ? <Loading /> : null}
          {inbox.status === 'failed' && !isMissingModule(inbox.error) ? <ErrorAlert error={inbox.error} /> : null}
          {inbox.status === 'ready' ? list(inbox.data, 'receiver', t('referrals.inboxEmpty')) : null}
        </section>
      ) : null}
      <section aria-labelledby="referrals-outbox-title">
        <h2 id="referrals-outbox-title">{t('referrals.outboxTitle')}</h2>
        {outbox.status === 'loading' ? <Loading /> : null}
        {outbox.status === 'failed' && !isMissingModule(outbox.error) ? <ErrorAlert error={outbox.error} /> : null}
        {outbox.status === 'ready' ? list(outbox.data, 'sender', t('referrals.outboxEmpty')) : null}
      </section>
    </Page>
  );
}
