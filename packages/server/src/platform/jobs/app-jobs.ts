import type { FastifyInstance } from 'fastify';
import { JobEngine } from './job-engine.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The job engine (docs/decisions/0008): modules define their queues while the app is built. */
    jobs: JobEngine;
  }
}

/**
 * Gives the app its job engine: queues are defined by the modules' route plugins as they register, the engine starts
 * (and this process's workers with it) once the app is ready, and stops, letting running jobs finish, when it closes.
 */
export function attachJobEngine(app: FastifyInstance): void {
  const { database, config } = app.platform;
  const jobs = new JobEngine(database, app.log, { work: config.jobWorkers, pollingSeconds: config.jobPollSeconds });
  app.decorate('jobs', jobs);
  app.addHook('onReady', async () => jobs.start());
  app.addHook('onClose', async () => jobs.stop());
}
