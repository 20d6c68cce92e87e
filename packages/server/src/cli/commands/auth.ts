import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { email as emailSchema } from '@palermo/contracts';
import { withRuntime } from './with-runtime.js';
import { output } from '../output.js';
import { appendAudit, systemActor } from '../../platform/audit/audit.js';
import { Keyring, keyFilePath } from '../../platform/crypto/keyring.js';
import { deleteUserSessions } from '../../platform/auth/sessions.js';
import { listenForRevocations } from '../../platform/auth/revocation.js';
import type { Db } from '../../platform/db/database.js';

const COMMAND = 'auth reset-second-factor';

/** A refusal the operator can act on: printed (or answered as JSON) with exit code 1, and audited with its reason. */
class Refusal extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/**
 * The master key the operator supplies, as a keyring: a key file (`master-keys.json`, as `palermo keys` keeps it) or a
 * file or variable holding the key itself (32 bytes in base64, as PALERMO_MASTER_KEY).
 */
function suppliedKeyring(options: { keyFile?: string }): Keyring | undefined {
  if (options.keyFile) {
    const text = readFileSync(options.keyFile, 'utf8').trim();
    if (text.startsWith('{')) {
      // Keyring reads a key file from a data folder: give it a private temporary one holding a copy.
      const folder = mkdtempSync(join(tmpdir(), 'palermo-key-check-'));
      try {
        mkdirSync(join(folder, 'keys'), { mode: 0o700 });
        copyFileSync(options.keyFile, keyFilePath(folder));
        return Keyring.open({ dataDir: folder });
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }
    return Keyring.open({ dataDir: '', masterKey: text });
  }
  const fromEnvironment = process.env['PALERMO_MASTER_KEY'];
  return fromEnvironment ? Keyring.open({ dataDir: '', masterKey: fromEnvironment }) : undefined;
}

/**
 * Is the supplied master key one the keyring in use holds? Proven, not compared: the supplied key must unwrap a data
 * key stored in the database under a master key that the running keyring also holds (AES-GCM refuses any other key).
 */
async function suppliedKeyIsInUse(db: Db, inUse: Keyring, supplied: Keyring): Promise<boolean> {
  const dataKeys = await db.selectFrom('data_keys').select(['master_key_id', 'wrapped_key']).execute();
  for (const row of dataKeys) {
    if (!inUse.has(row.master_key_id) || !supplied.has(row.master_key_id)) continue;
    try {
      supplied.unwrap(row.master_key_id, row.wrapped_key);
      return true;
    } catch {
      // not this key
    }
  }
  return false;
}

export function registerAuth(program: Command): void {
  const auth = program.command('auth').description('Sign-in security of user accounts');
  auth
    .command('reset-second-factor')
    .description(
      "Remove a user's authenticator so that they enrol a new one at their next sign-in, and end their sessions. For the last " +
        'active national administrator (no other can sign in with two factors) the master key must be supplied: --key-file, ' +
        'or PALERMO_MASTER_KEY. Audited.',
    )
    .requiredOption('--email <email>', "the user's e-mail address")
    .option('--key-file <file>', 'the master key: a master-keys.json key file, or a file holding the key in base64')
    .option('--unlock', 'also unlock the account and clear its failed attempts')
    .option('--json', 'machine-readable summary')
    .action(async (options: { email: string; keyFile?: string; unlock?: boolean; json?: boolean }) => {
      const out = output(Boolean(options.json));
      const email = emailSchema.safeParse(options.email);
      if (!email.success) throw new Error(`--email: ${email.error.issues[0]?.message ?? 'invalid'}`);
      await withRuntime(`palermo ${COMMAND}`, async ({ config, database, keyring }) => {
        const db = database.db;
        // Running servers stop reusing the user's sessions before the reset commits.
        const revocations = listenForRevocations(database.kind, config.databaseUrl);
        const actor = systemActor(COMMAND);
        const user = await db.selectFrom('users').select(['id', 'roles', 'active', 'totp_enrolled_at']).where('email', '=', email.data).executeTakeFirst();
        try {
          if (!user) throw new Refusal(`No user has the e-mail address ${email.data}`, 'no such user');
          const otherAdministrators = await db
            .selectFrom('users')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('id', '!=', user.id)
            .where('active', '=', true)
            .where('locked', '=', false)
            .where('totp_enrolled_at', 'is not', null)
            .where(({ eb, val }) => eb(val('national_admin'), '=', eb.fn.any('roles')))
            .executeTakeFirstOrThrow();
          const lastAdministrator = user.roles.includes('national_admin') && Number(otherAdministrators.n) === 0;
          let masterKeyVerified = false;
          if (lastAdministrator) {
            let supplied: Keyring | undefined;
            try {
              supplied = suppliedKeyring(options);
            } catch (error) {
              throw new Refusal(`The master key supplied could not be read: ${error instanceof Error ? error.message : String(error)}`, 'master key unreadable');
            }
            if (!supplied) {
              throw new Refusal(
                `${email.data} is the last national administrator who can sign in with two factors: resetting their second factor needs ` +
                  'the master key (--key-file FILE, or PALERMO_MASTER_KEY)',
                'last national administrator, master key not supplied',
              );
            }
            if (!(await suppliedKeyIsInUse(db, keyring, supplied))) {
              throw new Refusal('The master key supplied is not the one this installation uses: nothing was reset', 'last national administrator, wrong master key');
            }
            masterKeyVerified = true;
          }
          const sessionsEnded = await db.transaction().execute(async (tx) => {
            await tx
              .updateTable('users')
              .set({
                totp_secret: null,
                totp_enrolled_at: null,
                totp_last_step: null,
                ...(options.unlock ? { locked: false, locked_until: null, failed_sign_ins: 0 } : {}),
              })
              .where('id', '=', user.id)
              .execute();
            const ended = await deleteUserSessions(tx, user.id);
            await appendAudit(tx, actor, {
              action: 'auth.two_factor_reset',
              recordType: 'user',
              recordId: user.id,
              purpose: 'security',
              summary:
                `second factor removed from the command line; ${ended} sessions ended` +
                `${options.unlock ? '; account unlocked' : ''}${lastAdministrator ? '; last national administrator, master key verified' : ''}`,
            });
            return ended;
          });
          out.result(
            { ok: true, userId: user.id, email: email.data, lastNationalAdministrator: lastAdministrator, masterKeyVerified, sessionsEnded, unlocked: Boolean(options.unlock) },
            `The second factor of ${email.data} was removed; ${sessionsEnded} sessions ended${options.unlock ? ', the account unlocked' : ''}. ` +
              'They set up a new authenticator at their next sign-in.',
          );
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          await db.transaction().execute((tx) =>
            appendAudit(tx, actor, {
              action: 'auth.two_factor_reset',
              purpose: 'security',
              outcome: 'denied',
              summary: `refused: ${error.reason}`,
              ...(user ? { recordType: 'user', recordId: user.id } : {}),
            }),
          );
          if (options.json) out.result({ ok: false, error: error.message }, '');
          else process.stderr.write(`palermo ${COMMAND}: ${error.message}\n`);
          process.exitCode = 1;
        } finally {
          await revocations?.close();
        }
      });
    });
}
