import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '@palermo/contracts';
import { inProcessPalermo, temporaryDataDir } from '../../../test/support/cli.js';
import { registerDemo } from './demo.js';

/** `palermo demo` says how many users it made and prints every credential with its organisation and role. */
const palermo = inProcessPalermo(registerDemo);
const data = temporaryDataDir('palermo-demo-cli-');
beforeAll(() => data.use());
afterAll(() => data.restore());

describe('palermo demo', () => {
  let first = '';
  it('counts the users it prints, and names each one’s organisation and role', async () => {
    const result = await palermo('demo');
    expect(result.exitCode, result.stderr).toBe(0);
    first = result.stdout;
    const said = Number(/seeded: \d+ organisations, (\d+) users/.exec(first)?.[1]);
    const lines = first.split('\n').filter((line) => /@\S+\s+\S+$/.test(line.trim()) && line.includes('@'));
    expect(lines.length).toBe(said);
    expect(said).toBeGreaterThanOrEqual(roles.length);
    expect(first).toMatch(/Role\s+Organisation\s+E-mail\s+Password/);
    // Every role appears, each line with an organisation between role and address.
    for (const role of roles) {
      const words = role.charAt(0).toUpperCase() + role.slice(1).replace(/_/g, ' ');
      expect(lines.some((line) => line.trim().startsWith(words)), role).toBe(true);
    }
    for (const line of lines) expect(line.trim().split(/\s{2,}/)).toHaveLength(4);
  }, 600_000);

  it('a second run creates no one and says so', async () => {
    const again = await palermo('demo');
    expect(again.stdout).toMatch(/0 users/);
    expect(again.stdout).toContain('No new users');
  }, 600_000);
});
