import type { Db } from '../db/database.js';
import type { Keyring } from '../crypto/keyring.js';
import { isAlertOpen, raiseAlert, type AlertKind } from './alerts.js';
import { checkpointAuditLog, type CheckpointOutcome } from './checkpoint.js';

/**
 * One periodic check: verifies the audit log against the newest checkpoint and writes a new one if it holds. When it
 * does not, the readers of the audit log get an alert (once while it stays open: the same kind is not raised again
 * until someone acknowledges it, however the details change as the log grows): a checkpoint the log no longer matches, or any other failed verification.
 */
export async function checkAndCheckpoint(db: Db, keyring: Keyring, dir: string): Promise<CheckpointOutcome> {
  const outcome = await checkpointAuditLog(db, keyring, dir);
  if (!outcome.written) {
    const verification = outcome.verification;
    const kind: AlertKind = verification === null || verification.checkpoint?.matches === false ? 'audit.checkpoint_mismatch' : 'audit.verification_failed';
    const summary = `audit log verification failed, no checkpoint written: ${outcome.reason}`;
    if (!(await isAlertOpen(db, kind))) await raiseAlert(db, { kind, summary });
  }
  return outcome;
}

/**
 * Runs the check a minute after start (so that a server restarted more often than the interval still writes
 * checkpoints), then every `minutes`, until stopped (the server runs one).
 */
export function startCheckpointJob(db: Db, keyring: Keyring, dir: string, minutes: number, onError: (error: unknown) => void): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running.then(() => checkAndCheckpoint(db, keyring, dir)).catch(onError);
  };
  const first = setTimeout(run, Math.min(60_000, minutes * 60_000));
  const timer = setInterval(run, minutes * 60_000);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
