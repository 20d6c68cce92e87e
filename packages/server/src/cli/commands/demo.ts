import type { Command } from 'commander';
import { withRuntime } from './with-runtime.js';
import { output } from '../output.js';
import { seedDemo, demoCountry } from '../../modules/demo/demo.seed.js';
import { seedDemoCases } from '../../modules/demo/case-generator.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Seed a synthetic country (clearly labelled): an organisation of every type, a user per role, about 2,000 cases in every stage; prints the new credentials once')
    .option('--json', 'machine-readable summary, credentials included')
    .action(async (options: { json?: boolean }) => {
      await withRuntime('palermo demo', async ({ database, cipher }) => {
        const summary = await database.db.transaction().execute(async (tx) => {
          const demo = await seedDemo(tx, cipher);
          const cases = await seedDemoCases(tx, cipher);
          return { ...demo, casesCreated: cases.casesCreated, credentials: [...demo.credentials, ...cases.credentials] };
        });
        const lines = summary.credentials.map((c) => `  ${c.role.padEnd(22)} ${c.email.padEnd(44)} ${c.password}`);
        output(Boolean(options.json)).result(
          { ok: true, synthetic: true, country: demoCountry, ...summary },
          [
            `Synthetic country "${demoCountry}" seeded: ${summary.organisationsCreated} organisations, ${summary.usersCreated} users, ${summary.personsCreated} synthetic persons, ${summary.casesCreated} synthetic cases in every stage.`,
            'ALL OF THIS IS SYNTHETIC DEMO DATA. Each user sets up two-factor authentication at first sign-in.',
            ...(lines.length > 0 ? ['Credentials (shown once):', ...lines] : ['No new users: credentials were shown when they were created.']),
          ].join('\n'),
        );
      });
    });
}
