import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { OrganisationType, Role } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { systemActor } from '../../platform/audit/audit.js';
import { createUser } from '../user/user.service.js';
import { emailTaken } from '../user/user.repo.js';
import { DEMO_EMAIL_DOMAIN, SYNTHETIC } from './synthetic-label.js';
import type { DemoCredential } from './demo.seed.js';

/** The first active user holding the role (in an organisation of one of the types, when given), as a subject. */
export async function demoSubject(tx: Db, role: Role, types?: readonly OrganisationType[]): Promise<Subject | undefined> {
  let query = tx
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.organisation_id', 'users.roles', 'organisations.type', 'organisations.jurisdictions'])
    .where(sql<boolean>`${role} = any(users.roles)`)
    .where('users.active', '=', true)
    .orderBy('users.created_at')
    .orderBy('users.id');
  if (types) query = query.where('organisations.type', 'in', [...types]);
  const user = await query.executeTakeFirst();
  return user && { userId: user.id, organisationId: user.organisation_id, organisationType: user.type as OrganisationType, jurisdictions: user.jurisdictions, roles: user.roles as Role[] };
}

/** The demo organisation of a type (the first created), by id and name as people read it. */
export async function demoOrganisations(tx: Db): Promise<Map<OrganisationType, { id: string; name: string }>> {
  const rows = await tx.selectFrom('organisations').select(['id', 'name', 'type']).where('name', 'like', `${SYNTHETIC} %`).where('active', '=', true).orderBy('created_at').orderBy('id').execute();
  const out = new Map<OrganisationType, { id: string; name: string }>();
  for (const r of rows) if (!out.has(r.type as OrganisationType)) out.set(r.type as OrganisationType, { id: r.id, name: r.name.replace(`${SYNTHETIC} `, '') });
  return out;
}

/**
 * An administrator for each organisation named that has no lead yet (an organisation administrator or supervisor):
 * the one who reports its activities' progress and measurements and receives the reminders when one is due.
 */
export async function ensureOrganisationLeads(tx: Db, organisations: ReadonlyArray<{ id: string; name: string; type: OrganisationType }>): Promise<DemoCredential[]> {
  const credentials: DemoCredential[] = [];
  const admin: Subject = { userId: '00000000-0000-0000-0000-000000000000', organisationId: '', organisationType: 'national_coordinator', jurisdictions: [], roles: ['national_admin'] };
  for (const o of organisations) {
    const lead = await tx.selectFrom('users').select('id').where('organisation_id', '=', o.id).where('active', '=', true)
      .where(sql<boolean>`users.roles && array['organisation_admin', 'supervisor']::text[]`).executeTakeFirst();
    if (lead) continue;
    const email = `organisation_admin.${o.type}@${DEMO_EMAIL_DOMAIN}`;
    if (await emailTaken(tx, email)) continue;
    const password = `demo-${randomBytes(9).toString('base64url')}`;
    await createUser(tx, admin, systemActor('demo'), { organisationId: o.id, displayName: `${SYNTHETIC} ${o.type.replace(/_/g, ' ')} administrator`, email, password, roles: ['organisation_admin'] });
    credentials.push({ role: 'organisation_admin', organisation: o.name, email, password });
  }
  return credentials;
}
