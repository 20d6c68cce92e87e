import type { FastifyInstance } from 'fastify';
import { buildApp } from './http/app.js';
import type { Config } from './config.js';
import { openRuntime, type Runtime } from './runtime.js';
import { startSealer } from './audit/seal.js';
import { assertCheckpointDirOutsideData } from './audit/checkpoint.js';
import { startCheckpointJob } from './audit/checkpoint-job.js';
import { warmStatistics } from '../modules/statistics/statistics.service.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly runtime: Runtime;
  readonly url: string;
  stop(): Promise<void>;
}

/** Opens the runtime and serves the API and the web app until stopped. */
export async function startServer(config: Config, options: { logger?: boolean; webDist?: string } = {}): Promise<RunningServer> {
  // Refused before anything opens: signed checkpoints kept inside the data folder would fall with it.
  assertCheckpointDirOutsideData(config.dataDir, config.auditCheckpointDir);
  const runtime = await openRuntime(config, 'palermo start');
  const app = await buildApp({
    platform: { config, database: runtime.database, db: runtime.database.db, cipher: runtime.cipher, keyring: runtime.keyring },
    logger: options.logger ?? true,
    ...(options.webDist ? { webDist: options.webDist } : {}),
  });
  const stopSealer = startSealer(runtime.database.db, (error) => app.log.error({ err: error instanceof Error ? error.message : String(error) }, 'sealing audit entries failed'));
  // Verifies the audit log against the last signed checkpoint and writes the next one, every hour by default.
  const stopCheckpoints = startCheckpointJob(runtime.database.db, runtime.keyring, config.auditCheckpointDir, config.auditCheckpointMinutes, (error) =>
    app.log.error({ err: error instanceof Error ? error.message : String(error) }, 'audit verification and checkpoint failed'),
  );
  const address = await app.listen({ port: config.port, host: config.host });
  // In the background: the statistics page's cube in memory before its first reader asks.
  const startedAt = performance.now();
  const warming = warmStatistics(runtime.database.db, runtime.cipher.recordKeys).then(
    (warm) => warm && app.log.info({ dataset: warm.dataset.id, cubeRows: warm.cubeRows, ms: Math.round(performance.now() - startedAt) }, 'statistics cube loaded'),
    (error: unknown) => app.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'loading the statistics cube failed; the first reader will load it'),
  );
  return {
    app,
    runtime,
    url: address,
    async stop() {
      await app.close();
      await warming;
      await stopCheckpoints();
      await stopSealer();
      await runtime.close();
    },
  };
}
