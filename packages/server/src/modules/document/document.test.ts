import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentView } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp, type TestUser } from '../../../test/support/test-app.js';
import { openCase, post, shareForReferral } from '../case-record/case-record.test-support.js';
import { documentParts, gpsTagsOf, jpegWithGps, pdf, png, uploaderFor, type Uploader } from './document.test-support.js';

let t: TestApp;
let ngoId: string;
let shelterId: string;
let authorityId: string;
let caseworkerUser: TestUser;
let caseworker: Client;
let uploader: Uploader;
let shelter: Client;
let shelterUploader: Uploader;
let otherNgo: Client;
let decisionMaker: Client;
let investigator: Client;
let coordinator: Client;

beforeAll(async () => {
  t = await createTestApp();
  ngoId = await insertOrganisation(t, 'ngo', ['NORTH']);
  shelterId = await insertOrganisation(t, 'shelter', ['NORTH']);
  authorityId = await insertOrganisation(t, 'competent_authority');
  const otherNgoId = await insertOrganisation(t, 'ngo', ['NORTH']);
  const police = await insertOrganisation(t, 'law_enforcement', ['NORTH']);
  const coordination = await insertOrganisation(t, 'national_coordinator');
  caseworkerUser = await insertUser(t, ngoId, ['caseworker']);
  caseworker = await clientFor(t, caseworkerUser);
  uploader = await uploaderFor(t, caseworkerUser);
  const shelterUser = await insertUser(t, shelterId, ['caseworker']);
  shelter = await clientFor(t, shelterUser);
  shelterUploader = await uploaderFor(t, shelterUser);
  otherNgo = await clientFor(t, await insertUser(t, otherNgoId, ['caseworker', 'supervisor']));
  decisionMaker = await clientFor(t, await insertUser(t, authorityId, ['decision_maker']));
  investigator = await clientFor(t, await insertUser(t, police, ['investigator']));
  coordinator = await clientFor(t, await insertUser(t, coordination, ['national_coordinator']));
});
afterAll(async () => t.close());

const documentCount = async () => Number((await sql<{ n: string }>`select count(*) as n from case_documents`.execute(t.platform.db)).rows[0]?.n);
const listOf = async (client: Client, caseId: string) => client.request('GET', `/api/cases/${caseId}/documents`);
const documentsSeenBy = async (client: Client, caseId: string): Promise<DocumentView[]> => {
  const response = await listOf(client, caseId);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ documents: DocumentView[] }>().documents;
};
const download = (client: Client, caseId: string, documentId: string) => client.request('GET', `/api/cases/${caseId}/documents/${documentId}/content`);
async function attach(caseId: string, fileName: string, content: Buffer, documentType = 'identity_document', forDecision?: boolean) {
  const response = await uploader.upload(caseId, documentParts(fileName, content, documentType, forDecision));
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ id: string; byteSize: number; mediaType: string }>();
}
const issuesOf = (body: string) => (JSON.parse(body) as { issues: Array<{ field: string; problem: string }> }).issues;

/** A request for a decision on victim status: the authority's share of the case. */
async function sendForDecision(caseId: string) {
  await t.platform.db.insertInto('case_shares').values({ id: randomUUID(), case_id: caseId, organisation_id: authorityId, purpose: 'identification_decision', person_fields: ['pseudonym'], granted_by: caseworkerUser.id, granted_at: new Date() }).execute();
}

describe('attaching and downloading a document', () => {
  it('stores a PDF encrypted (name and content) and gives it back byte for byte, as an attachment only, audited', async () => {
    const c = await openCase(caseworker);
    const content = pdf('Passport of Ana Popescu, number 0571');
    const added = await attach(c.id, 'passport-ana.pdf', content);
    expect(added).toMatchObject({ mediaType: 'application/pdf', byteSize: content.length });

    const [listed] = await documentsSeenBy(caseworker, c.id);
    expect(listed).toMatchObject({ id: added.id, caseId: c.id, documentType: 'identity_document', fileName: 'passport-ana.pdf', mediaType: 'application/pdf', forDecision: false });

    const response = await download(caseworker, c.id, added.id);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(content)).toBe(true);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="passport-ana.pdf"');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain('sandbox');
    expect(response.headers['cache-control']).toContain('no-store');

    // At rest: neither the name nor the content in clear.
    const stored = await t.platform.db.selectFrom('case_documents').select('file_name').where('id', '=', added.id).executeTakeFirstOrThrow();
    const chunks = await t.platform.db.selectFrom('case_document_chunks').select('content').where('document_id', '=', added.id).execute();
    expect(Buffer.from(stored.file_name).includes('passport')).toBe(false);
    expect(chunks.length).toBe(1);
    expect(chunks.some((chunk) => Buffer.from(chunk.content).includes('Popescu'))).toBe(false);

    const audit = await t.platform.db.selectFrom('audit_log').select(['action', 'summary', 'outcome']).where('record_id', '=', added.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['document.upload', 'document.download']);
    expect(audit.map((a) => a.summary).join(' ')).not.toContain('passport');
  });

  it('keeps a document of several chunks whole, and a chunk moved to another position fails to decrypt', async () => {
    const c = await openCase(caseworker);
    const big = Buffer.concat([pdf().subarray(0, -7), Buffer.alloc(2.5 * 1024 * 1024, 'x'), Buffer.from('\n%%EOF\n')]);
    const added = await attach(c.id, 'scan.pdf', big, 'medical_letter');
    const response = await download(caseworker, c.id, added.id);
    expect(response.rawPayload.equals(big)).toBe(true);
    const swap = (from: number, to: number) => sql`update case_document_chunks set position = ${to} where document_id = ${added.id} and position = ${from}`.execute(t.platform.db);
    await swap(0, 19);
    await swap(1, 0);
    await swap(19, 1);
    expect((await download(caseworker, c.id, added.id)).statusCode).toBe(500);
  });

  it('takes the location and every other metadata out of a photograph (a real JPEG carrying GPS EXIF)', async () => {
    const photo = await jpegWithGps();
    expect(Object.keys(gpsTagsOf(photo)).length).toBeGreaterThan(0);
    expect(photo.includes('PhoneMaker')).toBe(true);
    const c = await openCase(caseworker);
    const added = await attach(c.id, 'IMG_0042.JPG', photo);
    const response = await download(caseworker, c.id, added.id);
    const served = response.rawPayload;
    expect(response.headers['content-type']).toBe('image/jpeg');
    expect(gpsTagsOf(served)).toEqual({});
    expect(served.includes('PhoneMaker')).toBe(false);
    expect(served.includes('Exif')).toBe(false);
    const metadata = await sharp(served).metadata();
    expect(metadata.exif).toBeUndefined();
    expect([metadata.width, metadata.height]).toEqual([64, 48]);
  });

  it('accepts a PNG, re-encoded without its text chunks', async () => {
    const image = await sharp(await png()).withMetadata().png().toBuffer();
    const c = await openCase(caseworker);
    const added = await attach(c.id, 'consent.png', image, 'signed_consent');
    const served = (await download(caseworker, c.id, added.id)).rawPayload;
    expect((await sharp(served).metadata()).format).toBe('png');
  });
});

describe('bad input: 400 naming the field, nothing stored', () => {
  const refused = async (parts: Parameters<Uploader['upload']>[1], field: string, problem: RegExp) => {
    const c = await openCase(caseworker);
    const before = await documentCount();
    const response = await uploader.upload(c.id, parts);
    expect(response.statusCode, response.body).toBe(400);
    expect(issuesOf(response.body)).toEqual([{ field, problem: expect.stringMatching(problem) }]);
    expect(await documentCount()).toBe(before);
  };

  it('a program renamed .pdf', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(400, 1)]);
    exe.writeUInt32LE(64, 60);
    await refused(documentParts('letter.pdf', exe), 'file', /must be a PDF, JPEG or PNG file/);
  });

  it('a PNG named .pdf, a PDF named .jpg', async () => {
    await refused(documentParts('letter.pdf', await png()), 'file', /is a PNG image but its name says \.pdf/);
    await refused(documentParts('photo.jpg', pdf()), 'file', /is a PDF but its name says \.jpg/);
  });

  it('HTML, and a JPEG header in front of a web page (a polyglot that does not decode)', async () => {
    await refused(documentParts('page.pdf', Buffer.from('<html><script>alert(1)</script></html>')), 'file', /must be a PDF, JPEG or PNG file/);
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<html><script>alert(document.cookie)</script></html>')]);
    await refused(documentParts('photo.jpg', fake), 'file', /is not a readable JPEG image/);
  });

  it('an empty file, a file over 20 MiB, no file, an unknown type, a second file, an unknown field', async () => {
    await refused(documentParts('empty.pdf', Buffer.alloc(0)), 'file', /is empty/);
    const oversize = Buffer.concat([pdf().subarray(0, -7), Buffer.alloc(20 * 1024 * 1024, 'x'), Buffer.from('\n%%EOF\n')]);
    await refused(documentParts('big.pdf', oversize), 'file', /at most 20 MiB/);
    await refused([{ name: 'documentType', value: 'identity_document' }], 'file', /required/);
    await refused(documentParts('a.pdf', pdf(), 'selfie'), 'documentType', /must be one of the listed options/);
    await refused([...documentParts('a.pdf', pdf()), { name: 'file', value: pdf(), fileName: 'b.pdf' }], 'file', /one file/);
    await refused([...documentParts('a.pdf', pdf()), { name: 'path', value: '/etc' }], 'path', /not a field/);
  });

  it('a JSON body instead of a form', async () => {
    const c = await openCase(caseworker);
    const response = await post(caseworker, `/api/cases/${c.id}/documents`, { documentType: 'other' });
    expect(response.statusCode).toBe(400);
    expect(issuesOf(response.body)[0]?.field).toBe('file');
  });
});

describe('attacks', () => {
  it('a polyglot image (a JPEG with a web page after it) is stored as the picture alone', async () => {
    const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).jpeg().toBuffer();
    const polyglot = Buffer.concat([photo, Buffer.from('<html><script>fetch("/api/cases")</script></html>')]);
    const c = await openCase(caseworker);
    const added = await attach(c.id, 'photo.jpg', polyglot);
    const response = await download(caseworker, c.id, added.id);
    expect(response.rawPayload.includes('<script')).toBe(false);
    expect(response.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('a PDF that is also a web page is only ever handed over as a PDF attachment, never as a page', async () => {
    const polyglot = Buffer.concat([pdf().subarray(0, -7), Buffer.from('<html><body><script>fetch("/api/cases")</script></body></html>\n%%EOF\n')]);
    const c = await openCase(caseworker);
    const added = await attach(c.id, 'letter.pdf', polyglot);
    for (const accept of ['text/html', '*/*']) {
      const response = await caseworker.request('GET', `/api/cases/${c.id}/documents/${added.id}/content`, undefined, { accept });
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe('attachment; filename="letter.pdf"');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    }
  });

  it('a path in the file name keeps only the name; control and bidirectional characters are dropped', async () => {
    const c = await openCase(caseworker);
    const added = await attach(c.id, '..\\..\\windows\\../../etc/passwd.pdf', pdf());
    expect((await documentsSeenBy(caseworker, c.id))[0]?.fileName).toBe('passwd.pdf');
    expect((await download(caseworker, c.id, added.id)).headers['content-disposition']).toBe('attachment; filename="passwd.pdf"');
    // "invoice\u202Efdp.exe" would display as "invoiceexe.pdf"; the override character goes, the bell too.
    const spoof = await attach(c.id, 'invoice\u202Egpj\u0007.pdf', pdf());
    const response = await download(caseworker, c.id, spoof.id);
    expect(response.headers['content-disposition']).toBe('attachment; filename="invoicegpj.pdf"');
    const arabic = await attach(c.id, 'رسالة طبية.pdf', pdf());
    expect((await download(caseworker, c.id, arabic.id)).headers['content-disposition']).toBe(`attachment; filename="????? ????.pdf"; filename*=UTF-8''${encodeURIComponent('رسالة طبية.pdf')}`);
  });

  it("a document of another case is not reached through a case the user may read, nor marked through it", async () => {
    const mine = await openCase(caseworker);
    const theirs = await openCase(otherNgo);
    const theirsRef = await otherNgo.request('GET', `/api/cases/${theirs.id}`);
    expect(theirsRef.statusCode).toBe(200);
    const added = await attach(mine.id, 'letter.pdf', pdf('secret letter'));
    // The other organisation reads its own case, and tries the document id through it.
    expect((await download(otherNgo, theirs.id, added.id)).statusCode).toBe(404);
    expect((await otherNgo.request('PATCH', `/api/cases/${theirs.id}/documents/${added.id}`, { forDecision: true })).statusCode).toBe(404);
    expect((await download(otherNgo, mine.id, added.id)).statusCode).toBe(404);
    expect((await listOf(otherNgo, mine.id)).statusCode).toBe(404);
    expect((await otherNgo.request('PATCH', `/api/cases/${mine.id}/documents/${added.id}`, { forDecision: true })).statusCode).toBe(404);
    const upload = await uploaderFor(t, { id: otherNgo.userId });
    expect((await upload.upload(mine.id, documentParts('x.pdf', pdf()))).statusCode).toBe(404);
    const denied = await t.platform.db.selectFrom('audit_log').select(['action']).where('record_id', '=', mine.id).where('outcome', '=', 'denied').execute();
    expect(denied.map((d) => d.action)).toEqual(expect.arrayContaining(['document.download', 'document.list', 'document.mark', 'document.upload']));
  });
});

describe('who sees the documents', () => {
  it('no receiver (before or after accepting), no law enforcement (with consent or without), no coordinator', async () => {
    const c = await openCase(caseworker);
    const added = await attach(c.id, 'medical.pdf', pdf(), 'medical_letter', true);
    const refusedTo = async (client: Client) => {
      expect((await listOf(client, c.id)).statusCode).not.toBe(200);
      expect((await download(client, c.id, added.id)).statusCode).not.toBe(200);
    };
    await refusedTo(investigator);
    expect((await post(caseworker, `/api/cases/${c.id}/consents`, { purpose: 'law_enforcement', status: 'given', method: 'verbal' })).statusCode).toBe(200);
    expect((await investigator.request('GET', `/api/cases/${c.id}`)).statusCode).toBe(200);
    await refusedTo(investigator);
    await refusedTo(coordinator);
    await shareForReferral(t, c.id, shelterId, caseworkerUser.id);
    expect((await shelter.request('GET', `/api/cases/${c.id}`)).statusCode).toBe(200);
    await refusedTo(shelter);
    expect((await shelterUploader.upload(c.id, documentParts('x.pdf', pdf()))).statusCode).toBe(404);
    await sql`insert into referrals (id, case_id, kind, service, from_organisation_id, to_organisation_id, status, person_fields, consent_event_id, share_id, sent_by, sent_at, accepted_by, accepted_at)
      select ${randomUUID()}, s.case_id, 'service', 'shelter', ${ngoId}, s.organisation_id, 'accepted', s.person_fields, s.consent_event_id, s.id, ${caseworkerUser.id}, now(), ${shelter.userId}, now()
      from case_shares s where s.case_id = ${c.id} and s.organisation_id = ${shelterId}`.execute(t.platform.db);
    await refusedTo(shelter);
  });

  it('the competent authority sees the documents marked for the decision, and only those', async () => {
    const c = await openCase(caseworker);
    const forDecision = await attach(c.id, 'statement.pdf', pdf(), 'legal_letter', true);
    const health = await attach(c.id, 'health.pdf', pdf(), 'medical_letter');
    expect((await listOf(decisionMaker, c.id)).statusCode).toBe(404);
    await sendForDecision(c.id);
    expect((await documentsSeenBy(decisionMaker, c.id)).map((d) => [d.id, d.fileName])).toEqual([[forDecision.id, 'statement.pdf']]);
    expect((await download(decisionMaker, c.id, forDecision.id)).statusCode).toBe(200);
    expect((await download(decisionMaker, c.id, health.id)).statusCode).toBe(404);
    // The authority may not mark, nor attach.
    expect((await decisionMaker.request('PATCH', `/api/cases/${c.id}/documents/${health.id}`, { forDecision: true })).statusCode).not.toBe(200);
    // The caseworker marks the health letter: now the authority sees it; unmarked, it goes again.
    const marked = await caseworker.request('PATCH', `/api/cases/${c.id}/documents/${health.id}`, { forDecision: true });
    expect(marked.json()).toMatchObject({ id: health.id, forDecision: true });
    expect((await documentsSeenBy(decisionMaker, c.id)).length).toBe(2);
    await caseworker.request('PATCH', `/api/cases/${c.id}/documents/${health.id}`, { forDecision: false });
    expect((await download(decisionMaker, c.id, health.id)).statusCode).toBe(404);
    const purposes = await t.platform.db.selectFrom('audit_log').select('purpose').where('record_id', '=', forDecision.id).where('action', '=', 'document.download').execute();
    expect(purposes.map((p) => p.purpose)).toEqual(['identification_decision']);
  });
});
