import type { FastifyInstance } from 'fastify';
import { buildApp } from './http/app.js';
import type { Config } from './config.js';
import { openRuntime, type Runtime } from './runtime.js';
import { startSealer } from './audit/seal.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly runtime: Runtime;
  readonly url: string;
  stop(): Promise<void>;
}

/** Opens the runtime and serves the API and the web app until stopped. */
export async function startServer(config: Config, options: { logger?: boolean; webDist?: string } = {}): Promise<RunningServer> {
  const runtime = await openRuntime(config, 'palermo start');
  const app = await buildApp({
    platform: { config, database: runtime.database, db: runtime.database.db, cipher: runtime.cipher, keyring: runtime.keyring },
    logger: options.logger ?? true,
    ...(options.webDist ? { webDist: options.webDist } : {}),
  });
  const stopSealer = startSealer(runtime.database.db, (error) => app.log.error({ err: error instanceof Error ? error.message : String(error) }, 'sealing audit entries failed'));
  const address = await app.listen({ port: config.port, host: config.host });
  return {
    app,
    runtime,
    url: address,
    async stop() {
      await app.close();
      await stopSealer();
      await runtime.close();
    },
  };
}
