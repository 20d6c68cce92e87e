import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import type { Actor } from '../../platform/audit/audit.js';
import { answerDataRequest, recordDataRequest } from './data-requests.js';

/** For the backup round trip: a request to correct, answered, and one to erase, waiting (each encrypted). */
export async function populateDataRequests(db: Db, cipher: FieldCipher, holder: Subject, actor: Actor, caseId: string): Promise<void> {
  const supervisor: Subject = { ...holder, roles: ['supervisor'] };
  await db.transaction().execute(async (tx) => {
    const correction = await recordDataRequest(tx, cipher, supervisor, actor, caseId, { kind: 'correction', details: 'My birth date is wrong', receivedOn: '2026-01-10' });
    if (!correction) throw new Error('the case manager’s organisation does not hold the case');
    await answerDataRequest(tx, cipher, supervisor, actor, caseId, correction.id, { outcome: 'done', answer: 'Corrected', language: 'en' });
    await recordDataRequest(tx, cipher, supervisor, actor, caseId, { kind: 'erasure', details: 'Erase my old phone number', receivedOn: '2026-01-11' });
  });
}
