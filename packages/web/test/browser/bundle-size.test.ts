import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
// @ts-expect-error a plain JavaScript script (scripts/bundle-size.mjs), also run on its own by npm run bench
import { measureFirstLoad } from '../../scripts/bundle-size.mjs';

/** The built web app the browser tests use: packages/web/dist, or the build named by PALERMO_WEB_DIST. */
const dist = process.env['PALERMO_WEB_DIST'] ?? fileURLToPath(new URL('../../dist', import.meta.url));

describe('the first load', () => {
  it('is under 150 kB of compressed script (the entry, its static imports and the words of the sign-in page)', () => {
    const measured = measureFirstLoad(dist) as { firstLoadGzip: number; files: { file: string }[] };
    expect(measured.files.some((f) => /words-[a-z]+-start/.test(f.file))).toBe(true);
    expect(measured.firstLoadGzip).toBeLessThan(150_000);
  });
});
