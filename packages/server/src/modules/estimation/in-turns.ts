/**
 * Long computations written as generators that yield at points where they may pause (a chain's step, a graph
 * evaluated): run to the end at once where the caller waits anyway, or in turns of a few milliseconds with the event
 * loop free between them, so that a server process computing in the background still answers its requests.
 */
export type InTurns<T> = Generator<void, T, void>;

/** How long one turn computes before the event loop gets its turn. */
const TURN_MS = 20;

export function toTheEnd<T>(steps: InTurns<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

export async function inTurns<T>(steps: InTurns<T>): Promise<T> {
  let turnStarted = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - turnStarted >= TURN_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      turnStarted = performance.now();
    }
  }
}
