import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/**
 * Master keys wrap the data keys that encrypt personal data (envelope encryption). They never enter the database.
 * Either the operator supplies one (`PALERMO_MASTER_KEY`, 32 bytes in base64), or one is generated on first start
 * into `<data dir>/keys/master-keys.json`, readable by its owner only. Retired keys stay in the file so that
 * backups made before a rotation can still be restored.
 */
const keyFile = z.object({
  current: z.string(),
  keys: z.array(z.object({ id: z.string(), key: z.string(), createdAt: z.string(), retiredAt: z.string().optional() })),
});
type KeyFile = z.infer<typeof keyFile>;

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class Keyring {
  private constructor(
    private keys: Map<string, Buffer>,
    private currentKeyId: string,
    private readonly file: string | undefined,
  ) {}

  get currentId(): string {
    return this.currentKeyId;
  }

  /** Loads the operator's key, or the key file, creating it with a new key if none exists. */
  static open(options: { dataDir: string; masterKey?: string | undefined; previousMasterKeys?: string[] }): Keyring {
    if (options.masterKey) {
      const keys = new Map<string, Buffer>();
      const current = decodeKey(options.masterKey, 'PALERMO_MASTER_KEY');
      const currentId = operatorKeyId(current);
      keys.set(currentId, current);
      for (const previous of options.previousMasterKeys ?? []) {
        const key = decodeKey(previous, 'PALERMO_PREVIOUS_MASTER_KEY');
        keys.set(operatorKeyId(key), key);
      }
      return new Keyring(keys, currentId, undefined);
    }
    const file = keyFilePath(options.dataDir);
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      const id = newKeyId();
      writeKeyFile(file, {
        current: id,
        keys: [{ id, key: randomBytes(KEY_BYTES).toString('base64'), createdAt: new Date().toISOString() }],
      });
    }
    const { keys, current } = readKeyFile(file);
    return new Keyring(keys, current, file);
  }

  /** Re-reads the key file: a running server picks up a rotation made by `palermo keys rotate`. */
  reload(): void {
    if (!this.file) return;
    const { keys, current } = readKeyFile(this.file);
    this.keys = keys;
    this.currentKeyId = current;
  }

  has(id: string): boolean {
    return this.keys.has(id);
  }

  /**
   * A key for one purpose (`purpose` names it, e.g. the audit entries' MAC key), derived from one master key with
   * HKDF-SHA-256, so that the master key itself only ever wraps data keys. Retired master keys stay derivable: what
   * was authenticated under them still verifies after a rotation. Undefined when the keyring lacks that master key.
   */
  derive(masterKeyId: string, purpose: string): Buffer | undefined {
    if (!this.keys.has(masterKeyId)) this.reload();
    const master = this.keys.get(masterKeyId);
    if (!master) return undefined;
    return Buffer.from(hkdfSync('sha256', master, 'palermo key derivation', purpose, KEY_BYTES));
  }

  wrap(dataKey: Buffer): { masterKeyId: string; wrapped: Buffer } {
    const master = this.keys.get(this.currentKeyId);
    if (!master) throw new Error('The current master key is missing from the keyring');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', master, iv);
    cipher.setAAD(Buffer.from(`palermo-data-key:${this.currentKeyId}`));
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return { masterKeyId: this.currentKeyId, wrapped: Buffer.concat([iv, cipher.getAuthTag(), body]) };
  }

  unwrap(masterKeyId: string, wrapped: Uint8Array): Buffer {
    if (!this.keys.has(masterKeyId)) this.reload();
    const master = this.keys.get(masterKeyId);
    if (!master) throw new Error(`Master key ${masterKeyId} is not in the keyring; was the key file replaced?`);
    const buffer = Buffer.from(wrapped);
    const decipher = createDecipheriv('aes-256-gcm', master, buffer.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(`palermo-data-key:${masterKeyId}`));
    decipher.setAuthTag(buffer.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(buffer.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  }

  /**
   * Adds a new current master key. With a key file, the file is rewritten atomically and the old key kept as retired;
   * with an operator key, the new key must be supplied (`newKey`) and the operator swaps the variables afterwards.
   */
  addNewCurrentKey(newKey?: string): { previousId: string; currentId: string } {
    const previousId = this.currentKeyId;
    if (!this.file) {
      if (!newKey) throw new Error('PALERMO_NEW_MASTER_KEY is required to rotate an operator-supplied master key');
      const key = decodeKey(newKey, 'PALERMO_NEW_MASTER_KEY');
      const id = operatorKeyId(key);
      this.keys.set(id, key);
      this.currentKeyId = id;
      return { previousId, currentId: id };
    }
    const content = keyFile.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    const id = newKeyId();
    const now = new Date().toISOString();
    const next: KeyFile = {
      current: id,
      keys: [
        ...content.keys.map((k) => (k.id === content.current ? { ...k, retiredAt: now } : k)),
        { id, key: randomBytes(KEY_BYTES).toString('base64'), createdAt: now },
      ],
    };
    writeKeyFile(this.file, next);
    this.reload();
    return { previousId, currentId: id };
  }
}

export function keyFilePath(dataDir: string): string {
  return join(dataDir, 'keys', 'master-keys.json');
}

function decodeKey(value: string, name: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${name} must be ${KEY_BYTES} random bytes encoded in base64`);
  return key;
}

function operatorKeyId(key: Buffer): string {
  return `operator-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

function newKeyId(): string {
  return `mk-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
}

function readKeyFile(file: string): { keys: Map<string, Buffer>; current: string } {
  const content = keyFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  const keys = new Map(content.keys.map((k) => [k.id, decodeKey(k.key, `key ${k.id} in ${file}`)]));
  if (!keys.has(content.current)) throw new Error(`The current master key ${content.current} is missing from ${file}`);
  return { keys, current: content.current };
}

function writeKeyFile(file: string, content: KeyFile): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}
