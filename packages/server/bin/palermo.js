#!/usr/bin/env node
// The operator's command line: the compiled server in dist/, built at install by the root package's `prepare` script
// (and again by `npm run build`, `npm run build:server` or `npm start`). Plain Node, no TypeScript loader.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('palermo: the server is not built (no dist/cli/main.js); run `npm run build` at the repository root\n');
  process.exit(1);
}
warnIfSourcesChangedSinceBuild();
await import(main.href);

/** In a working copy, a source edited after the last build would otherwise be silently ignored: say so on stderr. */
function warnIfSourcesChangedSinceBuild() {
  const built = fileURLToPath(new URL('../dist/.tsbuildinfo', import.meta.url));
  if (!existsSync(built)) return;
  const builtAt = statSync(built).mtimeMs;
  const sources = [new URL('../src', import.meta.url), new URL('../../contracts/src', import.meta.url)].map((url) => fileURLToPath(url));
  const compiled = (name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.test-support.ts');
  const changed = sources.some((dir) => existsSync(dir) && readdirSync(dir, { recursive: true, withFileTypes: true })
    .some((entry) => entry.isFile() && compiled(entry.name) && statSync(join(entry.parentPath, entry.name)).mtimeMs > builtAt));
  if (changed) process.stderr.write('palermo: sources changed since the last build; this runs the built dist/ (rebuild: npm run build:server)\n');
}
