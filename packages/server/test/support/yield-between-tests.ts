import { afterEach } from 'vitest';

/**
 * After each test, one turn of the event loop before the next. A test file whose tests compute for long without
 * awaiting anything (the model average's reference checks, tens of seconds each) would otherwise run them back to
 * back without the worker reading the runner's answers to its progress reports; past a minute the runner reports
 * "Timeout calling onTaskUpdate" and fails the run although every test passed.
 */
afterEach(async () => {
  await new Promise<void>((resolve) => setImmediate(resolve));
});
