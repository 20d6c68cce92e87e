import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import type { Keyring } from '../crypto/keyring.js';
import { verifyAuditChain, type TrustedCheckpoint, type VerifyResult } from './verify.js';

/**
 * Signed checkpoints of the audit chain's head, written outside the database and outside the data folder. Someone
 * with the database owner's rights can cut entries from the end of the log and reset its head, or empty it: the chain
 * alone cannot show that, a checkpoint written earlier does. Each is signed with Ed25519 (a key derived from the
 * master key, never stored); checking one needs only its public key.
 */
const FORMAT = 'palermo-audit-checkpoint/1';
const SIGNING_KEY_PURPOSE = 'palermo audit checkpoint signing v1';
/** PKCS #8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410): how node:crypto accepts a seed as a private key. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const FILE_PATTERN = /^audit-checkpoint-(\d{12})-[0-9TZ]+\.json$/;

const checkpointFile = z.object({
  format: z.literal(FORMAT),
  seq: z.number().int().min(0),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  entryCount: z.number().int().min(0),
  createdAt: z.iso.datetime(),
  keyId: z.string().min(1),
  /** The Ed25519 public key, SubjectPublicKeyInfo DER in base64. */
  publicKey: z.string().min(1),
  signature: z.string().min(1),
});
export type Checkpoint = z.infer<typeof checkpointFile>;

function signedContent(c: Omit<Checkpoint, 'signature'>): Buffer {
  return Buffer.from(JSON.stringify([c.format, c.seq, c.headHash, c.entryCount, c.createdAt, c.keyId, c.publicKey]), 'utf8');
}

/** The checkpoint signing key of one master key, derived (HKDF) from it. */
function signingKey(keyring: Keyring, masterKeyId: string): KeyObject | undefined {
  const seed = keyring.derive(masterKeyId, SIGNING_KEY_PURPOSE);
  if (!seed) return undefined;
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** The public key that checks checkpoints signed under a master key (base64 SubjectPublicKeyInfo DER). */
export function checkpointPublicKey(keyring: Keyring, masterKeyId = keyring.currentId): string | undefined {
  const key = signingKey(keyring, masterKeyId);
  return key ? createPublicKey(key).export({ format: 'der', type: 'spki' }).toString('base64') : undefined;
}

/** The real path of a folder that may not exist yet: its nearest existing ancestor followed through symbolic links. */
function realPathOf(path: string): string {
  const absolute = resolve(path);
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = dirname(absolute);
  return parent === absolute ? absolute : join(realPathOf(parent), basename(absolute));
}

/**
 * Refuses a checkpoint folder inside the data folder: whoever can replace the data folder could replace both. Both are
 * compared as real paths (a folder still to be made, under a link into the data folder, is inside it), and only a
 * path that climbs out (`..` as a whole segment) is outside: a folder named `..checkpoints` in the data folder is not.
 */
export function assertCheckpointDirOutsideData(dataDir: string, checkpointDir: string): void {
  const inside = relative(realPathOf(dataDir), realPathOf(checkpointDir));
  const outside = inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside);
  if (!outside) {
    throw new Error(
      `The audit checkpoint folder ${checkpointDir} lies inside the data folder ${dataDir}. Checkpoints must be kept where ` +
        'whoever controls the database and the data folder cannot rewrite them: set PALERMO_AUDIT_CHECKPOINT_DIR to a folder outside it ' +
        '(ideally on other storage, copied off the machine).',
    );
  }
}

/** Signs the given head and writes it to the folder (atomically: a reader never sees half a file). */
export function writeCheckpointFile(keyring: Keyring, dir: string, head: { seq: number; headHash: string; entryCount: number }): { file: string; checkpoint: Checkpoint } {
  const keyId = keyring.currentId;
  const key = signingKey(keyring, keyId);
  if (!key) throw new Error(`The current master key ${keyId} is missing from the keyring`);
  const createdAt = new Date().toISOString();
  const unsigned = { format: FORMAT, seq: head.seq, headHash: head.headHash, entryCount: head.entryCount, createdAt, keyId, publicKey: createPublicKey(key).export({ format: 'der', type: 'spki' }).toString('base64') } as const;
  const checkpoint: Checkpoint = { ...unsigned, signature: sign(null, signedContent(unsigned), key).toString('base64') };
  mkdirSync(dir, { recursive: true, mode: 0o750 });
  const file = join(dir, `audit-checkpoint-${String(head.seq).padStart(12, '0')}-${createdAt.replace(/[-:.]/g, '')}.json`);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(checkpoint, null, 2)}\n`, { mode: 0o640 });
  renameSync(temporary, file);
  return { file, checkpoint };
}

/**
 * Reads a checkpoint file and checks its signature. The public key it carries must be one this installation holds
 * (derived from a master key in the keyring) or one the operator recorded and passes in `trustedPublicKeys`: a
 * checkpoint signed by any other key proves nothing.
 */
export function readCheckpointFile(file: string, keyring: Keyring, trustedPublicKeys: readonly string[] = []): Checkpoint & TrustedCheckpoint {
  let parsed: Checkpoint;
  try {
    parsed = checkpointFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new Error(`${file} is not an audit checkpoint: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const { signature, ...unsigned } = parsed;
  const publicKey = createPublicKey({ key: Buffer.from(parsed.publicKey, 'base64'), format: 'der', type: 'spki' });
  if (!verify(null, signedContent(unsigned), publicKey, Buffer.from(signature, 'base64'))) {
    throw new Error(`The checkpoint ${file} does not match its signature: it was altered after it was written`);
  }
  const trusted = trustedPublicKeys.includes(parsed.publicKey) || checkpointPublicKey(keyring, parsed.keyId) === parsed.publicKey;
  if (!trusted) {
    throw new Error(`The checkpoint ${file} is signed by a key this installation does not hold (key id ${parsed.keyId}): it proves nothing`);
  }
  return parsed;
}

/** The newest checkpoint file in the folder (highest position, then latest time), or undefined. */
export function latestCheckpointFile(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((name) => FILE_PATTERN.test(name)).sort();
  const newest = files.at(-1);
  return newest ? join(dir, newest) : undefined;
}

export type CheckpointOutcome =
  | { readonly written: true; readonly file: string; readonly checkpoint: Checkpoint; readonly verification: VerifyResult }
  | { readonly written: false; readonly reason: string; readonly verification: VerifyResult | null };

/**
 * Verifies the log against the newest checkpoint in the folder and, if the chain is intact, signs and writes a new
 * checkpoint of its head. A chain that is not intact is never signed (that would bless the tampering). Entries marked
 * forged by the sealer do not stop a checkpoint: they are part of the chain, marked, and alerted on already.
 */
export async function checkpointAuditLog(db: Db, keyring: Keyring, dir: string): Promise<CheckpointOutcome> {
  const previousFile = latestCheckpointFile(dir);
  let previous: TrustedCheckpoint | undefined;
  if (previousFile) {
    try {
      previous = readCheckpointFile(previousFile, keyring);
    } catch (error) {
      return { written: false, reason: error instanceof Error ? error.message : String(error), verification: null };
    }
  }
  const verification = await verifyAuditChain(db, { checkpoint: previous });
  if (!verification.chainIntact || verification.headHash === null || verification.headSeq === null) {
    return { written: false, reason: verification.problem ?? 'the audit head is missing', verification };
  }
  const { file, checkpoint } = writeCheckpointFile(keyring, dir, {
    seq: verification.headSeq,
    headHash: verification.headHash,
    entryCount: verification.entriesChecked,
  });
  return { written: true, file, checkpoint, verification };
}
