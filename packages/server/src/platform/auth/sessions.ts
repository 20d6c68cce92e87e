import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { requiresTwoFactor, type OrganisationType, type Role, type SessionStage } from '@palermo/contracts';
import type { Db } from '../db/database.js';
import { cacheEpoch, reuseAllowed, revokeEverywhere } from './revocation.js';

export const SESSION_COOKIE = 'palermo_session';

export interface SessionPolicy {
  readonly idleSeconds: number;
  readonly absoluteSeconds: number;
  /**
   * How long this process may reuse a session it has read, without reading it again (0: never). A revocation made
   * through any server process (sign-out, sign-out everywhere, user or organisation changes) holds in every process
   * before its response is sent (revocation.ts); a change made directly in the database is seen within this time.
   */
  readonly cacheMilliseconds?: number;
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

type SessionQueryRow = Awaited<ReturnType<typeof querySession>>;

function querySession(db: Db, tokenHash: Buffer) {
  return db
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
      'u.totp_enrolled_at',
      'o.id as organisation_id',
      'o.name as organisation_name',
      'o.type as organisation_type',
      'o.jurisdictions',
      'o.active as organisation_active',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Sessions this process read recently, by token hash (hex). Never holds a token itself. */
const sessionCache = new Map<string, { row: NonNullable<SessionQueryRow>; until: number; epoch: number }>();
const SESSION_CACHE_LIMIT = 50_000;

/** Forgets cached sessions: all of them, or those of one user, or one session. */
export function forgetCachedSessions(which: { userId?: string; sessionId?: string } = {}): void {
  if (which.userId === undefined && which.sessionId === undefined) {
    sessionCache.clear();
    return;
  }
  for (const [key, entry] of sessionCache) {
    if (entry.row.user_id === which.userId || entry.row.id === which.sessionId) sessionCache.delete(key);
  }
}

async function readSessionRow(db: Db, token: string, policy: SessionPolicy, now: number): Promise<SessionQueryRow> {
  const tokenHash = hashToken(token);
  const ttl = policy.cacheMilliseconds ?? 0;
  if (ttl <= 0) return querySession(db, tokenHash);
  const key = tokenHash.toString('hex');
  const cached = sessionCache.get(key);
  if (cached && cached.until > now && cached.epoch === cacheEpoch() && reuseAllowed(cached.row.user_id, cached.row.id, now)) return cached.row;
  const epochAtRead = cacheEpoch();
  const row = await querySession(db, tokenHash);
  // A revocation announced while the row was read may not be reflected in it: such a row is used once, not kept.
  if (row && epochAtRead === cacheEpoch() && reuseAllowed(row.user_id, row.id)) {
    if (sessionCache.size >= SESSION_CACHE_LIMIT) {
      for (const [k, entry] of sessionCache) if (entry.until <= now) sessionCache.delete(k);
      if (sessionCache.size >= SESSION_CACHE_LIMIT) sessionCache.clear();
    }
    sessionCache.set(key, { row, until: now + ttl, epoch: epochAtRead });
  } else {
    sessionCache.delete(key);
  }
  return row;
}

/**
 * The session behind a cookie, if it is still valid: not past its absolute expiry, not idle for longer than allowed,
 * and its user still active. Refreshes the idle clock at most every 30 seconds.
 */
export async function loadSession(db: Db, token: string, policy: SessionPolicy): Promise<LoadedSession | undefined> {
  const now = Date.now();
  const row = await readSessionRow(db, token, policy, now);
  if (!row) return undefined;
  const expired =
    row.expires_at.getTime() <= now ||
    row.last_seen_at.getTime() + policy.idleSeconds * 1000 <= now ||
    !row.user_active ||
    row.locked ||
    !row.organisation_active;
  if (expired) {
    forgetCachedSessions({ sessionId: row.id });
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
    row.last_seen_at = new Date(now);
  }
  // A session made active before its user needed two factors (a role granted later, a policy made stricter) does not
  // stay active: until the user has enrolled an authenticator, it may only enrol.
  const enrolmentMissing = row.totp_enrolled_at === null && requiresTwoFactor(row.roles as Role[]);
  return {
    id: row.id,
    stage: enrolmentMissing ? 'two_factor_enrolment_required' : (row.stage as SessionStage),
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
  forgetCachedSessions({ sessionId });
  await db.updateTable('sessions').set({ stage }).where('id', '=', sessionId).execute();
}

export async function deleteSessionByToken(db: Db, token: string): Promise<void> {
  sessionCache.delete(hashToken(token).toString('hex'));
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

/** Ends one session, in every server process (call inside the ending transaction). */
export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  forgetCachedSessions({ sessionId });
  await revokeEverywhere({ sessionId });
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user, in every server process (call inside the ending transaction). */
export async function deleteUserSessions(db: Db, userId: string): Promise<number> {
  forgetCachedSessions({ userId });
  await revokeEverywhere({ userId });
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
