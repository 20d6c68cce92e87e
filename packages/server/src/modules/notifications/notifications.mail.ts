import type { NotificationKind } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Mailer, OutgoingMail } from '../../platform/mail/mailer.js';

/**
 * The e-mail of a notification: what kind of thing happened and a link to the notifications page, in the
 * installation's three languages. Never a name, a case number or anything else about a person: whoever reads the
 * mail on the way learns only that there is something to look at in Palermo.
 */
const sentences: Record<NotificationKind, { en: string; fr: string; ar: string }> = {
  referral_received: {
    en: 'Your organisation has received a referral.',
    fr: 'Votre organisation a reçu une orientation.',
    ar: 'تلقّت منظمتك إحالة.',
  },
  referral_answered: {
    en: 'A referral you sent has been answered.',
    fr: 'Une orientation que vous avez envoyée a reçu une réponse.',
    ar: 'تم الرد على إحالة أرسلتها.',
  },
  decision_due: {
    en: 'A decision is due tomorrow.',
    fr: 'Une décision est attendue demain.',
    ar: 'يحين موعد قرار غداً.',
  },
  case_reassigned: {
    en: 'A case has been reassigned to you or away from you.',
    fr: 'Un dossier vous a été réattribué ou retiré.',
    ar: 'أُعيد إسناد حالة إليك أو من عهدتك.',
  },
  approval_requested: {
    en: 'Something waits for your approval.',
    fr: 'Un élément attend votre approbation.',
    ar: 'هناك ما ينتظر موافقتك.',
  },
  approval_answered: {
    en: 'A supervisor has answered what you submitted for approval.',
    fr: 'Un superviseur a répondu à ce que vous avez soumis pour approbation.',
    ar: 'ردّ مشرف على ما قدّمته للموافقة.',
  },
  measurement_due: {
    en: 'A measurement of an action plan indicator is due.',
    fr: 'Une mesure d’un indicateur du plan d’action est attendue.',
    ar: 'حان موعد تسجيل قياس لمؤشر من مؤشرات خطة العمل.',
  },
};

export function notificationMail(kind: NotificationKind, to: string, publicUrl: string): OutgoingMail {
  const link = `${publicUrl}/notifications`;
  const s = sentences[kind];
  return {
    to,
    subject: 'Palermo: new notification / nouvelle notification / إشعار جديد',
    text: [
      `${s.en} Sign in to see it: ${link}`,
      '',
      `${s.fr} Connectez-vous pour la voir : ${link}`,
      '',
      `${s.ar} سجّل الدخول للاطلاع عليه: ${link}`,
      '',
      '-- ',
      'Palermo. This message holds no personal data; what it is about is in the application only.',
    ].join('\n'),
  };
}

/**
 * Sends one notification's e-mail, once: the notification is claimed by a conditional update of its status before the
 * mail leaves, so a second try of the job (or a second process holding it) sends nothing. The user's choice and an
 * inactive account are honoured at sending time. A server that cannot be reached or refuses for now gets the mail
 * again on the job's next tries; a mail refused for good, or still not taken at the last try, is kept as failed, with
 * the server's answer, for the administrators.
 */
/**
 * Whether a failure may pass if the mail is sent again later: the server could not be reached, or answered with a
 * temporary refusal (4xx). A permanent refusal (5xx: no such mailbox, relaying denied) will not pass.
 */
function isTemporary(error: unknown): boolean {
  const responseCode = typeof error === 'object' && error !== null ? Reflect.get(error, 'responseCode') : undefined;
  if (typeof responseCode === 'number') return responseCode >= 400 && responseCode < 500;
  return true;
}

export async function deliverNotificationMail(
  db: Db,
  mailer: Mailer,
  publicUrl: string,
  notificationId: string,
  attempt: { retryCount: number; retryLimit: number } = { retryCount: 0, retryLimit: 0 },
): Promise<void> {
  const row = await db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .leftJoin('notification_preferences as p', (join) => join.onRef('p.user_id', '=', 'n.user_id').onRef('p.kind', '=', 'n.kind'))
    .select(['n.kind', 'n.email_status', 'u.email', 'u.active', 'p.email as wanted'])
    .where('n.id', '=', notificationId)
    .executeTakeFirst();
  if (!row || row.email_status !== 'pending') return;
  const outcome = row.wanted === false || !row.active ? 'not_wanted' : !mailer.configured ? 'no_server' : 'sent';
  const claimed = await db
    .updateTable('notifications')
    .set({ email_status: outcome, email_attempted_at: new Date() })
    .where('id', '=', notificationId)
    .where('email_status', '=', 'pending')
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1 || outcome !== 'sent') return;
  try {
    await mailer.send(notificationMail(row.kind as NotificationKind, row.email, publicUrl));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (isTemporary(error) && attempt.retryCount < attempt.retryLimit) {
      // Given back, for the job's next try (the queue waits before it): the server may be back by then.
      await db.updateTable('notifications').set({ email_status: 'pending', email_error: message.slice(0, 500) }).where('id', '=', notificationId).execute();
      throw error;
    }
    await db.updateTable('notifications').set({ email_status: 'failed', email_error: message.slice(0, 500) }).where('id', '=', notificationId).execute();
  }
}
