import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { Keyring } from './keyring.js';
import { BlindIndex } from './blind-index.js';
import { RecordKeys } from './record-keys.js';

const FORMAT_VERSION = 1;
const KEY_ID_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + KEY_ID_BYTES + IV_BYTES + TAG_BYTES;

/**
 * Encrypts fields that identify a person with AES-256-GCM under a data key. Each ciphertext names its data key and is
 * bound to where it belongs (`table.column:recordId` as additional data), so a value copied to another record or
 * column fails to decrypt.
 *
 * Layout: version (1) | data key id (16) | iv (12) | tag (16) | ciphertext.
 */
export class FieldCipher {
  private readonly dataKeys = new Map<string, Buffer>();
  private activeKeyId: string | undefined;
  private blindIndex: BlindIndex | undefined;
  private statisticsRecordKeys: RecordKeys | undefined;

  constructor(private readonly keyring: Keyring) {}

  /** The keyed blind index for searching encrypted names and birth dates (loaded by init()). */
  get index(): BlindIndex {
    if (!this.blindIndex) throw new Error('FieldCipher used before init()');
    return this.blindIndex;
  }

  /** The keyed record keys of the statistics' cell-key method (loaded by init()). */
  get recordKeys(): RecordKeys {
    if (!this.statisticsRecordKeys) throw new Error('FieldCipher used before init()');
    return this.statisticsRecordKeys;
  }

  /** Loads every data key (unwrapped in memory only), makes sure one is active for new writes, and loads the index key. */
  async init(db: Db): Promise<void> {
    await this.loadDataKeys(db);
    this.blindIndex = await BlindIndex.open(db, this.keyring);
    this.statisticsRecordKeys = await RecordKeys.open(db, this.keyring);
  }

  private async loadDataKeys(db: Db): Promise<void> {
    const rows = await db.selectFrom('data_keys').selectAll().where('purpose', '=', 'field_encryption').orderBy('created_at').execute();
    for (const row of rows) this.dataKeys.set(row.id, this.keyring.unwrap(row.master_key_id, row.wrapped_key));
    const active = rows.filter((r) => r.retired_at === null).at(-1);
    if (active) {
      this.activeKeyId = active.id;
      return;
    }
    const id = randomUUID();
    const key = randomBytes(32);
    const { masterKeyId, wrapped } = this.keyring.wrap(key);
    await db.insertInto('data_keys').values({ id, master_key_id: masterKeyId, wrapped_key: wrapped }).execute();
    this.dataKeys.set(id, key);
    this.activeKeyId = id;
  }

  encrypt(plaintext: string, binding: string): Buffer {
    return this.encryptBytes(Buffer.from(plaintext, 'utf8'), binding);
  }

  /** The same envelope for bytes (a document's content), in the same layout. */
  encryptBytes(plaintext: Uint8Array, binding: string): Buffer {
    const keyId = this.activeKeyId;
    const key = keyId ? this.dataKeys.get(keyId) : undefined;
    if (!keyId || !key) throw new Error('FieldCipher used before init()');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(binding, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([Buffer.of(FORMAT_VERSION), uuidToBytes(keyId), iv, cipher.getAuthTag(), body]);
  }

  encryptOptional(plaintext: string | undefined | null, binding: string): Buffer | null {
    return plaintext === undefined || plaintext === null ? null : this.encrypt(plaintext, binding);
  }

  async decrypt(blob: Uint8Array, binding: string, db: Db): Promise<string> {
    return (await this.decryptBytes(blob, binding, db)).toString('utf8');
  }

  async decryptBytes(blob: Uint8Array, binding: string, db: Db): Promise<Buffer> {
    const buffer = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
    if (buffer.length < HEADER_BYTES || buffer[0] !== FORMAT_VERSION) throw new Error('Unknown ciphertext format');
    const keyId = bytesToUuid(buffer.subarray(1, 1 + KEY_ID_BYTES));
    let key = this.dataKeys.get(keyId);
    if (!key) {
      const row = await db.selectFrom('data_keys').selectAll().where('id', '=', keyId).executeTakeFirst();
      if (!row) throw new Error(`Data key ${keyId} not found`);
      key = this.keyring.unwrap(row.master_key_id, row.wrapped_key);
      this.dataKeys.set(keyId, key);
    }
    const ivStart = 1 + KEY_ID_BYTES;
    const decipher = createDecipheriv('aes-256-gcm', key, buffer.subarray(ivStart, ivStart + IV_BYTES));
    decipher.setAAD(Buffer.from(binding, 'utf8'));
    decipher.setAuthTag(buffer.subarray(ivStart + IV_BYTES, HEADER_BYTES));
    return Buffer.concat([decipher.update(buffer.subarray(HEADER_BYTES)), decipher.final()]);
  }

  async decryptOptional(blob: Uint8Array | null, binding: string, db: Db): Promise<string | null> {
    return blob === null ? null : this.decrypt(blob, binding, db);
  }
}

function uuidToBytes(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function bytesToUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
