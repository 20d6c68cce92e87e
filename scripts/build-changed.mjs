// Builds what changed since the last build (`npm start` and the install's `prepare` use it; `npm run build` builds
// everything).
//
// A build takes most of a start (the web app's alone about half a minute), so each package's build is skipped when
// nothing it is built from changed: a SHA-256 over its sources, its configuration and the lock file is kept beside
// its output (dist/.source-hash) and compared. A package is rebuilt when its hash differs, when its output is
// missing, or when a package it depends on was rebuilt.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Each package in build order, what its build reads, and the command that builds it. */
const packages = [
  { name: 'contracts', dir: 'packages/contracts', inputs: ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json'], build: ['run', 'build', '--workspace', '@palermo/contracts'] },
  { name: 'server', dir: 'packages/server', inputs: ['src', 'migrations', 'assets', 'package.json', 'tsconfig.json', 'tsconfig.build.json'], build: ['run', 'build', '--workspace', '@palermo/server'] },
  { name: 'web', dir: 'packages/web', inputs: ['src', 'public', 'index.html', 'package.json', 'tsconfig.json', 'vite.config.ts', 'locale-areas.ts'], build: ['run', 'build', '--workspace', '@palermo/web'] },
];

function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => filesUnder(join(path, entry.name)));
}

function sourceHash(pkg) {
  const hash = createHash('sha256');
  for (const input of [...pkg.inputs.map((i) => join(root, pkg.dir, i)), join(root, 'package-lock.json')]) {
    for (const file of filesUnder(input)) {
      hash.update(relative(root, file));
      hash.update('\0');
      hash.update(readFileSync(file));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

/** Builds the packages whose sources changed (and those after a rebuilt one); exits the process if a build fails. */
export function buildChanged() {
  let rebuiltBefore = false;
  for (const pkg of packages) {
    const stamp = join(root, pkg.dir, 'dist', '.source-hash');
    const hash = sourceHash(pkg);
    const current = existsSync(stamp) && readFileSync(stamp, 'utf8') === hash;
    if (current && !rebuiltBefore) continue;
    process.stderr.write(`Building ${pkg.name}...\n`);
    const result = spawnSync('npm', pkg.build, { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
    writeFileSync(stamp, hash);
    rebuiltBefore = true;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildChanged();
