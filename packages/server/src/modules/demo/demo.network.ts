import { sql } from 'kysely';
import { createNetworkEntityRequest, createNetworkLinkRequest, type NetworkEntityKind, type NetworkLinkKind, type Role } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { systemActor } from '../../platform/audit/audit.js';
import { HttpError } from '../../platform/http/errors.js';
import { addEntity, addLink } from '../prosecution/network.service.js';
import { SyntheticRandom } from './synthetic-random.js';

/** Demo operations drawn with a network (the most recent ones: what an analyst opens first). */
export const DEMO_NETWORK_OPERATIONS = 25;
const SEED = 20260602;

/** The first active user holding the role in an organisation of one of these types, as an access subject. */
export async function demoHolder(tx: Db, role: Role, types: readonly string[], organisationId?: string): Promise<Subject | undefined> {
  let query = tx
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.organisation_id', 'users.roles', 'organisations.type', 'organisations.jurisdictions'])
    .where(sql<boolean>`${role} = any(users.roles)`)
    .where('organisations.type', 'in', [...types])
    .where('users.active', '=', true);
  if (organisationId) query = query.where('users.organisation_id', '=', organisationId);
  const user = await query.orderBy('users.created_at').orderBy('users.id').executeTakeFirst();
  return user && { userId: user.id, organisationId: user.organisation_id, organisationType: user.type as Subject['organisationType'], jurisdictions: user.jurisdictions, roles: user.roles as Role[] };
}

/** A service's refusal (returned, not thrown) is a fault of the demo: stop rather than leave half a network. */
export function created<T>(result: T | HttpError, what: string): T {
  if (result instanceof HttpError) throw new Error(`demo: ${what} refused: ${result.message}`);
  return result;
}

export interface DemoNetworkSummary {
  readonly entities: number;
  readonly links: number;
}

const streets = ['Harbour Street', 'Station Road', 'Market Square', 'Mill Lane', 'Orchard Avenue', 'Quay Road', 'Bridge Street', 'Church Lane'];
const towns = ['Capital', 'Northport', 'Eastvale', 'Riverside'];
const companyWords = ['Blue Star', 'Eastern Gate', 'Sunrise', 'Golden Field', 'Nova', 'Silver Line', 'Northwind', 'Crescent'];
const companyTrades = ['Recruitment Agency', 'Logistics', 'Travel', 'Cleaning Services', 'Construction', 'Models', 'Massage Parlour', 'Agricultural Services'];
const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/**
 * Networks for the most recent demo operations, recorded through the network service by the police who ran them (so
 * the access rules, the encryption of values and the blind index that finds the same entity apply): suspects who work
 * with or recruited one another, and the companies, phone numbers, vehicles, addresses and bank accounts they own, use,
 * live at or pay into. Every fifth operation shares a company or a phone number with the operation before it and
 * links one of its suspects to one of that operation's (the same people across operations, as the intelligence
 * chapter describes). Deterministic (one seed); does nothing if a demo operation already has links.
 */
export async function seedDemoNetwork(tx: Db, cipher: FieldCipher): Promise<DemoNetworkSummary> {
  const police = await demoHolder(tx, 'investigator', ['law_enforcement']);
  if (!police) return { entities: 0, links: 0 };
  const operations = await tx
    .selectFrom('prosecution_operations')
    .select(['id', 'import_key'])
    .where('import_key', 'like', 'DEMO-%')
    .where('organisation_id', '=', police.organisationId)
    .orderBy('started_on', 'desc')
    .orderBy('import_key')
    .limit(DEMO_NETWORK_OPERATIONS)
    .execute();
  if (operations.length === 0) return { entities: 0, links: 0 };
  const { rows: already } = await sql`select 1 from prosecution_links where operation_id = any(${operations.map((o) => o.id)}::uuid[]) limit 1`.execute(tx);
  if (already.length > 0) return { entities: 0, links: 0 };
  const suspects = await tx
    .selectFrom('prosecution_suspects')
    .select(['id', 'operation_id'])
    .where('operation_id', 'in', operations.map((o) => o.id))
    .orderBy('import_key')
    .execute();
  const actor = systemActor('demo');
  const random = SyntheticRandom.fromSeed(SEED);
  let entities = 0;
  let links = 0;
  const entity = async (operationId: string, kind: NetworkEntityKind, value: string) => {
    entities += 1;
    return created(await addEntity(tx, cipher, police, actor, operationId, createNetworkEntityRequest.parse({ kind, value })), `entity ${kind}`).id;
  };
  const link = async (operationId: string, kind: NetworkLinkKind, fromId: string, toId: string, note?: string) => {
    links += 1;
    created(await addLink(tx, cipher, police, actor, operationId, createNetworkLinkRequest.parse({ kind, fromId, toId, ...(note ? { note } : {}) })), `link ${kind}`);
  };
  let previous: { operationId: string; suspectIds: string[]; company: string; phone: string } | undefined;
  for (const [index, operation] of operations.entries()) {
    const here = suspects.filter((s) => s.operation_id === operation.id).map((s) => s.id);
    if (here.length === 0) continue;
    const number = Number(operation.import_key?.slice(5) ?? index);
    const shared = previous !== undefined && index % 5 === 4;
    const companyName = shared && previous ? previous.company : `[SYNTHETIC] ${random.pick(companyWords)} ${random.pick(companyTrades)} ${number} Ltd`;
    const phoneNumber = shared && previous ? previous.phone : `+1 555 02${String(number).padStart(3, '0')} ${random.int(1000, 9999)}`;
    const company = await entity(operation.id, 'company', companyName);
    const address = await entity(operation.id, 'address', `[SYNTHETIC] ${random.int(1, 120)} ${random.pick(streets)}, ${random.pick(towns)}`);
    const phone = await entity(operation.id, 'phone_number', phoneNumber);
    const [head, ...rest] = here;
    if (!head) continue;
    // The organiser controls the company and its account; the others work with the one before them or were recruited by the organiser.
    await link(operation.id, 'controls', head, company);
    if (random.chance(0.7)) await link(operation.id, 'pays_into', company, await entity(operation.id, 'bank_account', `XD${random.int(10, 99)} DEMO ${random.code('0123456789', 4)} ${random.code('0123456789', 4)} ${number}`));
    await link(operation.id, 'uses', head, phone);
    for (const [i, suspect] of rest.entries()) {
      await link(operation.id, random.chance(0.5) ? 'recruited_by' : 'works_with', suspect, i === 0 || random.chance(0.5) ? head : (rest[i - 1] ?? head));
      if (random.chance(0.4)) await link(operation.id, 'uses', suspect, phone);
      if (random.chance(0.5)) await link(operation.id, 'lives_at', suspect, address);
    }
    if (rest.length === 0 || random.chance(0.5)) await link(operation.id, 'lives_at', head, address);
    if (random.chance(0.5)) {
      const vehicle = await entity(operation.id, 'vehicle', `XD ${random.int(100, 999)} ${random.code(letters, 2)}`);
      await link(operation.id, 'owns', random.pick(here), vehicle, '[SYNTHETIC] used to move workers between sites');
    }
    if (shared && previous?.suspectIds[0]) await link(operation.id, 'related_to', head, previous.suspectIds[0], '[SYNTHETIC] same company and phone in both operations');
    previous = { operationId: operation.id, suspectIds: here, company: companyName, phone: phoneNumber };
  }
  return { entities, links };
}
