import { randomBytes } from 'node:crypto';
import { organisationTypes, roleOrganisationTypes, roles, type OrganisationType, type Role } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { systemActor } from '../../platform/audit/audit.js';
import { createFirstAdministrator, isSetupRequired } from '../setup/setup.service.js';
import { createOrganisation } from '../organisation/organisation.service.js';
import { findOrganisationByName } from '../organisation/organisation.repo.js';
import { createUser } from '../user/user.service.js';
import { emailTaken } from '../user/user.repo.js';
import { createPerson, recordConsent } from '../person/person.service.js';

/** Everything the demo creates is labelled: no one should mistake it for real data. */
export const SYNTHETIC = '[SYNTHETIC]';
const COUNTRY = 'Demoland';
const DOMAIN = 'demo.palermo.invalid';

const organisationNames: Record<OrganisationType, string> = {
  ngo: 'Safe Passage Association',
  shelter: 'Harbour House Shelter',
  law_enforcement: 'National Police Anti-Trafficking Unit',
  border_guard: 'Border Guard Service',
  labour_inspectorate: 'Labour Inspectorate',
  prosecutor: "Public Prosecutor's Office",
  court: 'Regional Court',
  competent_authority: 'Victim Identification Authority',
  social_services: 'Municipal Social Services',
  health: 'Central Hospital',
  immigration: 'Immigration Office',
  embassy: 'Embassy of Neighbouria',
  international_organisation: 'International Migration Office (country mission)',
  national_coordinator: 'National Anti-Trafficking Coordinator',
  national_rapporteur: 'National Rapporteur on Trafficking',
};

export interface DemoCredential {
  readonly role: Role;
  readonly organisation: string;
  readonly email: string;
  readonly password: string;
}

export interface DemoSummary {
  readonly organisationsCreated: number;
  readonly usersCreated: number;
  readonly personsCreated: number;
  readonly credentials: DemoCredential[];
}

const demoPassword = () => `demo-${randomBytes(9).toString('base64url')}`;

/** Synthetic people: invented names, clearly marked, for trying the screens. */
const people = [
  ['Amara', 'Okafor'], ['Ion', 'Popescu'], ['Mai', 'Nguyen'], ['Svetlana', 'Ivanova'], ['Kofi', 'Mensah'],
  ['Lucía', 'Fernández'], ['Rahim', 'Hossain'], ['Elena', 'Petrova'], ['Joy', 'Adeyemi'], ['Tran', 'Van Long'],
] as const;

/**
 * Seeds a synthetic country: one organisation of every type, one user for every role (in an organisation where the
 * role can be held), and a few synthetic persons with consents. Safe to run twice: what exists is kept.
 */
export async function seedDemo(tx: Db, cipher: FieldCipher): Promise<DemoSummary> {
  const actor = systemActor('demo');
  const credentials: DemoCredential[] = [];
  let organisationsCreated = 0;
  let usersCreated = 0;

  if (await isSetupRequired(tx)) {
    const password = demoPassword();
    const email = `national_admin@${DOMAIN}`;
    await createFirstAdministrator(
      tx,
      { organisationName: `${SYNTHETIC} ${organisationNames.national_coordinator}`, displayName: `${SYNTHETIC} National administrator`, email, password },
      'demo',
    );
    credentials.push({ role: 'national_admin', organisation: organisationNames.national_coordinator, email, password });
    usersCreated += 1;
  }
  const organisationIds = new Map<OrganisationType, string>();
  for (const type of organisationTypes) {
    const name = `${SYNTHETIC} ${organisationNames[type]}`;
    const existing = await findOrganisationByName(tx, name);
    if (existing) {
      organisationIds.set(type, existing.id);
      continue;
    }
    const created = await createOrganisation(tx, actor, { name, type, jurisdictions: ['CAPITAL', 'NORTH'] });
    organisationIds.set(type, created.id);
    organisationsCreated += 1;
  }
  const adminSubject: Subject = { userId: '00000000-0000-0000-0000-000000000000', organisationId: '', organisationType: 'national_coordinator', jurisdictions: [], roles: ['national_admin'] };
  const userIds = new Map<Role, string>();
  for (const role of roles) {
    const allowed = roleOrganisationTypes[role];
    const type: OrganisationType = allowed === 'any' ? 'ngo' : (allowed[0] ?? 'ngo');
    const organisationId = organisationIds.get(type);
    if (!organisationId) continue;
    const email = `${role}@${DOMAIN}`;
    const taken = await emailTaken(tx, email);
    if (taken) {
      userIds.set(role, taken.id);
      continue;
    }
    const password = demoPassword();
    const user = await createUser(tx, adminSubject, actor, {
      organisationId,
      displayName: `${SYNTHETIC} ${role.replace(/_/g, ' ')}`,
      email,
      password,
      roles: [role],
    });
    userIds.set(role, user.id);
    credentials.push({ role, organisation: organisationNames[type], email, password });
    usersCreated += 1;
  }

  let personsCreated = 0;
  const caseworkerId = userIds.get('caseworker');
  const ngoId = organisationIds.get('ngo');
  const existingPersons = await tx.selectFrom('persons').select('id').limit(1).executeTakeFirst();
  if (caseworkerId && ngoId && !existingPersons) {
    const caseworker: Subject = { userId: caseworkerId, organisationId: ngoId, organisationType: 'ngo', jurisdictions: ['CAPITAL', 'NORTH'], roles: ['caseworker'] };
    for (const [index, [givenName, familyName]] of people.entries()) {
      const { id } = await createPerson(tx, cipher, caseworker, actor, {
        givenName,
        familyName,
        birthDate: `${1985 + index}-0${(index % 9) + 1}-1${index % 9}`,
        phone: `+1555010${String(index).padStart(4, '0')}`,
        notes: `${SYNTHETIC} demo record`,
        jurisdiction: index % 2 === 0 ? 'CAPITAL' : 'NORTH',
      });
      await recordConsent(tx, caseworker, actor, id, 'assistance', 'given');
      if (index % 3 === 0) await recordConsent(tx, caseworker, actor, id, 'law_enforcement', 'given');
      personsCreated += 1;
    }
  }
  return { organisationsCreated, usersCreated, personsCreated, credentials };
}

export const demoCountry = COUNTRY;
