import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { NOTIFICATIONS_CHANGED, countUnread } from './api';

/** How often the count refreshes while the page stays: a number only, no personal data, no audit entry. */
const REFRESH_MS = 60_000;

/** The badge beside the Notifications link: how many are unread (said in words to screen readers). */
export function NotificationsCount() {
  const { t, i18n } = useTranslation();
  const [unread, setUnread] = useState(0);
  // Again on every move from page to page: a number is cheap to ask for, and a new notification shows soon.
  const { pathname } = useLocation();
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
  }, [pathname]);
  if (!unread) return null;
  return (
    <span className="nav-count" aria-label={t('notifications.navUnread', { count: unread })}>
      {new Intl.NumberFormat(i18n.language).format(unread)}
    </span>
  );
}
