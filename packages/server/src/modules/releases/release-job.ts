import { releaseRequest, type ReleaseMade, type ReleaseRequestParsed } from '@palermo/contracts';
import type { Actor } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import { HttpError } from '../../platform/http/errors.js';
import { JobTimeout, type JobEngine } from '../../platform/jobs/job-engine.js';
import { makeRelease } from './releases.service.js';

/** The queue releases are made on (docs/decisions/0008). */
export const RELEASE_QUEUE = 'release';

interface ReleaseJob {
  readonly actor: Actor;
  readonly request: ReleaseRequestParsed;
}

/** What the job answers: the release made, or the refusal the request is to give (budget exceeded, no records...). */
type ReleaseAnswer = { readonly made: ReleaseMade } | { readonly refused: { statusCode: number; code: string; message: string; issues?: ReadonlyArray<{ field: string; problem: string }> } };

/**
 * Releases are made on the job engine: refreshing the country dataset, synthesising or generalising the records and
 * writing the ledger run in whichever server process takes the job, not inside the request, which waits for the
 * answer. A refusal the service gives (the budget would be exceeded, a field out of range) is the job's answer, not a
 * failure, and is given to the request as it was; a job that fails otherwise is not tried again (a release spends
 * privacy budget once, in the ledger's one transaction).
 */
export function defineReleaseJob(jobs: JobEngine, env: { db: Db; cipher: FieldCipher }): void {
  jobs.define<ReleaseJob>(
    RELEASE_QUEUE,
    async ({ actor, request }): Promise<ReleaseAnswer> => {
      try {
        const { release, budget } = await makeRelease(env, actor, releaseRequest.parse(request));
        return { made: { release, budget } };
      } catch (error) {
        if (error instanceof HttpError) return { refused: { statusCode: error.statusCode, code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } };
        throw error;
      }
    },
    { retryLimit: 0, expireInSeconds: 2 * 3600 },
  );
}

/** Makes a release on the job engine and gives its answer, or throws the refusal as the service would have. */
export async function makeReleaseOnQueue(jobs: JobEngine, actor: Actor, request: ReleaseRequestParsed): Promise<ReleaseMade> {
  let answer: ReleaseAnswer;
  try {
    answer = await jobs.sendAndWait<ReleaseAnswer>(RELEASE_QUEUE, { actor, request });
  } catch (error) {
    if (error instanceof JobTimeout) throw new HttpError(503, 'busy', 'No server process could make the release in time; try again later');
    throw error;
  }
  if ('refused' in answer) throw new HttpError(answer.refused.statusCode, answer.refused.code, answer.refused.message, answer.refused.issues);
  return answer.made;
}
