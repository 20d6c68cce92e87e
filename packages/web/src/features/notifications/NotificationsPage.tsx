import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { NotificationView } from '@palermo/contracts';
import { Page } from '../../app/Page';
import { useActiveSession } from '../../app/session';
import { useResource } from '../../app/useResource';
import { ErrorAlert, Loading } from '../../components/Status';
import { announceChange, listNotifications, markRead } from './api';
import { canSeeUndeliverable, canSetTimeZone } from './permissions';
import { PreferencesSection } from './PreferencesSection';
import { TimeZoneSection } from './TimeZoneSection';
import { UndeliverableSection } from './UndeliverableSection';
import { ApprovalSettingsSection } from '../supervision/ApprovalSettingsSection';
import './notifications.css';

/**
 * The user's notifications (what happened and where to act; never a name), her choice of e-mails and, for
 * administrators, the mail the server refused and the country's time zone.
 */
export function NotificationsPage() {
  const { t } = useTranslation();
  const { capabilities } = useActiveSession();
  return (
    <Page title={t('notifications.title')}>
      <p>{t('notifications.intro')}</p>
      <NotificationList />
      <PreferencesSection />
      {canSeeUndeliverable(capabilities) ? <UndeliverableSection /> : null}
      {canSetTimeZone(capabilities) ? <TimeZoneSection /> : null}
      {capabilities.setApprovalSettings ? <ApprovalSettingsSection /> : null}
    </Page>
  );
}

function NotificationList() {
  const { t, i18n } = useTranslation();
  const [resource, reload] = useResource(listNotifications, 'notifications');
  const [error, setError] = useState<unknown>(null);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  const read = async (ids?: string[]) => {
    setError(null);
    try {
      await markRead(ids);
      announceChange();
      reload();
    } catch (failure) {
      setError(failure);
    }
  };

  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'failed') return <ErrorAlert error={resource.error} />;
  const { notifications, unread } = resource.data;
  return (
    <section aria-labelledby="notifications-list">
      <h2 id="notifications-list" className="visually-hidden">
        {t('notifications.title')}
      </h2>
      {error ? <ErrorAlert error={error} /> : null}
      {notifications.length === 0 ? (
        <p>{t('notifications.empty')}</p>
      ) : (
        <>
          {unread > 0 ? (
            <button type="button" onClick={() => void read()}>
              {t('notifications.markAllRead')}
            </button>
          ) : null}
          <ul className="notification-list">
            {notifications.map((n: NotificationView) => (
              <li key={n.id} className={n.read ? 'notification' : 'notification notification-unread'}>
                <span className="notification-state">{n.read ? t('notifications.read') : t('notifications.new')}</span>{' '}
                <strong>{t(`notifications.kinds.${n.kind}`)}</strong>{' '}
                <time dateTime={n.createdAt}>{when.format(new Date(n.createdAt))}</time>{' '}
                <Link to={n.link} onClick={() => (n.read ? undefined : void markRead([n.id]).then(announceChange, () => undefined))}>
                  {t('notifications.open')}
                </Link>
                {n.read ? null : (
                  <>
                    {' '}
                    <button type="button" className="link-button" onClick={() => void read([n.id])}>
                      {t('notifications.markRead')}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
