import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerStart } from './commands/start.js';
import { registerMigrate } from './commands/migrate.js';
import { registerAdmin } from './commands/admin.js';
import { registerAuth } from './commands/auth.js';
import { registerAudit } from './commands/audit.js';
import { registerBackup } from './commands/backup.js';
import { registerKeys } from './commands/keys.js';
import { registerDemo } from './commands/demo.js';
import { registerDemoStatistics } from './commands/demo-statistics.js';
import { registerEstimate } from './commands/estimate.js';
import { registerImport } from './commands/import.js';
import { registerExport } from './commands/export.js';
import { registerRelease } from './commands/release.js';

/** The server package's version: package.json lies two folders up from both src/cli/ and the compiled dist/cli/. */
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command();
program
  .name('palermo')
  .version(version)
  .description('Palermo: the operator\'s command line. Configure with PALERMO_DATA_DIR, DATABASE_URL, PORT, PALERMO_MASTER_KEY.')
  .showHelpAfterError();

registerStart(program);
registerMigrate(program);
registerAdmin(program);
registerAuth(program);
registerAudit(program);
registerBackup(program);
registerKeys(program);
registerDemo(program);
registerDemoStatistics(program);
registerEstimate(program);
registerImport(program);
registerExport(program);
registerRelease(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ ok: false, error: message })}\n`);
  else process.stderr.write(`palermo: ${message}\n`);
  process.exitCode = 1;
}
