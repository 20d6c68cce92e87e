import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileSectionSchemas, type ProfileSection } from '@palermo/contracts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedDemoCases } from '../demo/case-generator.js';
import { seedDemo } from '../demo/demo.seed.js';
import { seedDemoProfiles } from './demo-profiles.js';
import { semanticProblems } from './person-profile.checks.js';
import { sectionColumns } from './person-profile.service.js';

/** The demo's referral-form facts are what the person-profile module itself would accept, and are written once. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.platform.db.transaction().execute(async (tx) => {
    await seedDemo(tx, t.platform.cipher);
    await seedDemoCases(tx, t.platform.cipher, 150, { seed: 7 });
  });
}, 300_000);
afterAll(async () => t?.close());

describe('demo referral forms', () => {
  it('writes valid, encrypted sections for most synthetic cases, and nothing a second time', async () => {
    const written = await t.platform.db.transaction().execute((tx) => seedDemoProfiles(tx, t.platform.cipher));
    expect(written.profiles).toBeGreaterThan(50);
    const rows = await t.platform.db.selectFrom('person_profiles').selectAll().execute();
    expect(rows).toHaveLength(written.profiles);
    const invalid: string[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      for (const [section, column] of Object.entries(sectionColumns) as Array<[ProfileSection, keyof typeof row]>) {
        const blob = row[column] as Uint8Array | null;
        if (blob === null) continue;
        expect(Buffer.from(blob).toString('latin1')).not.toContain('SYNTHETIC');
        const value: unknown = JSON.parse(await t.platform.cipher.decrypt(blob, `person_profiles.${String(column)}:${row.case_id}`, t.platform.db));
        const parsed = profileSectionSchemas[section].safeParse(value);
        if (!parsed.success || semanticProblems(parsed.data, section).length > 0) invalid.push(`${section} ${JSON.stringify(value)} ${JSON.stringify(parsed.success ? semanticProblems(parsed.data, section) : parsed.error.issues)}`);
        seen.add(section);
      }
    }
    expect(invalid).toEqual([]);
    expect([...seen].sort()).toEqual(Object.keys(sectionColumns).sort());
    expect((await t.platform.db.transaction().execute((tx) => seedDemoProfiles(tx, t.platform.cipher))).profiles).toBe(0);
  }, 300_000);
});
