import { z } from 'zod';

/** What a user can be told about, in the app and by e-mail. */
export const notificationKinds = ['referral_received', 'referral_answered', 'decision_due', 'case_reassigned', 'approval_requested', 'approval_answered', 'measurement_due'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** A notification names what happened and where to act (a path inside the app), never a person. */
export const notificationView = z.object({
  id: z.uuid(),
  kind: z.enum(notificationKinds),
  link: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const notificationList = z.object({ notifications: z.array(notificationView), unread: z.number().int() });
export type NotificationList = z.infer<typeof notificationList>;

/** The count on the navigation: a number only. */
export const notificationCount = z.object({ unread: z.number().int() });
export type NotificationCount = z.infer<typeof notificationCount>;

export const notificationPreference = z.object({ kind: z.enum(notificationKinds), email: z.boolean() });
export const notificationPreferences = z.object({ preferences: z.array(notificationPreference) });
export type NotificationPreferences = z.infer<typeof notificationPreferences>;

/** Every kind once; a kind left out keeps its current choice. */
export const notificationPreferencesUpdate = z.object({
  preferences: z
    .array(notificationPreference)
    .min(1)
    .max(notificationKinds.length)
    .refine((list) => new Set(list.map((p) => p.kind)).size === list.length, 'must name each kind once'),
});

export const notificationsReadRequest = z.object({ ids: z.array(z.uuid()).min(1).max(500).optional() });

/** A mail the SMTP server did not take, for administrators: whom it was for and what the server said. */
export const undeliverableMail = z.object({
  id: z.uuid(),
  kind: z.enum(notificationKinds),
  userId: z.uuid(),
  userName: z.string(),
  email: z.string(),
  organisationName: z.string(),
  attemptedAt: z.string(),
  error: z.string(),
});
export const undeliverableMailList = z.object({ mails: z.array(undeliverableMail) });
export type UndeliverableMailList = z.infer<typeof undeliverableMailList>;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The country's time zone (IANA name, such as Europe/Rome): "tomorrow" in reminders is counted in it. */
export const countryTimeZone = z.object({
  timeZone: z.string().trim().min(1).max(64).refine(isTimeZone, 'is not a time zone name (such as Europe/Rome or Africa/Lagos)'),
});
export type CountryTimeZone = z.infer<typeof countryTimeZone>;
