import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  countryTimeZone,
  notificationCount,
  notificationList,
  notificationPreferences,
  notificationPreferencesUpdate,
  notificationsReadRequest,
  undeliverableMailList,
} from '@palermo/contracts';
import { appendAudit } from '../../platform/audit/audit.js';
import { ruleRoute, sessionRoute } from '../../platform/http/access.js';
import { actorOf, requireSession } from '../../platform/http/context.js';
import { createMailer } from '../../platform/mail/mailer.js';
import { deliverNotificationMail } from './notifications.mail.js';
import { notificationRules } from './notifications.policy.js';
import { remindMeasurementsDue } from './notifications.measurements.js';
import { REMINDER_CRON, REMINDER_QUEUE, countryTimeZone as storedTimeZone, remindDecisionsDue } from './notifications.reminders.js';
import * as service from './notifications.service.js';

/**
 * Notifications: each user's own list, its count for the navigation, her choice of e-mails; the mail the SMTP server
 * did not take, for administrators; the country's time zone. Defines the job queues that send the e-mails and the
 * daily reminder sweep.
 */
export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform, jobs } = app;
  const tags = ['notifications'];
  const own = { access: sessionRoute('active') };

  const mailer = createMailer(platform.config.smtpUrl, platform.config.mailFrom);
  app.addHook('onClose', async () => mailer.close());
  jobs.define<{ notificationId: string }>(service.EMAIL_QUEUE, (data, job) => deliverNotificationMail(platform.db, mailer, platform.config.publicUrl, data.notificationId, job), {
    // A mail server down for a while: tried again after 1, 2 and 4 minutes before the mail counts as undeliverable.
    retryLimit: 3,
    retryDelaySeconds: 60,
  });
  jobs.define(REMINDER_QUEUE, async () => {
    await remindDecisionsDue(platform.db, jobs);
    await remindMeasurementsDue(platform.db, jobs);
  });
  app.addHook('onReady', async () => jobs.schedule(REMINDER_QUEUE, REMINDER_CRON, await storedTimeZone(platform.db)));

  r.get(
    '/api/notifications',
    { config: own, schema: { tags, summary: 'My notifications, newest first (kinds and links only)', response: { 200: notificationList } } },
    async (request) => service.listNotifications(platform.db, requireSession(request).user.id),
  );

  r.get(
    '/api/notifications/count',
    { config: own, schema: { tags, summary: 'How many of my notifications are unread (a number only, for the navigation)', response: { 200: notificationCount } } },
    async (request) => ({ unread: await service.unreadCount(platform.db, requireSession(request).user.id) }),
  );

  r.post(
    '/api/notifications/read',
    { config: own, schema: { tags, summary: 'Mark my notifications read: those named, or all', body: notificationsReadRequest, response: { 200: notificationCount } } },
    async (request) => {
      const userId = requireSession(request).user.id;
      await service.markRead(platform.db, userId, request.body.ids);
      return { unread: await service.unreadCount(platform.db, userId) };
    },
  );

  r.get(
    '/api/notifications/preferences',
    { config: own, schema: { tags, summary: 'Which e-mails I receive', response: { 200: notificationPreferences } } },
    async (request) => service.preferencesOf(platform.db, requireSession(request).user.id),
  );

  r.put(
    '/api/notifications/preferences',
    { config: own, schema: { tags, summary: 'Choose which e-mails I receive (audited)', body: notificationPreferencesUpdate, response: { 200: notificationPreferences } } },
    async (request) => {
      const session = requireSession(request);
      return service.setPreferences(platform.db, actorOf(session), session.user.id, request.body);
    },
  );

  r.get(
    '/api/notifications/undeliverable',
    {
      config: { access: ruleRoute('notification.undeliverable', notificationRules.undeliverable) },
      schema: { tags, summary: 'Mail the SMTP server did not take: every user for the national administrator, her organisation for an organisation administrator (audited)', response: { 200: undeliverableMailList } },
    },
    async (request) => {
      const session = requireSession(request);
      const national = session.user.roles.includes('national_admin');
      return service.undeliverable(platform.db, actorOf(session), { organisationId: national ? null : session.user.organisationId });
    },
  );

  r.get(
    '/api/settings/time-zone',
    { config: own, schema: { tags, summary: "The country's time zone, in which reminders count tomorrow", response: { 200: countryTimeZone } } },
    async () => ({ timeZone: await storedTimeZone(platform.db) }),
  );

  r.put(
    '/api/settings/time-zone',
    {
      config: { access: ruleRoute('settings.time_zone', notificationRules.timeZone) },
      schema: { tags, summary: "Set the country's time zone (national administrator, audited); the daily reminders follow it", body: countryTimeZone, response: { 200: countryTimeZone } },
    },
    async (request) => {
      const session = requireSession(request);
      const { timeZone } = request.body;
      await platform.db.transaction().execute(async (tx) => {
        const before = await storedTimeZone(tx);
        await tx.updateTable('country_settings').set({ time_zone: timeZone, updated_at: new Date() }).where('id', '=', 1).execute();
        await appendAudit(tx, actorOf(session), { action: 'settings.time_zone_set', purpose: 'administration', summary: `time zone ${before} -> ${timeZone}` });
      });
      await jobs.schedule(REMINDER_QUEUE, REMINDER_CRON, timeZone);
      return { timeZone };
    },
  );
}
