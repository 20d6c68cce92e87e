import PgBoss from 'pg-boss';
import type { Database, Db } from '../db/database.js';
import { inTransaction, queueConnection, type QueueConnection } from './queue-connection.js';

/** What the engine logs through (the server's pino logger, or a test's). */
export interface JobLog {
  error(details: object, message: string): void;
  info?(details: object, message: string): void;
}

export interface QueueOptions {
  /** How many times a job that threw (or whose process died) is tried again. */
  readonly retryLimit?: number;
  readonly retryDelaySeconds?: number;
  /** How long one try may run before it is taken as lost and tried again (default 15 minutes). */
  readonly expireInSeconds?: number;
}

/** Runs one job; what it returns is kept as the job's output (for `sendAndWait`). */
export type JobHandler<T> = (data: T, job: JobContext) => Promise<unknown>;

export interface JobContext {
  readonly id: string;
  /** Tries before this one (0 on the first), and how many more the queue allows in all. */
  readonly retryCount: number;
  readonly retryLimit: number;
}

interface Registration {
  readonly options: QueueOptions;
  readonly handler: JobHandler<never>;
}

export interface JobEngineOptions {
  /** Whether this process takes jobs (every server does; a command that only sends jobs does not). */
  readonly work: boolean;
  /** How often an idle worker asks the queue for a job (pg-boss's polling; at least 0.5). */
  readonly pollingSeconds: number;
}

/**
 * The one job engine (docs/decisions/0008): pg-boss over the application's database, PGlite or PostgreSQL. Jobs are
 * rows; a worker takes one with SELECT ... FOR UPDATE SKIP LOCKED, so each job runs in one process at a time however
 * many servers share the database, and a job whose process died is taken again once its try expires. Jobs and
 * schedules live in the database: they survive a restart. Handlers must still tolerate a second try (a process can
 * die after the work and before the job is marked done): every handler here is idempotent.
 */
export class JobEngine {
  private readonly boss: PgBoss;
  private readonly connection: QueueConnection;
  private readonly queues = new Map<string, Registration>();
  private readonly schedules = new Map<string, { cron: string; timeZone: string }>();
  /** This process's worker of each queue. */
  private readonly workers = new Map<string, string>();
  private started = false;

  constructor(
    private readonly database: Database,
    private readonly log: JobLog,
    private readonly options: JobEngineOptions,
  ) {
    this.connection = queueConnection(database);
    this.boss = new PgBoss({
      db: this.connection,
      schema: 'pgboss',
      migrate: false,
      pollingIntervalSeconds: Math.max(0.5, options.pollingSeconds),
      // Finished jobs are kept a week for inspection, then archived and dropped by pg-boss's maintenance.
      archiveCompletedAfterSeconds: 7 * 24 * 3600,
      deleteAfterDays: 7,
    });
    this.boss.on('error', (error: Error) => this.log.error({ err: error.message }, 'job queue error'));
  }

  /** Declares a queue and what runs its jobs; before start. */
  define<T>(name: string, handler: JobHandler<T>, options: QueueOptions = {}): void {
    if (this.started) throw new Error(`Queue ${name} was defined after the job engine started`);
    if (this.queues.has(name)) throw new Error(`Queue ${name} is defined twice`);
    this.queues.set(name, { handler: handler as JobHandler<never>, options });
  }

  /** A job of `name` every time `cron` matches in `timeZone`, sent once whatever the number of servers. */
  async schedule(name: string, cron: string, timeZone: string): Promise<void> {
    if (!this.queues.has(name)) throw new Error(`Unknown queue ${name}`);
    this.schedules.set(name, { cron, timeZone });
    if (this.started) await this.boss.schedule(name, cron, {}, { tz: timeZone });
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    this.started = true;
    for (const [name, { options }] of this.queues) {
      await this.boss.createQueue(name, {
        name,
        policy: 'standard',
        retryLimit: options.retryLimit ?? 3,
        retryDelay: options.retryDelaySeconds ?? 30,
        retryBackoff: true,
        expireInSeconds: options.expireInSeconds ?? 15 * 60,
      });
    }
    for (const [name, { cron, timeZone }] of this.schedules) await this.boss.schedule(name, cron, {}, { tz: timeZone });
    if (!this.options.work) return;
    for (const [name, { handler }] of this.queues) {
      const workerId = await this.boss.work<never>(name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: Math.max(0.5, this.options.pollingSeconds) }, async ([job]) => {
        if (!job) return;
        // Fetched while the engine stops: not begun, so that it runs against an open database in this or another process.
        if (!this.started) throw new Error('the job engine stopped before this job began');
        try {
          return await handler(job.data, { id: job.id, retryCount: job.retryCount, retryLimit: job.retryLimit });
        } catch (error) {
          this.log.error({ err: error instanceof Error ? error.message : String(error), queue: name, job: job.id }, 'job failed; it will be tried again');
          throw error;
        } finally {
          // A queue that had a job may have more: ask again at once rather than after the polling interval.
          this.wake(name);
        }
      });
      this.workers.set(name, workerId);
    }
  }

  /**
   * Sends a job. With `tx`, the job is stored in that transaction: it exists if and only if the change that caused
   * it commits.
   */
  async send(name: string, data: object, options: { tx?: Db; startAfter?: Date } = {}): Promise<string | null> {
    if (!this.queues.has(name)) throw new Error(`Unknown queue ${name}`);
    const id = await this.boss.send(name, data, {
      ...(options.tx ? { db: inTransaction(options.tx) } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    });
    // A job stored outside a transaction can be taken now: this process's worker need not wait for its next poll. (In a
    // transaction, it exists only once committed; the worker's polling finds it.)
    if (!options.tx && !options.startAfter) this.wake(name);
    return id;
  }

  /** A job's state, data and output (completed or archived jobs too); null when there is none of that id. */
  async job<T>(name: string, id: string): Promise<{ state: string; data: T; output: unknown } | null> {
    if (!this.queues.has(name)) throw new Error(`Unknown queue ${name}`);
    const job = await this.boss.getJobById<T>(name, id, { includeArchive: true });
    return job ? { state: job.state, data: job.data, output: job.output } : null;
  }

  /** Deletes a job and what it holds (its data and output), whatever its state. */
  async remove(name: string, id: string): Promise<void> {
    if (!this.queues.has(name)) throw new Error(`Unknown queue ${name}`);
    await this.boss.deleteJob(name, id);
  }

  private wake(name: string): void {
    const workerId = this.workers.get(name);
    if (workerId && this.started) this.boss.notifyWorker(workerId);
  }

  /**
   * Sends a job and waits for whichever server process takes it to finish it: the handler's answer, or an error when
   * the job failed or no process took it within `timeoutMs`. For work a request waits for but that must not run
   * inside it (a request's process may stop; the job is finished by another).
   */
  async sendAndWait<T>(name: string, data: object, timeoutMs = 10 * 60_000): Promise<T> {
    const id = await this.send(name, data);
    if (!id) throw new Error(`The job queue did not take the ${name} job`);
    const deadline = Date.now() + timeoutMs;
    for (let wait = 25; Date.now() < deadline; wait = Math.min(wait * 2, 250)) {
      const job = await this.boss.getJobById<unknown>(name, id, { includeArchive: true });
      if (job?.state === 'completed') return job.output as T;
      if (job?.state === 'failed' || job?.state === 'cancelled') throw new Error(`The ${name} job failed`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    throw new JobTimeout(name);
  }

  /** Waits for the jobs this process is running, then stops taking new ones. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.workers.clear();
    await this.boss.stop({ graceful: true, wait: true, close: false, timeout: 60_000 });
    // A job that finished just before the stop is marked completed by a statement pg-boss does not wait for.
    await this.connection.close();
  }

  get kind(): Database['kind'] {
    return this.database.kind;
  }
}

/** No server process finished the job in time (none takes jobs, or all are busy). */
export class JobTimeout extends Error {
  constructor(readonly queue: string) {
    super(`No server process finished the ${queue} job in time`);
  }
}
