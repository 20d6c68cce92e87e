import type { Rule } from '../../platform/access/rules.js';

/**
 * Who administers notifications, as data. Every signed-in user reads and answers her own notifications and chooses
 * her e-mails (session routes, always her own rows). Mail the SMTP server did not take is shown to the national
 * administrator (every user) and to an organisation's administrator (her organisation's users); the country's time
 * zone, in which reminders count "tomorrow", is the national administrator's.
 */
export const notificationRules = {
  undeliverable: [[{ role: ['national_admin'] }], [{ role: ['organisation_admin'] }]],
  timeZone: [[{ role: ['national_admin'] }]],
} as const satisfies Record<string, Rule>;
