import type { Command } from 'commander';
import { loadConfig } from '../../platform/config.js';
import { startServer } from '../../platform/server.js';
import { output } from '../output.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Apply migrations and serve the API and the web app (default http://localhost:3000)')
    .option('--port <port>', 'port to listen on (PORT)')
    .option('--json', 'print a machine-readable summary once listening')
    .action(async (options: { port?: string; json?: boolean }) => {
      const config = loadConfig(process.env, options.port ? { port: Number(options.port) } : {});
      const server = await startServer(config, { logger: !options.json });
      const out = output(Boolean(options.json));
      const setupRequired = (await server.runtime.database.db.selectFrom('users').select('id').limit(1).executeTakeFirst()) === undefined;
      out.result(
        { ok: true, url: server.url, database: server.runtime.database.kind, migrations: server.runtime.migrations.applied.length, setupRequired },
        `Palermo is running at ${server.url.replace('127.0.0.1', 'localhost')} on ${server.runtime.database.kind === 'pglite' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL'}` +
          (setupRequired ? '\nOpen it in a browser to create the first administrator.' : ''),
      );
      const stop = async () => {
        await server.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
