import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import anyAscii from 'any-ascii';
import { doubleMetaphone } from 'double-metaphone';
import type { Db } from '../db/database.js';
import type { Keyring } from './keyring.js';

/**
 * Keyed blind indexes let caseworkers find people by name or birth date although both are stored encrypted. Each name
 * is split into tokens, transliterated to ASCII (any script), lower-cased and stripped of diacritics; each token and
 * its phonetic codes (Double Metaphone, so "Youssef" finds "Yusuf") are HMAC-SHA-256'd under a key that never leaves
 * the server unwrapped. The database sees only the HMACs: without the key they reveal nothing, and equal names give
 * equal tokens only inside this installation.
 */
export class BlindIndex {
  private constructor(private readonly key: Buffer) {}

  /** Loads the index key (wrapped by the master key, like the data keys), creating it on first use. */
  static async open(db: Db, keyring: Keyring): Promise<BlindIndex> {
    const row = await db.selectFrom('data_keys').selectAll().where('purpose', '=', 'blind_index').orderBy('created_at').executeTakeFirst();
    if (row) return new BlindIndex(keyring.unwrap(row.master_key_id, row.wrapped_key));
    const key = randomBytes(32);
    const { masterKeyId, wrapped } = keyring.wrap(key);
    await db.insertInto('data_keys').values({ id: randomUUID(), master_key_id: masterKeyId, wrapped_key: wrapped, purpose: 'blind_index' }).execute();
    return new BlindIndex(key);
  }

  private hmac(kind: string, value: string): string {
    return createHmac('sha256', this.key).update(`${kind}:${value}`).digest('base64url').slice(0, 22);
  }

  /** Index tokens for the name parts of a person (given names, family names, pseudonyms, aliases). */
  nameTokens(...names: Array<string | null | undefined>): string[] {
    const tokens = new Set<string>();
    for (const token of nameParts(names)) {
      tokens.add(this.hmac('n', token));
      for (const code of doubleMetaphone(token)) if (code) tokens.add(this.hmac('p', code));
    }
    return [...tokens];
  }

  /** Exact-spelling tokens only (used to rank exact matches above phonetic ones). */
  exactNameTokens(...names: Array<string | null | undefined>): string[] {
    return nameParts(names).map((token) => this.hmac('n', token));
  }

  /**
   * The token of an entity's identifying value (a company, plate, phone number, address, account), so that the same
   * value recorded in two operations is found as one entity: transliterated, lower-cased, reduced to letters and
   * digits (phone numbers to digits), each kind under its own prefix.
   */
  entityToken(kind: string, value: string): string {
    const plain = anyAscii(value).toLowerCase();
    const normalised = kind === 'phone_number' ? plain.replace(/[^0-9]/g, '') : plain.replace(/[^a-z0-9]+/g, kind === 'address' || kind === 'company' ? ' ' : '').trim();
    return this.hmac(`e:${kind}`, normalised);
  }

  birthDateToken(date: string | null | undefined): string | null {
    return date ? this.hmac('d', date) : null;
  }
}

/** Normalised name tokens: transliterated to ASCII, lower case, letters only, at least two characters. */
export function nameParts(names: Array<string | null | undefined>): string[] {
  const parts = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    for (const part of anyAscii(name).toLowerCase().split(/[^a-z]+/)) if (part.length >= 2) parts.add(part);
  }
  return [...parts];
}
