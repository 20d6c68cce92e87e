import { randomInt } from 'node:crypto';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { createMailer, type Mailer } from '../mail/mailer.js';
import type { Platform } from '../http/context.js';
import { appendAudit, type Actor } from '../audit/audit.js';
import { HttpError } from '../http/errors.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.js';
import { countFailedAttempt } from './failures.js';
import { deleteUserSessions } from './sessions.js';

/** A reset code works for this long after it is issued. */
export const RESET_CODE_HOURS = 24;
/** Letters and digits that cannot be misread for one another (no I, O, 0 or 1): 32 symbols, 12 of them: 60 bits. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12;

/** A fresh code, drawn with the platform's cryptographic generator. */
export function newResetCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** The code as a person reads it aloud or copies it: three groups of four. */
export const groupedCode = (code: string): string => code.replace(/(.{4})(?=.)/g, '$1-');

/**
 * How a reset code reaches its user when the installation can send e-mail. Until a mailer is registered (the
 * installation has no SMTP server), the code is shown once to the administrator who issued it.
 */
export interface ResetCodeMailer {
  /** Sends the code to the account's address; throws when the message could not be handed to the mail server. */
  sendResetCode(to: { email: string; displayName: string }, code: string, expiresAt: Date): Promise<void>;
}
let registered: ResetCodeMailer | undefined;
/** Replaces the mail sender (tests register a recording one); undefined goes back to the configured SMTP server. */
export function registerResetCodeMailer(next: ResetCodeMailer | undefined): void {
  registered = next;
}

let smtp: { url: string; mailer: Mailer } | undefined;
/** The sender for this installation: a registered one, else the operator's SMTP server (PALERMO_SMTP_URL), else none. */
export function resetCodeMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl'>): ResetCodeMailer | undefined {
  if (registered) return registered;
  if (!config.smtpUrl) return undefined;
  if (smtp?.url !== config.smtpUrl) smtp = { url: config.smtpUrl, mailer: createMailer(config.smtpUrl, config.mailFrom) };
  const { mailer } = smtp;
  return {
    sendResetCode: (to, code, expiresAt) =>
      mailer.send({
        to: to.email,
        subject: 'Palermo: a code to set a new password',
        text:
          `An administrator issued a code for setting a new password for your Palermo account:\n\n    ${code}\n\n` +
          `It works once, until ${expiresAt.toISOString().replace('T', ' ').slice(0, 16)} UTC. Enter it, with your e-mail address ` +
          `and a new password, at ${config.publicUrl}/reset-password\n\nIf you did not ask for it, tell your administrator.`,
      }),
  };
}

/**
 * Stores the argon2id hash of a new code for the user (replacing any earlier code), expiring RESET_CODE_HOURS from
 * now. Returns the code, which is kept nowhere else.
 */
export async function storeResetCode(tx: Db, userId: string, issuedBy: string | null): Promise<{ code: string; expiresAt: Date }> {
  const code = newResetCode();
  const expiresAt = new Date(Date.now() + RESET_CODE_HOURS * 3600 * 1000);
  await tx
    .updateTable('users')
    .set({ password_reset_hash: await hashPassword(code), password_reset_expires_at: expiresAt, password_reset_issued_by: issuedBy })
    .where('id', '=', userId)
    .execute();
  return { code, expiresAt };
}

const refused = () => new HttpError(400, 'invalid_reset_code', 'code: the reset code is wrong, was already used or has expired', [
  { field: 'code', problem: 'the reset code is wrong, was already used or has expired' },
]);

/**
 * The user sets a new password with her reset code. The code is used once: the statement that sets the new password
 * clears the code only if it is still the one checked and has not expired, so two requests racing with the same code
 * succeed once. A wrong code counts as a failed sign-in (the account slows down, then locks). Every session of the
 * user ends. Unknown addresses, deactivated accounts and accounts without a code are answered like a wrong code.
 */
export async function redeemResetCode(platform: Platform, input: { email: string; code: string; newPassword: string }): Promise<void> {
  const { db } = platform;
  const user = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'organisation_id', 'active', 'locked', 'locked_until', 'password_reset_hash', 'password_reset_expires_at'])
    .where('email', '=', input.email)
    .executeTakeFirst();
  const actor: Actor = { userId: user?.id ?? null, name: user?.display_name ?? null, organisationId: user?.organisation_id ?? null };
  const audit = (tx: Db, summary: string, outcome: 'allowed' | 'denied') =>
    appendAudit(tx, actor, {
      action: 'user.password_reset',
      purpose: 'security',
      summary,
      outcome,
      ...(user ? { recordType: 'user', recordId: user.id } : {}),
    });
  const now = new Date();
  if (!user || !user.active || !user.password_reset_hash || !user.password_reset_expires_at) {
    await verifyPassword(await dummyPasswordHash(), input.code);
    const reason = !user ? 'no account with that e-mail address' : !user.active ? 'account deactivated' : 'no reset code issued';
    await db.transaction().execute((tx) => audit(tx, `refused: ${reason}`, 'denied'));
    throw refused();
  }
  if (user.locked || (user.locked_until && user.locked_until.getTime() > now.getTime())) {
    await db.transaction().execute((tx) => audit(tx, 'refused: account locked', 'denied'));
    throw new HttpError(423, 'account_locked', 'This account is locked after repeated failures; ask an administrator to unlock it');
  }
  const valid = await verifyPassword(user.password_reset_hash, input.code);
  if (!valid || user.password_reset_expires_at.getTime() <= now.getTime()) {
    await db.transaction().execute(async (tx) => {
      if (valid) {
        await audit(tx, 'refused: reset code expired', 'denied');
        return;
      }
      const counted = await countFailedAttempt(tx, user.id, { slowDown: true });
      await audit(tx, `refused: wrong reset code (${counted.failures} consecutive failures)`, 'denied');
      if (counted.lockedNow) {
        await appendAudit(tx, actor, {
          action: 'auth.account_locked',
          recordType: 'user',
          recordId: user.id,
          purpose: 'security',
          summary: `account locked after ${counted.failures} consecutive failures`,
        });
      }
    });
    throw refused();
  }
  const newHash = await hashPassword(input.newPassword);
  const done = await db.transaction().execute(async (tx) => {
    const claimed = await tx
      .updateTable('users')
      .set({
        password_hash: newHash,
        password_reset_hash: null,
        password_reset_expires_at: null,
        password_reset_issued_by: null,
        failed_sign_ins: 0,
        locked_until: null,
        updated_at: now,
      })
      .where('id', '=', user.id)
      .where('active', '=', true)
      .where('locked', '=', false)
      .where('password_reset_hash', '=', user.password_reset_hash)
      .where('password_reset_expires_at', '>', now)
      .returning('id')
      .executeTakeFirst();
    if (!claimed) return false;
    const ended = await deleteUserSessions(tx, user.id);
    await audit(tx, `new password set with a reset code; ${ended} sessions ended`, 'allowed');
    return true;
  });
  if (!done) {
    await db.transaction().execute((tx) => audit(tx, 'refused: reset code already used', 'denied'));
    throw refused();
  }
}
