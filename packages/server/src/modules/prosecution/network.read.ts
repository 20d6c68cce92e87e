import type { NetworkEntityKind, NetworkLink, NetworkLinkKind, NetworkNode, OperationNetwork } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { presentFields, visibleFields } from '../../platform/access/field-policy.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { HttpError } from '../../platform/http/errors.js';
import { prosecutionEntityFieldPolicy, prosecutionLinkFieldPolicy } from './network.fields.js';
import { networkRules } from './network.policy.js';
import * as repo from './network.repo.js';
import { flatGraph, rememberedBetweenness } from './network.betweenness.js';
import { entityValueBinding, linkNoteBinding, operationFor } from './network.service.js';
import { prosecutionSuspectFieldPolicy } from './prosecution.fields.js';
import { factsOf } from './prosecution.repo.js';
import { prosecutionRules } from './prosecution.policy.js';
import { pseudonymBinding } from './prosecution.read.js';

/** A node's place in the graph: its key in the links and, for ranking, its betweenness and degree. */
export interface RankedKey {
  readonly key: string;
  readonly degree: number;
  readonly betweenness: number;
  readonly rank: number;
}

/** Keys in the order `localeCompare` gives them, with one collator instead of one per comparison. */
const keyOrder = new Intl.Collator().compare;

/**
 * Ranks the nodes of a network by what their removal would disrupt: betweenness centrality (network.betweenness.ts; the
 * shortest paths between other pairs that pass through the node, the links taken both ways and counted once per pair
 * of nodes, unnormalised), then degree (distinct neighbours), then key for a stable order. Rank 1 is the most critical.
 * A key named by a pair but not listed is a node too; a key listed twice is one node.
 */
export function rankNodes(keys: readonly string[], pairs: ReadonlyArray<readonly [string, string]>): RankedKey[] {
  const index = new Map<string, number>();
  const listed: string[] = [];
  const indexOf = (key: string): number => {
    let i = index.get(key);
    if (i === undefined) {
      i = listed.length;
      index.set(key, i);
      listed.push(key);
    }
    return i;
  };
  for (const key of keys) indexOf(key);
  const indexPairs = pairs.flatMap(([a, b]) => (a === b ? [] : [[indexOf(a), indexOf(b)] as const]));
  const graph = flatGraph(listed.length, indexPairs);
  const figures = rememberedBetweenness(graph);
  const degree = (i: number) => (graph.offsets[i + 1] ?? 0) - (graph.offsets[i] ?? 0);
  return listed
    .map((key, i) => ({ key, degree: degree(i), betweenness: figures[i] ?? 0 }))
    .sort((a, b) => b.betweenness - a.betweenness || b.degree - a.degree || keyOrder(a.key, b.key))
    .map((node, i) => ({ ...node, rank: i + 1 }));
}

/** What the export and the page read of a network: its nodes (as each reader may see them) and links, unranked. */
export interface NetworkContent {
  readonly operationId: string;
  readonly nodes: Array<Omit<NetworkNode, 'degree' | 'betweenness' | 'rank'>>;
  readonly links: NetworkLink[];
  readonly counts: { suspects: number; hidden: number; entities: number; links: number };
}

/**
 * The nodes and links of one operation as this user may see them. A suspect of another operation the user may not
 * read stays in the graph as a hidden node (an opaque key, nothing of the record); pseudonyms are shown as the suspect
 * field policy says (never the identity), entity values and link notes as theirs, each decrypted only where shown.
 */
export async function readNetworkContent(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, operationId: string, action: 'prosecution.network_read' | 'prosecution.network_export'): Promise<NetworkContent | HttpError> {
  const operation = await operationFor(tx, subject, actor, networkRules.read, operationId, action);
  if (operation instanceof HttpError) return operation;
  const operationFacts = factsOf(operation.organisation_id, operation.offices, operation.courts);
  const [links, entities] = await Promise.all([repo.linksOf(tx, operation.id), repo.entitiesOf(tx, operation.id)]);
  const named = [...new Set(links.flatMap((l) => [l.from_suspect_id, l.to_suspect_id]).filter((id): id is string => id !== null))];
  const suspects = await repo.networkSuspects(tx, subject, prosecutionRules.read, operation.id, named);
  const others = await repo.otherOperationsOf(tx, subject, prosecutionRules.read, operation.id, suspects.map((s) => s.id), entities.map((e) => e.id));
  const othersByNode = new Map<string, Array<{ id: string; reference: string }>>();
  for (const o of others) {
    const list = othersByNode.get(o.node_id);
    if (list) list.push({ id: o.id, reference: o.reference });
    else othersByNode.set(o.node_id, [{ id: o.id, reference: o.reference }]);
  }
  const otherOperations = (id: string) => othersByNode.get(id) ?? [];

  const keys = new Map<string, string>();
  const nodes: Array<Omit<NetworkNode, 'degree' | 'betweenness' | 'rank'>> = [];
  // The suspect policy depends on the record only through these three columns: asked once per distinct triple.
  const suspectVisible = new Map<string, Set<string>>();
  for (const s of suspects) {
    const facts = `${s.organisation_id}|${s.prosecution_office_id ?? ''}|${s.court_organisation_id ?? ''}`;
    let visible = suspectVisible.get(facts);
    if (!visible) {
      visible = visibleFields(prosecutionSuspectFieldPolicy, subject, factsOf(s.organisation_id, [s.prosecution_office_id], [s.court_organisation_id]));
      suspectVisible.set(facts, visible);
    }
    const view = { id: s.id, operationId: s.operation_id, roles: s.roles, ...(visible.has('pseudonym') ? { pseudonym: await cipher.decrypt(s.pseudonym, pseudonymBinding(s.id), tx) } : {}) };
    keys.set(s.id, s.id);
    nodes.push({ key: s.id, kind: 'suspect', suspect: presentFields(view, visible) as NetworkNode['suspect'], otherOperations: otherOperations(s.id) });
  }
  let hidden = 0;
  for (const id of named) {
    if (keys.has(id)) continue;
    hidden += 1;
    keys.set(id, `hidden-${hidden}`);
    nodes.push({ key: `hidden-${hidden}`, kind: 'suspect', otherOperations: [] });
  }
  const entityVisible = visibleFields(prosecutionEntityFieldPolicy, subject, operationFacts);
  for (const e of entities) {
    const view = { id: e.id, kind: e.kind as NetworkEntityKind, ...(entityVisible.has('value') ? { value: await cipher.decrypt(e.value, entityValueBinding(e.id), tx) } : {}) };
    keys.set(e.id, e.id);
    nodes.push({ key: e.id, kind: e.kind as NetworkEntityKind, entity: presentFields(view, entityVisible) as NetworkNode['entity'], otherOperations: otherOperations(e.id) });
  }
  const linkVisible = visibleFields(prosecutionLinkFieldPolicy, subject, operationFacts);
  const views: NetworkLink[] = [];
  for (const l of links) {
    const source = keys.get(l.from_suspect_id ?? l.from_entity_id ?? '') ?? '';
    const target = keys.get(l.to_suspect_id ?? l.to_entity_id ?? '') ?? '';
    const note = l.note && linkVisible.has('note') ? await cipher.decrypt(l.note, linkNoteBinding(l.id), tx) : undefined;
    views.push(presentFields({ id: l.id, kind: l.kind as NetworkLinkKind, source, target, ...(note === undefined ? {} : { note }) }, linkVisible) as NetworkLink);
  }
  return { operationId: operation.id, nodes, links: views, counts: { suspects: suspects.length, hidden, entities: entities.length, links: links.length } };
}

/** The network of one operation with each node ranked (the most critical first); audited. */
export async function readNetwork(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, operationId: string): Promise<OperationNetwork | HttpError> {
  const content = await readNetworkContent(tx, cipher, subject, actor, operationId, 'prosecution.network_read');
  if (content instanceof HttpError) return content;
  const ranked = rankNodes(
    content.nodes.map((n) => n.key),
    content.links.flatMap((l) => (l.source && l.target ? [[l.source, l.target] as const] : [])),
  );
  // The content's nodes were built for this request only: ranked in place rather than copied.
  const byKey = new Map(content.nodes.map((n) => [n.key, n]));
  const nodes = ranked.flatMap((r) => {
    const node = byKey.get(r.key);
    return node ? [Object.assign(node, { degree: r.degree, betweenness: r.betweenness, rank: r.rank })] : [];
  });
  const { suspects, hidden, entities, links } = content.counts;
  await appendAudit(tx, actor, {
    action: 'prosecution.network_read',
    recordType: 'prosecution_operation',
    recordId: content.operationId,
    purpose: 'prosecution',
    summary: `network: ${suspects} suspect(s) shown by pseudonym, ${hidden} hidden, ${entities} entit${entities === 1 ? 'y' : 'ies'}, ${links} link(s); no identity decrypted`,
  });
  return { operationId: content.operationId, nodes, links: content.links };
}
