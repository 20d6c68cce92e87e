import { createHmac, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { Keyring } from './keyring.js';

/** Record keys run from 0 to RECORD_KEY_RANGE - 1; a cell's key is the sum of its records' keys modulo the range. */
export const RECORD_KEY_RANGE = 256;

/**
 * The record keys of the cell-key method (docs/decisions/0005-cell-key-perturbation.md): each statistical record
 * carries a fixed key, the HMAC-SHA-256 of a stable identifier of the person it stands for (or of the imported row),
 * reduced to 0..255. The HMAC key is derived (HKDF) from a random data key kept in `data_keys` wrapped by the master
 * key, like the blind index's: the database alone cannot recompute a key, and the keys stay the same across refreshes
 * of the dataset and across master key rotation (which re-wraps the data key without changing it). Keys drawn afresh
 * at each refresh would let anyone allowed to refresh average the noise away.
 */
export class RecordKeys {
  private constructor(private readonly key: Buffer) {}

  /** Loads the record-key data key (unwrapped in memory only), creating it on first use. */
  static async open(db: Db, keyring: Keyring): Promise<RecordKeys> {
    const existing = await db
      .selectFrom('data_keys')
      .selectAll()
      .where('purpose', '=', 'statistics_record_key')
      .orderBy('created_at')
      .orderBy('id')
      .executeTakeFirst();
    if (existing) return RecordKeys.fromDataKey(keyring.unwrap(existing.master_key_id, existing.wrapped_key));
    const dataKey = randomBytes(32);
    const { masterKeyId, wrapped } = keyring.wrap(dataKey);
    await db.insertInto('data_keys').values({ id: randomUUID(), master_key_id: masterKeyId, wrapped_key: wrapped, purpose: 'statistics_record_key' }).execute();
    // Two processes starting at once may both create one: the oldest wins, for both.
    return RecordKeys.open(db, keyring);
  }

  /** From the data key itself (tests, and the loader above): HKDF separates this use from any other of the key. */
  static fromDataKey(dataKey: Buffer): RecordKeys {
    return new RecordKeys(Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'palermo statistics record keys v1', 32)));
  }

  /** The record key of an identifier: the first byte of its HMAC (uniform over 0..255). */
  keyOf(identifier: string): number {
    return createHmac('sha256', this.key).update(identifier).digest()[0] ?? 0;
  }

  /** The key of a person of the country's dataset (the representative person id of everyone known to be them). */
  ofPerson(personId: string): number {
    return this.keyOf(`person:${personId}`);
  }

  /** The key of a row of an imported file, identified by the file's SHA-256 and the row number. */
  ofImportedRow(sha256: string, sourceRow: number): number {
    return this.keyOf(`imported:${sha256}:${sourceRow}`);
  }

  /**
   * A keyed fingerprint of exact statistical data (e.g. an overlap table whose counts are displayed perturbed), under
   * a key HKDF-separated from the record keys': the same data give the same fingerprint, and without the key nobody
   * can test guesses of the exact counts against it, as they could against a plain hash.
   */
  fingerprint(data: string): string {
    const key = Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), 'palermo statistics data fingerprint v1', 32));
    return createHmac('sha256', key).update(data).digest('hex');
  }
}
