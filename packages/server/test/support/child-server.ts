import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A second server process for tests that need two: `palermo start --json` from the sources, resolved with the URL it
 * listens on once it prints its start line. The caller passes the whole environment (database, data folder, port).
 */
export async function startChildServer(env: NodeJS.ProcessEnv): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--conditions=palermo-source', '--import', 'tsx', join(serverDir, 'src', 'cli', 'main.ts'), 'start', '--json'], {
    cwd: serverDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the second server did not start: ${output}`)), 90_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      const started = JSON.parse(line) as { ok: boolean; url?: string };
      if (started.ok && started.url) resolve(started.url);
      else reject(new Error(line));
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`the second server exited (${code}): ${output}`)));
  });
  return { process: child, url };
}
