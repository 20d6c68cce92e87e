/**
 * Child processes for the benchmarks: servers that announce themselves with one JSON line on stdout, and commands run
 * to completion. Every child is tracked so that it is killed whatever happens to the benchmark (error, signal, exit).
 */
import { spawn, type ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();

/** Last resort (synchronous, for `process.on('exit')`): SIGKILL whatever is still running. */
export function killAllChildren(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  live.clear();
}

export interface Spawned {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last lines the child wrote on stderr, for error messages. */
  stderrTail(): string;
}

interface SpawnOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Called with each complete stdout line. */
  readonly onLine?: (line: string) => void;
}

function start(name: string, command: string, args: readonly string[], options: SpawnOptions): Spawned & { stdout(): string } {
  const child = spawn(command, [...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let stdout = '';
  let pending = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line) options.onLine?.(line);
      newline = pending.indexOf('\n');
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (error) => {
      stderr += `\n${error.message}`;
      live.delete(child);
      resolve({ code: null, signal: null });
    });
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });
  return { name, child, exited, stderrTail: () => stderr.trim().split('\n').slice(-15).join('\n'), stdout: () => stdout };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Starts a server process and waits for its `{"ok":true,"url":...}` line. Rejects (and kills the child) if it prints
 * `ok:false`, exits first, or is not listening within the timeout.
 */
export async function startServerProcess(
  name: string,
  command: string,
  args: readonly string[],
  options: Omit<SpawnOptions, 'onLine'> & { readonly timeoutMs?: number },
): Promise<{ server: Spawned; url: string }> {
  let announce: (url: string) => void = () => undefined;
  let refuse: (error: Error) => void = () => undefined;
  const ready = new Promise<string>((resolve, reject) => {
    announce = resolve;
    refuse = reject;
  });
  const server = start(name, command, args, {
    ...options,
    onLine: (line) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        return;
      }
      if (typeof parsed !== 'object' || parsed === null) return;
      const record = parsed as Record<string, unknown>;
      if (record['ok'] === true && typeof record['url'] === 'string') announce(record['url']);
      else if (record['ok'] === false) refuse(new Error(`${name}: ${String(record['error'])}`));
    },
  });
  void server.exited.then(({ code, signal }) =>
    refuse(new Error(`${name} exited before listening (code ${String(code)}, signal ${String(signal)}):\n${server.stderrTail()}`)),
  );
  try {
    const url = await withTimeout(ready, options.timeoutMs ?? 90_000, name);
    return { server, url };
  } catch (error) {
    await stopProcess(server);
    throw error;
  }
}

/** SIGTERM, then SIGKILL if the process has not exited after `graceMs`. Resolves with how it ended. */
export async function stopProcess(
  spawned: Spawned,
  graceMs = 20_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; killed: boolean }> {
  const { child } = spawned;
  if (child.exitCode !== null || child.signalCode !== null) return { ...(await spawned.exited), killed: false };
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const forced = new Promise<'forced'>((resolve) => {
    timer = setTimeout(() => resolve('forced'), graceMs);
  });
  const outcome = await Promise.race([spawned.exited, forced]);
  clearTimeout(timer);
  if (outcome === 'forced') {
    child.kill('SIGKILL');
    return { ...(await spawned.exited), killed: true };
  }
  return { ...outcome, killed: false };
}

/** Runs a command to completion and returns its stdout; rejects on a non-zero exit or after the timeout. */
export async function runCommand(
  name: string,
  command: string,
  args: readonly string[],
  options: Omit<SpawnOptions, 'onLine'> & { readonly timeoutMs?: number; readonly allowFailure?: boolean },
): Promise<{ code: number | null; stdout: string }> {
  const spawned = start(name, command, args, options);
  let result: { code: number | null; signal: NodeJS.Signals | null };
  try {
    result = await withTimeout(spawned.exited, options.timeoutMs ?? 120_000, name);
  } catch (error) {
    await stopProcess(spawned, 2_000);
    throw error;
  }
  if (result.code !== 0 && !options.allowFailure) {
    throw new Error(`${name} failed (code ${String(result.code)}, signal ${String(result.signal)}):\n${spawned.stderrTail()}\n${spawned.stdout().slice(-2000)}`);
  }
  return { code: result.code, stdout: spawned.stdout() };
}

/** The last line of a command's stdout that parses as a JSON object. */
export function lastJsonObject(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n').reverse();
  for (const line of lines) {
    try {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // not JSON: keep looking
    }
  }
  throw new Error(`No JSON object in the output:\n${stdout.slice(-2000)}`);
}
