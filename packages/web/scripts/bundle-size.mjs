#!/usr/bin/env node
// The first load's compressed script: the entry script named by dist/index.html, every chunk it imports statically,
// and the words of the pages before sign-in (the first render waits for them; the largest language's is counted),
// each gzip-compressed, beside all the app's script chunks. Other lazy chunks (dynamic import()) are not part of it.
//
//   node packages/web/scripts/bundle-size.mjs [dist folder]        prints a figure line (JSON) on stdout
// Without a folder it measures packages/web/dist, built first when its sources changed (npm run bench runs it so).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** gzip at level 9, as Vite reports sizes and as a server that compresses static files ahead of time would. */
function gzipSize(bytes) {
  return gzipSync(bytes, { level: 9 }).length;
}

/** The files a module imports statically (`import ... from "./x.js"`, `import "./x.js"`), resolved to dist-relative paths. */
function staticImports(code, file) {
  const found = new Set();
  const patterns = [/\bimport\s*(?:[\w*${}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g, /\bexport\s*[\w*${}\s,]+?\s*from\s*["']([^"']+\.js)["']/g];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) {
      const target = match[1];
      if (target.startsWith('.') || target.startsWith('/')) {
        found.add(target.startsWith('/') ? target.slice(1) : posix.join(posix.dirname(file), target));
      }
    }
  }
  return [...found];
}

/** Sizes of the first load and of all script in a built web app (Vite's dist). */
export function measureFirstLoad(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1].replace(/^\//, ''));
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1].replace(/^\//, ''));
  if (entries.length === 0) throw new Error(`${dist}/index.html names no module script`);
  const firstLoad = new Set();
  const queue = [...entries, ...preloads];
  while (queue.length > 0) {
    const file = queue.shift();
    if (firstLoad.has(file)) continue;
    firstLoad.add(file);
    queue.push(...staticImports(readFileSync(join(dist, file), 'utf8'), file));
  }
  const assets = readdirSync(join(dist, 'assets'));
  const startWords = assets
    .filter((name) => /^_?words-[a-z]+-start-.*\.js$/.test(name))
    .map((name) => `assets/${name}`)
    .sort((a, b) => gzipSize(readFileSync(join(dist, b))) - gzipSize(readFileSync(join(dist, a))));
  if (startWords[0] === undefined) throw new Error(`${dist} holds no words-<language>-start chunk (locale-areas.ts)`);
  firstLoad.add(startWords[0]);
  const files = [...firstLoad].map((file) => ({ file, gzip: gzipSize(readFileSync(join(dist, file))) }));
  const all = assets
    .filter((name) => name.endsWith('.js'))
    .map((name) => gzipSize(readFileSync(join(dist, 'assets', name))));
  const sum = (values) => values.reduce((a, b) => a + b, 0);
  return { files, firstLoadGzip: sum(files.map((f) => f.gzip)), allGzip: sum(all), chunks: all.length };
}

const kB = (bytes) => Math.round((bytes / 1000) * 10) / 10;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let dist = process.argv[2];
  if (dist === undefined) {
    // The app's own dist/, built first if its sources changed since (as npm start does).
    const { buildChanged } = await import('../../../scripts/build-changed.mjs');
    buildChanged();
    dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  }
  const measured = measureFirstLoad(dist);
  for (const { file, gzip } of measured.files) process.stderr.write(`first load: ${file} ${kB(gzip)} kB gzip\n`);
  process.stdout.write(
    `${JSON.stringify({
      bench: 'web-bundle',
      metric: 'first_load_gzip',
      value: kB(measured.firstLoadGzip),
      unit: 'kB',
      baseline: `all ${measured.chunks} script chunks (${kB(measured.allGzip)} kB)`,
      ratio: Math.round((measured.firstLoadGzip / measured.allGzip) * 1000) / 1000,
      db: 'none',
    })}\n`,
  );
}
