import type { Db } from '../db/database.js';
import type { Platform } from './context.js';

/** Runs a use case in one transaction: its reads, writes and audit entries commit together or not at all. */
export function inTransaction<T>(platform: Platform, fn: (tx: Db) => Promise<T>): Promise<T> {
  return platform.db.transaction().execute(fn);
}
