export const BACKUP_MAGIC = 'PALERMO-BACKUP';

export interface BackupHeader {
  readonly format: 1;
  readonly createdAt: string;
  readonly databaseKind: 'pglite' | 'postgres';
  readonly migrations: string[];
  readonly masterKeyId: string;
  readonly wrappedKey: string;
  readonly iv: string;
}
