import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBackup } from '../../platform/backup/backup.js';
import { restoreBackup } from '../../platform/backup/restore.js';
import { FieldCipher } from '../../platform/crypto/field-cipher.js';
import { migrate } from '../../platform/db/migrate.js';
import { systemActor } from '../../platform/audit/audit.js';
import { clientFor, createTestApp, insertOrganisation, insertUser, type TestApp, type TestUser } from '../../../test/support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { openCase } from '../case-record/case-record.test-support.js';
import { downloadDocument, listDocuments } from './document.service.js';
import { documentParts, jpegWithGps, pdf, uploaderFor } from './document.test-support.js';

let t: TestApp;
let target: TestDatabase | undefined;
let dir: string;
let user: TestUser;
let ngoId: string;

beforeAll(async () => {
  t = await createTestApp();
  dir = mkdtempSync(join(tmpdir(), 'palermo-document-backup-'));
  ngoId = await insertOrganisation(t, 'ngo', ['NORTH']);
  user = await insertUser(t, ngoId, ['caseworker']);
});
afterAll(async () => {
  await target?.drop();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('documents in a backup', () => {
  it('are in the archive only encrypted, and restore byte for byte (a document of several chunks, an image)', async () => {
    const client = await clientFor(t, user);
    const uploader = await uploaderFor(t, user);
    const c = await openCase(client);
    const scan = Buffer.concat([pdf('Birth certificate of Ioana Marinescu').subarray(0, -7), Buffer.alloc(3 * 1024 * 1024 + 17, 'z'), Buffer.from('\n%%EOF\n')]);
    const uploaded: Array<{ id: string; sent: Buffer }> = [];
    for (const [name, content] of [['birth-certificate.pdf', scan], ['photo.jpg', await jpegWithGps()]] as const) {
      const response = await uploader.upload(c.id, documentParts(name, content));
      expect(response.statusCode, response.body).toBe(200);
      uploaded.push({ id: response.json<{ id: string }>().id, sent: content });
    }
    const subject = { userId: user.id, organisationId: ngoId, organisationType: 'ngo' as const, jurisdictions: ['NORTH'], roles: [...user.roles] };
    const before = await Promise.all(uploaded.map(({ id }) => t.platform.db.transaction().execute((tx) => downloadDocument(tx, t.platform.cipher, subject, systemActor('test'), c.id, id))));

    const archive = join(dir, 'documents.palermo-backup');
    const summary = await writeBackup(t.platform.database, t.platform.keyring, archive, { postgresUrl: t.testDb.url });
    expect(summary.tables['case_documents']).toBe(2);
    expect(summary.tables['case_document_chunks']).toBe(5);
    const bytes = readFileSync(archive);
    for (const needle of ['Marinescu', 'birth-certificate', '%PDF-']) expect(bytes.includes(Buffer.from(needle))).toBe(false);

    target = await createTestDatabase();
    await migrate(target.database);
    await new FieldCipher(t.platform.keyring).init(target.database.db);
    await restoreBackup(target.database, t.platform.keyring, archive, { postgresUrl: target.url });
    const restoredCipher = new FieldCipher(t.platform.keyring);
    await restoredCipher.init(target.database.db);
    const db = target.database.db;
    const listed = await db.transaction().execute((tx) => listDocuments(tx, restoredCipher, subject, systemActor('test'), c.id));
    expect(listed?.map((d) => d.fileName)).toEqual(['birth-certificate.pdf', 'photo.jpg']);
    for (const [i, { id }] of uploaded.entries()) {
      const after = await db.transaction().execute((tx) => downloadDocument(tx, restoredCipher, subject, systemActor('test'), c.id, id));
      expect(after?.content.equals(before[i]?.content ?? Buffer.alloc(0))).toBe(true);
    }
    expect(before[0]?.content.equals(scan)).toBe(true);
  });
});
