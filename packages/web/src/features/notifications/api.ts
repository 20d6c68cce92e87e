import {
  countryTimeZone,
  notificationCount,
  notificationList,
  notificationPreferences,
  undeliverableMailList,
  type CountryTimeZone,
  type NotificationCount,
  type NotificationList,
  type NotificationPreferences,
  type UndeliverableMailList,
} from '@palermo/contracts';
import { api } from '../../app/api';

export const listNotifications = (): Promise<NotificationList> => api.get('/api/notifications', notificationList);
export const countUnread = (): Promise<NotificationCount> => api.get('/api/notifications/count', notificationCount);
/** Marks the named notifications read, or all of them without ids; answers how many are still unread. */
export const markRead = (ids?: string[]): Promise<NotificationCount> => api.post('/api/notifications/read', ids ? { ids } : {}, notificationCount);
export const getPreferences = (): Promise<NotificationPreferences> => api.get('/api/notifications/preferences', notificationPreferences);
export const savePreferences = (preferences: NotificationPreferences): Promise<NotificationPreferences> =>
  api.put('/api/notifications/preferences', preferences, notificationPreferences);
export const listUndeliverable = (): Promise<UndeliverableMailList> => api.get('/api/notifications/undeliverable', undeliverableMailList);
export const getTimeZone = (): Promise<CountryTimeZone> => api.get('/api/settings/time-zone', countryTimeZone);
export const saveTimeZone = (timeZone: string): Promise<CountryTimeZone> => api.put('/api/settings/time-zone', { timeZone }, countryTimeZone);

/** Tells the navigation's count that notifications were read on this page. */
export const NOTIFICATIONS_CHANGED = 'palermo:notifications-changed';
export const announceChange = (): void => void window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
