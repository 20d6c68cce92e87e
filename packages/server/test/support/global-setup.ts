import { testDatabaseKind } from './test-database.js';
import { writeTemplate } from './pglite-template.js';

/** Once per run, before any test file: the migrated embedded database the test apps start from (pglite-template.ts). */
export default async function setup(): Promise<void> {
  if (testDatabaseKind === 'pglite') await writeTemplate();
}
