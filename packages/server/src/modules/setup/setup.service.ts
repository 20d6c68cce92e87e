import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { FirstRunRequest } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { hashPassword } from '../../platform/auth/password.js';
import { createSession, type SessionPolicy } from '../../platform/auth/sessions.js';
import { conflict } from '../../platform/http/errors.js';

const FIRST_RUN_LOCK = 724_385_002;

export async function isSetupRequired(db: Db): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) === undefined;
}

export interface FirstAdministrator {
  readonly organisationName: string;
  readonly displayName: string;
  readonly email: string;
  readonly password: string;
}

/**
 * Creates the national coordinating organisation and its first national administrator. Only possible while no user
 * exists; concurrent attempts are serialised and all but the first refused. No default account exists anywhere.
 */
export async function createFirstAdministrator(tx: Db, input: FirstAdministrator, actorLabel: string): Promise<string> {
  await sql`select pg_advisory_xact_lock(${FIRST_RUN_LOCK})`.execute(tx);
  if (!(await isSetupRequired(tx))) throw conflict('Palermo is already set up; sign in instead');
  const organisationId = randomUUID();
  const userId = randomUUID();
  await tx.insertInto('organisations').values({ id: organisationId, name: input.organisationName, type: 'national_coordinator' }).execute();
  await tx
    .insertInto('users')
    .values({
      id: userId,
      organisation_id: organisationId,
      display_name: input.displayName,
      email: input.email,
      password_hash: await hashPassword(input.password),
      roles: ['national_admin'],
    })
    .execute();
  await appendAudit(tx, { userId, name: input.displayName, organisationId }, {
    action: 'setup.first_run',
    recordType: 'user',
    recordId: userId,
    purpose: 'administration',
    summary: `first national administrator and organisation created (${actorLabel})`,
  });
  return userId;
}

export async function firstRun(
  tx: Db,
  body: FirstRunRequest & { admin: { email: string } },
  policy: SessionPolicy,
): Promise<{ token: string }> {
  const userId = await createFirstAdministrator(
    tx,
    { organisationName: body.organisation.name, displayName: body.admin.displayName, email: body.admin.email, password: body.admin.password },
    'first-run page',
  );
  return createSession(tx, userId, 'two_factor_enrolment_required', policy);
}
