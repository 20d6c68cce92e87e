import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { documentMediaTypes, hasBidiControl, maxDocumentBytes, maxDocumentFileNameLength, type DocumentMediaType } from '@palermo/contracts';
import { badRequest } from '../../platform/http/errors.js';

/** What is stored of an uploaded file: its name (folders dropped), its format as recognised, its bytes. */
export interface CheckedFile {
  readonly fileName: string;
  readonly mediaType: DocumentMediaType;
  readonly content: Buffer;
}

const formatNames: Record<DocumentMediaType, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG image', 'image/png': 'PNG image' };
const accepted = 'must be a PDF, JPEG or PNG file';

/** An image decoded by sharp may not exceed this many pixels (a small file can unpack to gigabytes). */
const maxImagePixels = 60_000_000;

/**
 * The name kept for a file: the last segment of whatever path the browser sent (`C:\fakepath\x.pdf`, `../../x.pdf`),
 * without control or bidirectional characters (which could make `gpj.exe` display as `exe.jpg`). The name is only
 * ever shown and offered back as a download name: no file is ever written under it.
 */
export function cleanFileName(raw: string): string {
  const last = raw.split(/[/\\]/).at(-1) ?? '';
  const kept = [...last].filter((c) => !/\p{Cc}/u.test(c) && !hasBidiControl(c)).join('').trim();
  return [...kept].slice(-maxDocumentFileNameLength).join('');
}

/**
 * Checks an uploaded file by its content, never by its name: it must be a PDF, JPEG or PNG, named as what it is, not
 * empty and within the size limit. Images are decoded and encoded again, which keeps the picture and drops everything
 * else: EXIF (the camera, the time, the GPS position), XMP, IPTC, comments, and any bytes hidden after the image. A
 * refusal names the field (`file`); nothing is stored.
 */
export async function checkFile(rawName: string, content: Buffer): Promise<CheckedFile> {
  const fileName = cleanFileName(rawName);
  if (fileName === '') throw badRequest('file', 'must have a file name');
  if (content.length === 0) throw badRequest('file', 'is empty');
  if (content.length > maxDocumentBytes) throw badRequest('file', 'must be at most 20 MiB');
  const detected = await fileTypeFromBuffer(content);
  const mediaType = detected && detected.mime in documentMediaTypes ? (detected.mime as DocumentMediaType) : undefined;
  if (!mediaType) throw badRequest('file', `${accepted}; its content is ${detected ? `a .${detected.ext} file` : 'not one of them'}`);
  const extension = fileName.includes('.') ? fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase() : '';
  if (!(documentMediaTypes[mediaType] as readonly string[]).includes(extension)) {
    throw badRequest('file', `is a ${formatNames[mediaType]} but its name says ${extension ? `.${extension}` : 'nothing'}; name it .${documentMediaTypes[mediaType][0]}`);
  }
  if (mediaType === 'application/pdf') return { fileName, mediaType, content: checkPdf(content) };
  const stripped = await reencode(content, mediaType);
  if (stripped.length > maxDocumentBytes) throw badRequest('file', 'must be at most 20 MiB');
  return { fileName, mediaType, content: stripped };
}

/** A PDF starts with its header and ends with an end-of-file marker (a truncated upload does not). */
function checkPdf(content: Buffer): Buffer {
  if (!content.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw badRequest('file', `${accepted}; it does not start as a PDF does`);
  if (!content.subarray(-1024).includes('%%EOF')) throw badRequest('file', 'is not a complete PDF (no end-of-file marker)');
  return content;
}

/** The image drawn again without metadata; turned upright first, since the orientation tag goes with the rest. */
async function reencode(content: Buffer, mediaType: 'image/jpeg' | 'image/png'): Promise<Buffer> {
  try {
    const image = sharp(content, { limitInputPixels: maxImagePixels, failOn: 'error' }).rotate();
    return mediaType === 'image/jpeg' ? await image.jpeg({ quality: 90 }).toBuffer() : await image.png().toBuffer();
  } catch {
    throw badRequest('file', `is not a readable ${formatNames[mediaType]}`);
  }
}
