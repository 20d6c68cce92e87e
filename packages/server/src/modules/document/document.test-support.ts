import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import piexif from 'piexifjs';
import sharp from 'sharp';
import { SESSION_COOKIE, createSession } from '../../platform/auth/sessions.js';
import type { TestApp } from '../../../test/support/test-app.js';

export interface Part {
  readonly name: string;
  readonly value: string | Buffer;
  readonly fileName?: string;
  readonly contentType?: string;
}

/** A multipart/form-data body, written out as a browser sends it (so a test controls every byte, names included). */
export function multipart(parts: readonly Part[]): { body: Buffer; contentType: string } {
  const boundary = `----palermo${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.fileName === undefined ? '' : `; filename="${part.fileName}"`}`;
    const type = part.fileName === undefined ? '' : `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`), Buffer.from(part.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface Uploader {
  upload(caseId: string, parts: readonly Part[]): Promise<LightMyRequestResponse>;
  raw(caseId: string, body: Buffer, contentType: string): Promise<LightMyRequestResponse>;
}

/** A signed-in user sending uploads (the test client sends JSON only). */
export async function uploaderFor(t: TestApp, user: { id: string }): Promise<Uploader> {
  await t.platform.db.updateTable('users').set({ totp_enrolled_at: new Date() }).where('id', '=', user.id).where('totp_enrolled_at', 'is', null).execute();
  const { token } = await createSession(t.platform.db, user.id, 'active', { idleSeconds: 1800, absoluteSeconds: 3600 });
  const session = await t.platform.db.selectFrom('sessions').select('csrf_token').where('user_id', '=', user.id).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  const raw = (caseId: string, body: Buffer, contentType: string) =>
    t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/documents`, cookies: { [SESSION_COOKIE]: token }, headers: { 'x-csrf-token': session.csrf_token, 'content-type': contentType }, payload: body });
  return {
    raw,
    upload: (caseId, parts) => {
      const { body, contentType } = multipart(parts);
      return raw(caseId, body, contentType);
    },
  };
}

/** The usual upload: a type, and one file under this name. */
export const documentParts = (fileName: string, content: Buffer, documentType = 'identity_document', forDecision?: boolean): Part[] => [
  { name: 'documentType', value: documentType },
  ...(forDecision === undefined ? [] : [{ name: 'forDecision', value: String(forDecision) }]),
  { name: 'file', value: content, fileName },
];

/** A small, complete PDF (header, one empty page, trailer, end-of-file marker). */
export function pdf(text = 'Palermo test document'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n` +
      `3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

/** Where the photograph was taken, as a phone writes it: 38deg 7' 12" N, 13deg 21' 36" E (Palermo). */
export const gpsOfPalermo = { latitude: [[38, 1], [7, 1], [12, 1]], longitude: [[13, 1], [21, 1], [36, 1]] } as const;

/** A real JPEG photograph carrying EXIF: camera, date and the GPS position (written by piexifjs). */
export async function jpegWithGps(): Promise<Buffer> {
  const plain = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } }).jpeg().toBuffer();
  const exif = piexif.dump({
    '0th': { [piexif.ImageIFD.Make]: 'PhoneMaker', [piexif.ImageIFD.Model]: 'Phone 12', [piexif.ImageIFD.Software]: 'Camera 1.0' },
    Exif: { [piexif.ExifIFD.DateTimeOriginal]: '2026:03:14 09:26:53' },
    GPS: {
      [piexif.GPSIFD.GPSLatitudeRef]: 'N',
      [piexif.GPSIFD.GPSLatitude]: gpsOfPalermo.latitude.map((r) => [...r]),
      [piexif.GPSIFD.GPSLongitudeRef]: 'E',
      [piexif.GPSIFD.GPSLongitude]: gpsOfPalermo.longitude.map((r) => [...r]),
    },
  });
  return Buffer.from(piexif.insert(exif, plain.toString('binary')), 'binary');
}

/** The GPS tags a JPEG carries (none when it has no EXIF). */
export function gpsTagsOf(jpeg: Buffer): Record<string, unknown> {
  try {
    return piexif.load(jpeg.toString('binary')).GPS ?? {};
  } catch {
    return {};
  }
}

/** A PNG image. */
export const png = () => sharp({ create: { width: 20, height: 20, channels: 4, background: { r: 0, g: 120, b: 200, alpha: 1 } } }).png().toBuffer();
