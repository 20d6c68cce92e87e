import type { NetworkEntityKind, NetworkLinkKind } from '@palermo/contracts';
import type { NetworkContent } from './network.read.js';

/** One FollowTheMoney entity: an id, its schema and its properties (every property a list of strings). */
export interface FtmEntity {
  readonly id: string;
  readonly schema: string;
  readonly properties: Record<string, string[]>;
}

/**
 * How each entity kind is written in FollowTheMoney: the schema and the property holding the value. A phone number
 * has no schema of its own there; it is a UserAccount whose `number` is the phone number.
 */
const entitySchemata: Record<NetworkEntityKind, { schema: string; property: string; extra?: Record<string, string[]> }> = {
  company: { schema: 'Company', property: 'name' },
  vehicle: { schema: 'Vehicle', property: 'registrationNumber' },
  phone_number: { schema: 'UserAccount', property: 'number', extra: { service: ['phone'] } },
  address: { schema: 'Address', property: 'full' },
  bank_account: { schema: 'BankAccount', property: 'accountNumber' },
};

/** Schemata FollowTheMoney counts as assets (an Ownership's asset must be one). */
const assets = new Set(['Company', 'Vehicle', 'BankAccount']);

const ftmId = (key: string) => `palermo-${key}`;

/**
 * A link as a FollowTheMoney interval entity: two persons working together or one recruited by the other are
 * Associates; owning a company, vehicle or account is an Ownership; everything else an UnknownLink with the kind as
 * its role (Aleph draws all three as edges).
 */
function linkEntity(id: string, kind: NetworkLinkKind | undefined, source: { key: string; schema: string }, target: { key: string; schema: string }, note: string | undefined): FtmEntity {
  const role = (kind ?? 'related_to').replace(/_/g, ' ');
  const summary: Record<string, string[]> = note ? { summary: [note] } : {};
  if ((kind === 'works_with' || kind === 'recruited_by') && source.schema === 'Person' && target.schema === 'Person') {
    return { id: ftmId(id), schema: 'Associate', properties: { person: [ftmId(source.key)], associate: [ftmId(target.key)], relationship: [role], ...summary } };
  }
  if (kind === 'owns' && assets.has(target.schema)) {
    return { id: ftmId(id), schema: 'Ownership', properties: { owner: [ftmId(source.key)], asset: [ftmId(target.key)], role: [role], ...summary } };
  }
  return { id: ftmId(id), schema: 'UnknownLink', properties: { subject: [ftmId(source.key)], object: [ftmId(target.key)], role: [role], ...summary } };
}

/**
 * The network as FollowTheMoney entities, for Aleph: each suspect a Person named by its pseudonym only (never the
 * identity; a suspect hidden from the reader as "Unknown suspect"), each entity in its schema, each link as above.
 */
export function networkAsFtm(content: NetworkContent, operationReference: string): FtmEntity[] {
  const schemaOf = new Map<string, string>();
  const out: FtmEntity[] = [];
  for (const node of content.nodes) {
    if (node.kind === 'suspect') {
      schemaOf.set(node.key, 'Person');
      const name = node.suspect?.pseudonym ?? 'Unknown suspect';
      out.push({ id: ftmId(node.key), schema: 'Person', properties: { name: [name], ...(node.suspect?.roles ? { keywords: node.suspect.roles.map((r) => r.replace(/_/g, ' ')) } : {}), notes: [`Suspect in operation ${operationReference}`] } });
    } else {
      const { schema, property, extra } = entitySchemata[node.kind];
      schemaOf.set(node.key, schema);
      out.push({ id: ftmId(node.key), schema, properties: { ...(node.entity?.value ? { [property]: [node.entity.value] } : {}), ...extra } });
    }
  }
  for (const link of content.links) {
    if (!link.source || !link.target) continue;
    const source = { key: link.source, schema: schemaOf.get(link.source) ?? 'Thing' };
    const target = { key: link.target, schema: schemaOf.get(link.target) ?? 'Thing' };
    out.push(linkEntity(link.id, link.kind, source, target, link.note));
  }
  return out;
}

/** JSON lines: one entity per line, as `ftm` and Aleph read them. */
export const asJsonLines = (entities: readonly FtmEntity[]): string => entities.map((e) => JSON.stringify(e)).join('\n') + (entities.length > 0 ? '\n' : '');
