import { createCipheriv, createDecipheriv } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/**
 * The encrypted body of an archive: a sequence of frames, each one `length (4 bytes, big-endian; the top bit marks the
 * last frame) | ciphertext | GCM tag (16 bytes)`. Each frame is encrypted under the archive key with a nonce made of
 * its position and the last-frame mark, and authenticates the archive's clear header as associated data (the
 * "STREAM" construction of online authenticated encryption). A reader therefore releases only plaintext that has been
 * authenticated, and notices a frame altered, dropped, reordered or moved from another archive, a header changed,
 * and an archive cut short (no frame marked last) or extended (bytes after it).
 */
export const MAX_FRAME = 1 << 20;
const TAG = 16;
const LAST = 0x80000000;

function nonce(index: bigint, last: boolean): Buffer {
  const iv = Buffer.alloc(12);
  iv.writeBigUInt64BE(index, 0);
  iv[11] = last ? 1 : 0;
  return iv;
}

/** Encrypts what goes through it into frames; the empty last frame is written when the input ends. */
class Framer extends Transform {
  private index = 0n;
  constructor(
    private readonly key: Buffer,
    private readonly header: Buffer,
  ) {
    super();
  }

  private frame(plain: Buffer, last: boolean): Buffer {
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce(this.index++, last));
    cipher.setAAD(this.header);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE((plain.length | (last ? LAST : 0)) >>> 0);
    return Buffer.concat([length, body, cipher.getAuthTag()]);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    for (let at = 0; at < chunk.length; at += MAX_FRAME) this.push(this.frame(chunk.subarray(at, at + MAX_FRAME), false));
    done();
  }

  override _flush(done: TransformCallback): void {
    this.push(this.frame(Buffer.alloc(0), true));
    done();
  }
}

/**
 * Writes an archive as a stream: the clear header, then the gzipped, framed, encrypted body. The file appears under
 * its name only once complete (it is written beside it as `.partial` and renamed), so a failed backup never leaves
 * something that looks like an archive.
 */
export class ArchiveWriter {
  private readonly gzip = createGzip({ level: 3 });
  private readonly partial: string;
  private readonly done: Promise<void>;
  private failed: unknown;
  bytes = 0;

  constructor(
    private readonly file: string,
    header: Buffer,
    key: Buffer,
  ) {
    this.partial = `${file}.partial`;
    const out = createWriteStream(this.partial, { mode: 0o600 });
    out.write(header);
    this.bytes = header.length;
    const count = new Transform({
      transform: (chunk: Buffer, _encoding, next) => {
        this.bytes += chunk.length;
        next(null, chunk);
      },
    });
    this.done = pipeline(this.gzip, new Framer(key, header), count, out);
    this.done.catch((error: unknown) => {
      this.failed = error;
    });
  }

  /** Writes plaintext, waiting while the file cannot keep up (memory stays bounded). */
  async write(data: Buffer | string): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.gzip.write(data)) await Promise.race([once(this.gzip, 'drain'), this.done]);
  }

  async finish(): Promise<number> {
    this.gzip.end();
    await this.done;
    await rename(this.partial, this.file);
    return this.bytes;
  }

  async abandon(): Promise<void> {
    this.gzip.destroy();
    await this.done.catch(() => undefined);
    await rm(this.partial, { force: true });
  }
}

/** Reads exactly the bytes asked for from a stream of chunks, holding no more than one frame. */
class ByteQueue {
  private chunks: Buffer[] = [];
  private size = 0;
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
  }
  get length(): number {
    return this.size;
  }
  take(n: number): Buffer {
    const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    this.chunks = all.length > n ? [all.subarray(n)] : [];
    this.size = all.length - n;
    return all.subarray(0, n);
  }
  peekUInt32(): number {
    const head = this.chunks.length === 1 || (this.chunks[0]?.length ?? 0) >= 4 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    return head.readUInt32BE(0);
  }
}

export class ArchiveDamaged extends Error {}

/**
 * Yields the body's plaintext, frame by frame, each only after its tag has been checked; throws ArchiveDamaged on
 * the first frame that fails, on a missing last frame and on bytes after it.
 */
export async function* authenticatedFrames(file: string, bodyStart: number, header: Buffer, key: Buffer): AsyncGenerator<Buffer> {
  const queue = new ByteQueue();
  let index = 0n;
  let ended = false;
  const damaged = (what: string) => new ArchiveDamaged(`${file} failed authentication (${what}): it is damaged, cut short or was altered`);
  for await (const chunk of createReadStream(file, { start: bodyStart, highWaterMark: 256 * 1024 })) {
    if (ended) throw damaged('bytes after the last part');
    queue.push(chunk as Buffer);
    while (!ended && queue.length >= 4) {
      const word = queue.peekUInt32();
      const last = (word & LAST) !== 0;
      const length = (word & ~LAST) >>> 0;
      if (length > MAX_FRAME) throw damaged('a part longer than any this version writes');
      if (queue.length < 4 + length + TAG) break;
      const frame = queue.take(4 + length + TAG);
      const decipher = createDecipheriv('aes-256-gcm', key, nonce(index++, last));
      decipher.setAAD(header);
      decipher.setAuthTag(frame.subarray(4 + length));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(frame.subarray(4, 4 + length)), decipher.final()]);
      } catch {
        throw damaged(`part ${index}`);
      }
      if (last) ended = true;
      if (plain.length > 0) yield plain;
    }
    if (ended && queue.length > 0) throw damaged('bytes after the last part');
  }
  if (!ended) throw damaged('the last part is missing');
}
