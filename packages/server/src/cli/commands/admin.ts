import type { Command } from 'commander';
import { displayName as displayNameSchema, email as emailSchema, nameText, password as passwordSchema } from '@palermo/contracts';
import { withRuntime } from './with-runtime.js';
import { output } from '../output.js';
import { createFirstAdministrator, isSetupRequired } from '../../modules/setup/setup.service.js';
import { createUser } from '../../modules/user/user.service.js';
import { systemActor } from '../../platform/audit/audit.js';
import type { Subject } from '../../platform/access/rules.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function registerAdmin(program: Command): void {
  const admin = program.command('admin').description('Administrator accounts');
  admin
    .command('create')
    .description('Create a national administrator (the first one also creates the coordinating organisation). The password is read from standard input or PALERMO_ADMIN_PASSWORD, never from the command line.')
    .requiredOption('--email <email>', 'e-mail address to sign in with')
    .requiredOption('--name <name>', 'display name')
    .option('--organisation <name>', 'name of the national coordinating organisation (first administrator only)', 'National Anti-Trafficking Coordinator')
    .option('--json', 'machine-readable summary')
    .action(async (options: { email: string; name: string; organisation: string; json?: boolean }) => {
      const email = emailSchema.safeParse(options.email);
      if (!email.success) throw new Error(`--email: ${email.error.issues[0]?.message ?? 'invalid'}`);
      // The names meet the rules the web app's forms meet (no bidirectional controls that make one name display as another).
      const name = displayNameSchema.safeParse(options.name);
      if (!name.success) throw new Error(`--name: ${name.error.issues[0]?.message ?? 'invalid'}`);
      const organisation = nameText({ min: 2, max: 200 }).safeParse(options.organisation);
      if (!organisation.success) throw new Error(`--organisation: ${organisation.error.issues[0]?.message ?? 'invalid'}`);
      const password = passwordSchema.safeParse(process.env['PALERMO_ADMIN_PASSWORD'] ?? (await readStdin()));
      if (!password.success) throw new Error(`password: ${password.error.issues[0]?.message ?? 'invalid'}`);
      await withRuntime('palermo admin create', async ({ database }) => {
        const result = await database.db.transaction().execute(async (tx) => {
          if (await isSetupRequired(tx)) {
            const id = await createFirstAdministrator(tx, { organisationName: organisation.data, displayName: name.data, email: email.data, password: password.data }, 'command line');
            return { id, first: true };
          }
          const coordinator = await tx.selectFrom('organisations').select('id').where('type', '=', 'national_coordinator').orderBy('created_at').executeTakeFirstOrThrow();
          const subject: Subject = { userId: '00000000-0000-0000-0000-000000000000', organisationId: coordinator.id, organisationType: 'national_coordinator', jurisdictions: [], roles: ['national_admin'] };
          const user = await createUser(tx, subject, systemActor('admin create'), { organisationId: coordinator.id, displayName: name.data, email: email.data, password: password.data, roles: ['national_admin'] });
          return { id: user.id, first: false };
        });
        output(Boolean(options.json)).result(
          { ok: true, userId: result.id, firstAdministrator: result.first },
          `National administrator ${email.data} created; they set up two-factor authentication at first sign-in.`,
        );
      });
    });
}
