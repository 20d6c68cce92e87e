import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';

/** Measure completion is a timeline action whose idempotency key names the measure: done once, whatever the retries. */
export const MEASURE_KEY_PREFIX = 'measure:';
export const measureKey = (measureId: string) => `${MEASURE_KEY_PREFIX}${measureId}`;

/**
 * Appends an action to a case's timeline. The (case, idempotency key) pair is unique: when a retried request arrives,
 * nothing is inserted and the caller learns that the action was already taken, so it must not act again. Call this
 * first in the use case's transaction: if the use case then fails, the action rolls back with it.
 */
export async function recordAction(
  tx: Db,
  subject: Subject,
  caseId: string,
  action: string,
  summary: string,
  idempotencyKey: string,
): Promise<'recorded' | 'already_done'> {
  const inserted = await tx
    .insertInto('case_actions')
    .values({
      id: randomUUID(),
      case_id: caseId,
      action,
      actor_user_id: subject.userId,
      organisation_id: subject.organisationId,
      idempotency_key: idempotencyKey,
      summary,
      occurred_at: new Date(),
    })
    .onConflict((oc) => oc.columns(['case_id', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted ? 'recorded' : 'already_done';
}

/** Namespace of ids derived from idempotency keys (any fixed UUID; this one is Palermo's). */
const IDEMPOTENCY_NAMESPACE = '6f1c2d0e-8b5a-4f3e-9a7d-2c4b6e8f0a11';

/**
 * A stable id (UUID v5) derived from who asked and their idempotency key, for records created by a request (a new
 * case): the retried request computes the same id and finds the record it already made.
 */
export function idFromIdempotencyKey(scope: string, key: string): string {
  return uuidv5(`${scope}:${key}`, IDEMPOTENCY_NAMESPACE);
}
