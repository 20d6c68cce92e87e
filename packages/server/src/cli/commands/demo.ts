import type { Command } from 'commander';
import { withRuntime } from './with-runtime.js';
import { output } from '../output.js';
import { seedDemo, demoCountry } from '../../modules/demo/demo.seed.js';
import { seedDemoCases } from '../../modules/demo/case-generator.js';
import { seedDemoAccounts } from '../../modules/demo/demo-accounts.js';
import { seedDemoProfiles } from '../../modules/person-profile/demo-profiles.js';
import { seedDemoProsecution } from '../../modules/demo/demo.prosecution.js';
import { seedDemoNetwork } from '../../modules/demo/demo.network.js';
import { seedDemoProceedings } from '../../modules/demo/demo.proceedings.js';
import { seedDemoActionPlan } from '../../modules/demo/demo.action-plan.js';
import { seedDemoRecommendations } from '../../modules/demo/demo.recommendations.js';
import { seedDemoDeterminants } from '../../modules/demo/demo.determinants.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Seed a synthetic country (clearly labelled): an organisation of every type, a user per role, about 2,000 cases in every stage, a prosecution history, an action plan, recommendations of monitoring bodies and determinants assessments; prints the new credentials once')
    .option('--json', 'machine-readable summary, credentials included')
    .action(async (options: { json?: boolean }) => {
      await withRuntime('palermo demo', async ({ database, cipher }) => {
        const summary = await database.db.transaction().execute(async (tx) => {
          const demo = await seedDemo(tx, cipher);
          const cases = await seedDemoCases(tx, cipher);
          const accounts = await seedDemoAccounts(tx, cipher);
          const forms = await seedDemoProfiles(tx, cipher);
          const prosecution = await seedDemoProsecution(tx, cipher);
          const network = await seedDemoNetwork(tx, cipher);
          const proceedings = await seedDemoProceedings(tx, cipher);
          const plan = await seedDemoActionPlan(tx);
          const recommendations = await seedDemoRecommendations(tx, plan.activityIds);
          const determinants = await seedDemoDeterminants(tx, demoCountry, recommendations.ids, plan.indicatorIds);
          const credentials = [...demo.credentials, ...cases.credentials, ...plan.credentials];
          // Every user created is counted, the caseworkers of the generated cases' organisations too.
          return { ...demo, usersCreated: credentials.length, casesCreated: cases.casesCreated, situationsCreated: accounts.situations, exploitersCreated: accounts.exploiters, referralFormsCreated: forms.profiles, operationsCreated: prosecution.operations, suspectsCreated: prosecution.suspects, proceedingStepsCreated: prosecution.steps, networkLinksCreated: network.links, victimsInProceedingsCreated: proceedings.victims, crossBorderRequestsCreated: proceedings.requests, planActivitiesCreated: plan.activities, planIndicatorsCreated: plan.indicators, recommendationsCreated: recommendations.recommendations, determinantAssessmentsCreated: determinants.assessments, credentials };
        });
        const lines = credentialTable(summary.credentials);
        output(Boolean(options.json)).result(
          { ok: true, synthetic: true, country: demoCountry, ...summary },
          [
            `Synthetic country "${demoCountry}" seeded: ${summary.organisationsCreated} organisations, ${summary.usersCreated} users, ${summary.personsCreated} synthetic persons, ${summary.casesCreated} synthetic cases in every stage, with ${summary.situationsCreated} exploitation situations and ${summary.exploitersCreated} exploiters in their accounts and ${summary.referralFormsCreated} referral forms; a prosecution history of ${summary.operationsCreated} operations with ${summary.suspectsCreated} suspects and ${summary.proceedingStepsCreated} steps from arrest to appeal, ${summary.networkLinksCreated} network links, ${summary.victimsInProceedingsCreated} victims in proceedings and ${summary.crossBorderRequestsCreated} cross-border requests; an action plan with ${summary.planActivitiesCreated} activities and ${summary.planIndicatorsCreated} indicators, ${summary.recommendationsCreated} recommendations of monitoring bodies and ${summary.determinantAssessmentsCreated} determinants assessments.`,
            'ALL OF THIS IS SYNTHETIC DEMO DATA. Each user sets up two-factor authentication at first sign-in.',
            ...(lines.length > 0 ? ['Credentials (shown once):', ...lines] : ['No new users: credentials were shown when they were created.']),
          ].join('\n'),
        );
      });
    });
}

/** A role as a person reads it: national_admin -> National admin. */
const roleWords = (role: string) => role.charAt(0).toUpperCase() + role.slice(1).replace(/_/g, ' ');

/** One line per credential: role, organisation, e-mail address, password, in aligned columns. */
export function credentialTable(credentials: readonly { role: string; organisation: string; email: string; password: string }[]): string[] {
  if (credentials.length === 0) return [];
  const rows = [['Role', 'Organisation', 'E-mail', 'Password'], ...credentials.map((c) => [roleWords(c.role), c.organisation, c.email, c.password])];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => `  ${row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column] ?? 0) : cell)).join('  ')}`);
}
