import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { pruneChangeLog } from '../../platform/db/change-log.js';
import { countryTimeZone } from '../notifications/notifications.reminders.js';
import { indicatorEvents } from './indicator-facts.changes.js';

/**
 * The computed indicators' events read in the background (indicator-facts.changes.ts), so that a reader seldom waits
 * the second or so a whole reading of a national caseload takes: by each server process when it is ready (each keeps
 * its own in memory). The change log's old rows, a write, are deleted by a pg-boss job once a day in the country's
 * time zone (decision 0008), once however many servers share the database; it also brings the events of the process
 * that runs it up to date. Nothing here is needed for a correct figure: a read reads what is missing itself.
 */

export const INDICATOR_FACTS_QUEUE = 'indicator-facts';
/** Five minutes past midnight, the country's time. */
export const INDICATOR_FACTS_CRON = '5 0 * * *';

/**
 * The daily job: the rows older than two days deleted from the change logs the monitoring pages keep their figures by
 * (the computed indicators' and the progress page's), then this process's events brought up to date.
 */
export async function runIndicatorFactsJob(db: Db, keys: RecordKeys): Promise<{ pruned: number; persons: number }> {
  const pruned = (await pruneChangeLog(db, 'indicator_fact_changes')) + (await pruneChangeLog(db, 'monitoring_changes'));
  return { pruned, persons: (await indicatorEvents(db, keys)).persons.size };
}

/** Defines the daily job and, in a server that takes jobs, the warm-up at start; from the indicators' routes. */
export function indicatorFactsJobs(app: FastifyInstance): void {
  const { platform, jobs } = app;
  const { db } = platform;
  const keys = platform.cipher.recordKeys;
  jobs.define(INDICATOR_FACTS_QUEUE, async () => runIndicatorFactsJob(db, keys), { retryLimit: 2 });
  app.addHook('onReady', async () => jobs.schedule(INDICATOR_FACTS_QUEUE, INDICATOR_FACTS_CRON, await countryTimeZone(db)));
  if (!platform.config.jobWorkers) return;

  let running: Promise<unknown> = Promise.resolve();
  app.addHook('onReady', async () => {
    // Not awaited: the server answers at once; a read meanwhile waits for this reading rather than starting its own.
    running = indicatorEvents(db, keys).catch((error: unknown) =>
      app.log.error({ err: error instanceof Error ? error.message : String(error) }, 'computed indicators\' events not read in the background; the next read reads them'),
    );
  });
  app.addHook('onClose', async () => {
    await running;
  });
}
