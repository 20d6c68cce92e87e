import { createNetworkEntityRequest, createNetworkLinkRequest, type Role } from '@palermo/contracts';
import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { HttpError } from '../../platform/http/errors.js';
import { addEntity, addLink } from './network.service.js';

/** Rows in every network table (for the backup test): the newest operation's first suspect uses a phone and owns a company. */
export async function populateNetwork(database: Database, cipher: FieldCipher): Promise<void> {
  const { rows } = await sql<{ operation_id: string; suspect_id: string; user_id: string; organisation_id: string; type: string; jurisdictions: string[]; roles: Role[] }>`
    select s.operation_id, s.id as suspect_id, u.id as user_id, u.organisation_id, g.type, g.jurisdictions, u.roles
    from prosecution_suspects s join prosecution_operations o on o.id = s.operation_id join users u on u.organisation_id = o.organisation_id and 'investigator' = any(u.roles)
      join organisations g on g.id = u.organisation_id
    order by s.created_at desc, u.id limit 1`.execute(database.db);
  const found = rows[0];
  if (!found) throw new Error('populateNetwork needs an operation with a suspect (populateProsecution first)');
  const police: Subject = { userId: found.user_id, organisationId: found.organisation_id, organisationType: found.type as Subject['organisationType'], jurisdictions: found.jurisdictions, roles: found.roles };
  const actor = { userId: police.userId, name: 'network', organisationId: police.organisationId };
  const done = <T>(value: T | HttpError): T => {
    if (value instanceof HttpError) throw value;
    return value;
  };
  await database.db.transaction().execute(async (tx) => {
    const phone = done(await addEntity(tx, cipher, police, actor, found.operation_id, createNetworkEntityRequest.parse({ kind: 'phone_number', value: '+373 69 123 456' })));
    const company = done(await addEntity(tx, cipher, police, actor, found.operation_id, createNetworkEntityRequest.parse({ kind: 'company', value: 'Agro Harvest SRL' })));
    done(await addLink(tx, cipher, police, actor, found.operation_id, createNetworkLinkRequest.parse({ kind: 'uses', fromId: found.suspect_id, toId: phone.id, note: 'Calls the workers' })));
    done(await addLink(tx, cipher, police, actor, found.operation_id, createNetworkLinkRequest.parse({ kind: 'owns', fromId: found.suspect_id, toId: company.id })));
  });
}
