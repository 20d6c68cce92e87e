import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { OrganisationType, Role, SessionStage } from '@palermo/contracts';
import type { Db } from '../db/database.js';

export const SESSION_COOKIE = 'palermo_session';

export interface SessionPolicy {
  readonly idleSeconds: number;
  readonly absoluteSeconds: number;
}

export interface LoadedSession {
  readonly id: string;
  readonly stage: SessionStage;
  readonly csrfToken: string;
  readonly expiresAt: Date;
  readonly user: {
    readonly id: string;
    readonly displayName: string;
    readonly email: string;
    readonly roles: Role[];
    readonly organisationId: string;
    readonly organisationName: string;
    readonly organisationType: OrganisationType;
    readonly jurisdictions: string[];
  };
}

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** A new session with a fresh random token; only the token's hash is stored. */
export async function createSession(
  db: Db,
  userId: string,
  stage: SessionStage,
  policy: SessionPolicy,
): Promise<{ token: string; id: string }> {
  const token = randomBytes(32).toString('base64url');
  const id = randomUUID();
  await db
    .insertInto('sessions')
    .values({
      id,
      token_hash: hashToken(token),
      user_id: userId,
      stage,
      csrf_token: randomBytes(32).toString('base64url'),
      expires_at: new Date(Date.now() + policy.absoluteSeconds * 1000),
    })
    .execute();
  return { token, id };
}

const LAST_SEEN_GRANULARITY_SECONDS = 30;

/** Sessions whose idle clock this process refreshed recently: concurrent requests do not all write the same row. */
const recentlyTouched = new Map<string, number>();
function claimTouch(sessionId: string, now: number): boolean {
  const last = recentlyTouched.get(sessionId);
  if (last !== undefined && last + LAST_SEEN_GRANULARITY_SECONDS * 1000 > now) return false;
  recentlyTouched.set(sessionId, now);
  if (recentlyTouched.size > 10_000) {
    for (const [id, at] of recentlyTouched) if (at + LAST_SEEN_GRANULARITY_SECONDS * 1000 <= now) recentlyTouched.delete(id);
  }
  return true;
}

/**
 * The session behind a cookie, if it is still valid: not past its absolute expiry, not idle for longer than allowed,
 * and its user still active. Refreshes the idle clock at most every 30 seconds.
 */
export async function loadSession(db: Db, token: string, policy: SessionPolicy): Promise<LoadedSession | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select([
      's.id',
      's.stage',
      's.csrf_token',
      's.expires_at',
      's.last_seen_at',
      'u.id as user_id',
      'u.display_name',
      'u.email',
      'u.roles',
      'u.active as user_active',
      'u.locked',
      'o.id as organisation_id',
      'o.name as organisation_name',
      'o.type as organisation_type',
      'o.jurisdictions',
      'o.active as organisation_active',
    ])
    .where('s.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return undefined;
  const now = Date.now();
  const expired =
    row.expires_at.getTime() <= now ||
    row.last_seen_at.getTime() + policy.idleSeconds * 1000 <= now ||
    !row.user_active ||
    row.locked ||
    !row.organisation_active;
  if (expired) {
    await db.deleteFrom('sessions').where('id', '=', row.id).execute();
    return undefined;
  }
  if (row.last_seen_at.getTime() + LAST_SEEN_GRANULARITY_SECONDS * 1000 <= now && claimTouch(row.id, now)) {
    // Only the first request of a burst refreshes the idle clock, and only if no other process did meanwhile.
    await db
      .updateTable('sessions')
      .set({ last_seen_at: sql`now()` })
      .where('id', '=', row.id)
      .where('last_seen_at', '<', sql<Date>`now() - make_interval(secs => ${LAST_SEEN_GRANULARITY_SECONDS})`)
      .execute();
  }
  return {
    id: row.id,
    stage: row.stage as SessionStage,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
    user: {
      id: row.user_id,
      displayName: row.display_name,
      email: row.email,
      roles: row.roles as Role[],
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      organisationType: row.organisation_type as OrganisationType,
      jurisdictions: row.jurisdictions,
    },
  };
}

export async function setSessionStage(db: Db, sessionId: string, stage: SessionStage): Promise<void> {
  await db.updateTable('sessions').set({ stage }).where('id', '=', sessionId).execute();
}

export async function deleteSessionByToken(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteUserSessions(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
