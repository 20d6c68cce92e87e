// `npm start`: builds what changed since the last build (scripts/build-changed.mjs), then runs `palermo start` with
// the arguments given.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildChanged } from './build-changed.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
buildChanged();
const server = spawnSync(process.execPath, [join(root, 'packages/server/bin/palermo.js'), 'start', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(server.status ?? 1);
