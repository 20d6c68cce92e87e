import type { FastifyInstance } from 'fastify';
import { TZDate } from '@date-fns/tz';
import { addDays, startOfDay } from 'date-fns';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { statisticsSettings } from '../statistics/statistics.service.js';
import { countryTimeZone } from '../notifications/notifications.reminders.js';
import { funnelFacts, pruneFunnelChanges } from './funnel.changes.js';
import { buildFunnel } from './funnel.service.js';

/**
 * The funnel's facts computed in the background, so that a reader seldom waits the seconds a whole computation takes
 * (funnel.changes.ts): by each server process when it is ready, and shortly after each midnight in the country's time
 * zone (a new day can make convictions final with no write). The facts are kept in each process's memory, so each
 * process warms its own: at start, and by a timer to the next midnight that reads the time zone afresh each day. The
 * change log's old rows, a write, are deleted by a pg-boss job scheduled in the country's time zone (decision 0008):
 * one job per day however many servers share the database; it also warms the process that runs it. Nothing here is
 * needed for a correct figure: a read computes what is missing itself.
 */

export const FUNNEL_FACTS_QUEUE = 'prosecution-funnel-facts';
/** One minute past midnight, the country's time. */
export const FUNNEL_FACTS_CRON = '1 0 * * *';
const AFTER_MIDNIGHT_MS = 60_000;

/**
 * This process's facts computed for today, under the statistics section's country, and the page as first shown (no
 * filter) published from them, so that its first view is answered from memory; how many persons the facts hold.
 */
export async function warmFunnelFacts(db: Db, keys: RecordKeys): Promise<number> {
  const { iso3 } = await statisticsSettings(db);
  const facts = await funnelFacts(db, keys, iso3);
  await buildFunnel(db, {}, keys);
  return facts.suspects.size;
}

/** The daily job: the change log's rows older than two days deleted, then this process's facts computed. */
export async function runFunnelFactsJob(db: Db, keys: RecordKeys): Promise<{ pruned: number; persons: number }> {
  const pruned = await pruneFunnelChanges(db);
  return { pruned, persons: await warmFunnelFacts(db, keys) };
}

/** How long from `now` until one minute past the next midnight in the time zone (a day of 23 or 25 hours included). */
export function untilAfterMidnight(timeZone: string, now: Date): number {
  const midnight = startOfDay(addDays(new TZDate(now.getTime(), timeZone), 1));
  return midnight.getTime() + AFTER_MIDNIGHT_MS - now.getTime();
}

/** Defines the daily job and, in a process that takes jobs (a server), the warm-ups; from the funnel's routes. */
export function funnelJobs(app: FastifyInstance): void {
  const { platform, jobs } = app;
  const { db } = platform;
  const keys = platform.cipher.recordKeys;
  jobs.define(FUNNEL_FACTS_QUEUE, async () => runFunnelFactsJob(db, keys), { retryLimit: 2 });
  app.addHook('onReady', async () => jobs.schedule(FUNNEL_FACTS_QUEUE, FUNNEL_FACTS_CRON, await countryTimeZone(db)));
  if (!platform.config.jobWorkers) return;

  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const warm = () => {
    running = warmFunnelFacts(db, keys).catch((error: unknown) => app.log.error({ err: error instanceof Error ? error.message : String(error) }, 'funnel facts not computed in the background; the next read computes them'));
    return running;
  };
  const plan = async (): Promise<void> => {
    const delay = untilAfterMidnight(await countryTimeZone(db), new Date());
    if (closed) return;
    timer = setTimeout(() => void warm().then(() => (closed ? undefined : plan())).catch(() => undefined), delay);
    // The timer alone never keeps the process running.
    timer.unref();
  };
  app.addHook('onReady', async () => {
    // Not awaited: the server answers at once; a read meanwhile waits for these facts rather than computing its own.
    void warm().then(() => (closed ? undefined : plan())).catch(() => undefined);
  });
  app.addHook('onClose', async () => {
    closed = true;
    clearTimeout(timer);
    await running;
  });
}
