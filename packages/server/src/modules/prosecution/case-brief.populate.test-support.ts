import { caseBriefTextRequest, type Role } from '@palermo/contracts';
import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { HttpError } from '../../platform/http/errors.js';
import { writeBriefText } from './case-brief.service.js';

/** A row in prosecution_case_briefs (for the backup test): the text of the newest referred operation's brief, approved. */
export async function populateCaseBrief(database: Database, cipher: FieldCipher): Promise<void> {
  const { rows } = await sql<{ operation_id: string; user_id: string; organisation_id: string; type: string; jurisdictions: string[]; roles: Role[] }>`
    select i.operation_id, u.id as user_id, u.organisation_id, g.type, g.jurisdictions, u.roles
    from prosecution_investigations i join users u on u.organisation_id = i.prosecution_office_id and 'prosecutor' = any(u.roles) join organisations g on g.id = u.organisation_id
    order by i.created_at desc, u.id limit 1`.execute(database.db);
  const found = rows[0];
  if (!found) throw new Error('populateCaseBrief needs an investigation referred to a prosecution office (populateProsecution first)');
  const prosecutor: Subject = { userId: found.user_id, organisationId: found.organisation_id, organisationType: found.type as Subject['organisationType'], jurisdictions: found.jurisdictions, roles: found.roles };
  await database.db.transaction().execute(async (tx) => {
    const written = await writeBriefText(tx, cipher, prosecutor, { userId: prosecutor.userId, name: 'brief', organisationId: prosecutor.organisationId }, found.operation_id, caseBriefTextRequest.parse({
      caseName: 'Prosecutor v. I.D.', caseNumber: '1-45/2024', country: 'MD', factSummary: 'Workers were recruited with false promises and made to work on a farm.', commentary: 'The conviction was for a lesser offence.', status: 'approved_for_publication',
    }));
    if (written instanceof HttpError) throw written;
  });
}
