import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/** Consecutive failures before each further failure delays the next attempt, and before the account locks. */
export const SLOW_DOWN_AFTER = 5;
export const LOCK_AFTER = 10;
const BASE_DELAY_SECONDS = 15;
const MAX_DELAY_SECONDS = 15 * 60;

export interface CountedFailure {
  /** The account's consecutive failures, this one included. */
  readonly failures: number;
  /** The account is locked (by this failure or an earlier one). */
  readonly locked: boolean;
  /** This very failure reached the threshold: the caller audits the lock once. */
  readonly lockedNow: boolean;
  /** Seconds the account must wait before the next attempt (0: none). */
  readonly waitSeconds: number;
}

/**
 * Counts one failed attempt (a wrong password or a wrong second-factor code) in one statement: the database adds one
 * to the counter and decides the lock and the delay from the incremented value, so concurrent guesses each count
 * (reading the counter and writing it back would let a burst of guesses count as one). The delay doubles from
 * SLOW_DOWN_AFTER failures on; at LOCK_AFTER the account locks until an administrator unlocks it.
 */
export async function countFailedAttempt(db: Db, userId: string, options: { slowDown: boolean }): Promise<CountedFailure> {
  const next = sql<number>`users.failed_sign_ins + 1`;
  const delaySeconds = sql<number>`least(${BASE_DELAY_SECONDS} * power(2, ${next} - ${SLOW_DOWN_AFTER}), ${MAX_DELAY_SECONDS})`;
  const row = await db
    .updateTable('users')
    .set({
      failed_sign_ins: next,
      locked: sql<boolean>`users.locked or ${next} >= ${LOCK_AFTER}`,
      ...(options.slowDown
        ? {
            locked_until: sql<Date | null>`case when ${next} >= ${SLOW_DOWN_AFTER}
              then now() + make_interval(secs => ${delaySeconds}) else null end`,
          }
        : {}),
    })
    .where('id', '=', userId)
    .returning(['failed_sign_ins', 'locked', 'locked_until'])
    .executeTakeFirstOrThrow();
  const waitSeconds = row.locked_until ? Math.max(0, Math.ceil((row.locked_until.getTime() - Date.now()) / 1000)) : 0;
  return { failures: row.failed_sign_ins, locked: row.locked, lockedNow: row.failed_sign_ins === LOCK_AFTER, waitSeconds };
}
