import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTIFICATIONS_CHANGED, countUnread } from './api';

/** How often the count refreshes: a number only, no personal data, no audit entry. */
const REFRESH_MS = 60_000;

/** The badge beside the Notifications link: how many are unread (said in words to screen readers). */
export function NotificationsCount() {
  const { t, i18n } = useTranslation();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let current = true;
    const load = () =>
      countUnread().then(
        (next) => current && setUnread(next.unread),
        () => undefined,
      );
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    window.addEventListener(NOTIFICATIONS_CHANGED, load);
    return () => {
      current = false;
      window.clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, load);
    };
  }, []);
  if (!unread) return null;
  return (
    <span className="nav-count" aria-label={t('notifications.navUnread', { count: unread })}>
      {new Intl.NumberFormat(i18n.language).format(unread)}
    </span>
  );
}
