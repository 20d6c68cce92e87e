import type { Command } from 'commander';
import { withRuntime } from './with-runtime.js';
import { output } from '../output.js';
import { readMigrations } from '../../platform/db/migrate.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations, in order, exactly once')
    .option('--json', 'machine-readable summary')
    .action(async (options: { json?: boolean }) => {
      const all = readMigrations().map((m) => m.version);
      await withRuntime('palermo migrate', async (runtime) => {
        output(Boolean(options.json)).result(
          { ok: true, database: runtime.database.kind, applied: runtime.migrations.applied, known: all },
          `${runtime.migrations.applied.length} of ${all.length} migrations applied on ${runtime.database.kind}; none pending`,
        );
      });
    });
}
