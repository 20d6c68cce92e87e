import { z } from 'zod';

/** First line of every archive. */
export const BACKUP_MAGIC = 'PALERMO-BACKUP';

/** The archive format this version writes and reads. */
export const BACKUP_FORMAT = 2;

/**
 * The clear header (second line of the file). Everything after it is a sequence of frames, each authenticated on its
 * own (AES-256-GCM under a fresh archive key wrapped by the master key), holding a gzip stream of table sections.
 * See archive-stream.ts for the frames and sections.ts for what they carry.
 */
export const backupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.string(),
  databaseKind: z.enum(['pglite', 'postgres']),
  migrations: z.array(z.string()),
  masterKeyId: z.string(),
  wrappedKey: z.string(),
  /** How the rows are written: PostgreSQL COPY text format, one table section after another. */
  rows: z.literal('copy-text'),
});

export type BackupHeader = z.infer<typeof backupHeader>;

/** Reads the header line, refusing other formats with a message saying what to do. */
export function parseHeader(file: string, line: string): BackupHeader {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new Error(`${file}: unreadable backup header`);
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (typeof format === 'number' && format !== BACKUP_FORMAT) {
    throw new Error(
      format < BACKUP_FORMAT
        ? `${file} is a backup in format ${format}, which this version no longer reads (format ${BACKUP_FORMAT} streams and authenticates each part): restore it with the version that wrote it, then take a new backup`
        : `${file} is a backup in format ${format}, newer than this version reads (${BACKUP_FORMAT}): upgrade Palermo first`,
    );
  }
  const parsed = backupHeader.safeParse(json);
  if (!parsed.success) throw new Error(`${file}: unreadable backup header (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data;
}
