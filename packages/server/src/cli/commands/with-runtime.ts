import { loadConfig } from '../../platform/config.js';
import { openRuntime, type Runtime } from '../../platform/runtime.js';

/** Opens the configured database (migrating it), runs the command, and always closes it. */
export async function withRuntime<T>(holder: string, fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(loadConfig(), holder);
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}
