import { z } from 'zod';
import { uuid } from './common.js';
import { personal, recordKind } from './personal.js';
import { networkEntityKinds, networkLinkKinds, networkNodeKinds } from '../vocabularies/prosecution-network.js';

/**
 * The network behind an operation (decision 0016): entities (companies, vehicles, phone numbers, addresses, bank
 * accounts) recorded in operations, links between suspects and entities, and the network of one operation with each
 * node's ranking (betweenness and degree) and the other operations it also appears in.
 */

const entityValue = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(300, 'must be at most 300 characters')
  .refine((v) => /[\p{L}\p{N}]/u.test(v), 'must contain a letter or a digit');

/** Records an entity in an operation; the same value of the same kind already recorded elsewhere is the same entity. */
export const createNetworkEntityRequest = z.object({
  kind: z.enum(networkEntityKinds, { error: `must be one of ${networkEntityKinds.join(', ')}` }),
  /** The identifying value (a company's name, a plate, a number, an address, an account): encrypted, blind-indexed. */
  value: entityValue,
});
export type CreateNetworkEntityRequest = z.input<typeof createNetworkEntityRequest>;

/** Links two nodes (a suspect or an entity, named by id) within an operation. */
export const createNetworkLinkRequest = z
  .object({
    kind: z.enum(networkLinkKinds, { error: `must be one of ${networkLinkKinds.join(', ')}` }),
    fromId: uuid,
    toId: uuid,
    note: z.string().trim().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters').optional(),
  })
  .refine((v) => v.fromId !== v.toId, { path: ['toId'], message: 'must not be the node the link starts from' });
export type CreateNetworkLinkRequest = z.input<typeof createNetworkLinkRequest>;

/** A suspect as the network shows it: the pseudonym and roles, never the identity (field policy prosecutionSuspect). */
export const networkSuspect = recordKind(
  'prosecutionSuspect',
  z.object({ id: uuid, operationId: uuid.optional(), pseudonym: personal(z.string()).optional(), roles: z.array(z.string()).optional() }),
);

/** An entity as its field policy shows it. */
export const networkEntity = recordKind(
  'prosecutionEntity',
  z.object({ id: uuid, kind: z.enum(networkEntityKinds).optional(), value: personal(z.string()).optional() }),
);
export type NetworkEntity = z.infer<typeof networkEntity>;

export const networkNode = z.object({
  /** The node's key in the edges: the record's id, or an opaque key for a record this reader may not see. */
  key: z.string(),
  kind: z.enum(networkNodeKinds),
  suspect: networkSuspect.optional(),
  entity: networkEntity.optional(),
  /** Other operations this reader may see in which the same suspect or entity appears. */
  otherOperations: z.array(z.object({ id: uuid, reference: z.string() })),
  degree: z.number().int(),
  /** Shortest paths between other pairs of nodes that pass through this one (undirected, unweighted). */
  betweenness: z.number(),
  /** 1 for the node whose removal would disrupt the group most (betweenness, then degree). */
  rank: z.number().int(),
});
export type NetworkNode = z.infer<typeof networkNode>;

export const networkLink = recordKind(
  'prosecutionLink',
  z.object({ id: uuid, kind: z.enum(networkLinkKinds).optional(), source: z.string().optional(), target: z.string().optional(), note: personal(z.string()).optional() }),
);
export type NetworkLink = z.infer<typeof networkLink>;

export const operationNetwork = z.object({
  operationId: uuid,
  /** Ranked: the most critical node first. */
  nodes: z.array(networkNode),
  links: z.array(networkLink),
});
export type OperationNetwork = z.infer<typeof operationNetwork>;
