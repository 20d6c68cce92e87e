import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditCodeKey } from '@palermo/contracts';
import { useResource } from '../../app/useResource';
import { dismissAccountNotices, listAccountNotices } from './api';

/**
 * What an administrator changed on the signed-in user's account since she last looked (roles, name, reactivation,
 * an unlock, a password reset code, a removed authenticator), said once at the top of every page until she dismisses it.
 */
export function AccountNotices() {
  const { t, i18n } = useTranslation();
  const [notices] = useResource(listAccountNotices, 'account-notices');
  const [dismissed, setDismissed] = useState(false);
  if (dismissed || notices.status !== 'ready' || notices.data.length === 0) return null;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  async function dismiss() {
    setDismissed(true);
    await dismissAccountNotices().catch(() => undefined);
  }

  return (
    <section aria-labelledby="account-notices-title" className="notice account-notices">
      {/* Not a heading: it comes before the page's own title. */}
      <p id="account-notices-title">
        <strong>{t('accountNotices.title')}</strong>
      </p>
      <ul>
        {notices.data.map((notice) => (
          <li key={`${notice.seq ?? ''}-${notice.occurredAt}`}>
            <time dateTime={notice.occurredAt}>{time.format(new Date(notice.occurredAt))}</time>
            {': '}
            {t(`accountNotices.kinds.${auditCodeKey(notice.kind) as 'user__update'}`, { name: notice.byName ?? t('accountNotices.anAdministrator') })}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void dismiss()}>
        {t('accountNotices.dismiss')}
      </button>
    </section>
  );
}
