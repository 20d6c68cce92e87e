import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkNode, OperationNetwork } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import Graph from 'graphology';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';
import { rankNodes } from './network.read.js';
import { betweenness, flatGraph, rememberedBetweenness, unfoldedBetweenness } from './network.betweenness.js';

let t: TestApp;
let police: Client;
let otherPolice: Client;
let prosecutor: Client;
let clerk: Client;
let analyst: Client;
let caseworker: Client;
let officeId: string;

beforeAll(async () => {
  t = await createTestApp();
  const agency = await insertOrganisation(t, 'law_enforcement', ['NORTH']);
  officeId = await insertOrganisation(t, 'prosecutor');
  police = await clientFor(t, await insertUser(t, agency, ['investigator']));
  otherPolice = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'law_enforcement'), ['investigator']));
  prosecutor = await clientFor(t, await insertUser(t, officeId, ['prosecutor']));
  clerk = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'court'), ['court_clerk']));
  analyst = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'law_enforcement'), ['analyst']));
  caseworker = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo'), ['caseworker']));
}, 600_000);
afterAll(async () => t?.close());

async function ok(client: Client, method: 'GET' | 'POST', url: string, body?: unknown) {
  const response = await client.request(method, url, body);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(200);
  return response.json();
}

/** An operation of the client's agency with one investigation (referred to the office) and suspects named as given. */
async function operationWith(client: Client, pseudonyms: readonly string[]) {
  const op = await ok(client, 'POST', '/api/prosecution/operations', {
    name: 'Vineyard', origin: 'ngo', approach: 'proactive', formsOfExploitation: ['ForcedLabour'], places: [], agencyOrganisationIds: [],
    protocol: { acts: ['recruitment'], means: ['deception'], purposes: ['forced_labour'] }, startedOn: '2025-03-01',
  });
  const inv = await ok(client, 'POST', `/api/prosecution/operations/${op.id}/investigations`, { title: 'Vines', origin: 'ngo', approach: 'proactive', openedOn: '2025-03-02' });
  await ok(client, 'POST', `/api/prosecution/investigations/${inv.id}/referral`, { prosecutionOfficeId: officeId, referredOn: '2025-03-05' });
  const suspects: Record<string, string> = {};
  for (const pseudonym of pseudonyms) {
    suspects[pseudonym] = (await ok(client, 'POST', `/api/prosecution/operations/${op.id}/suspects`, {
      investigationId: inv.id, pseudonym, identity: { givenName: `Secret${pseudonym}`, familyName: 'Identity' }, roles: ['recruiter'], sex: 'male', citizenships: ['RO'],
    })).id;
  }
  return { operationId: op.id as string, reference: op.reference as string, suspects };
}

const link = (client: Client, operationId: string, body: unknown) => client.request('POST', `/api/prosecution/operations/${operationId}/links`, body);
const entity = (client: Client, operationId: string, kind: string, value: string) => ok(client, 'POST', `/api/prosecution/operations/${operationId}/entities`, { kind, value });

describe('rankings', () => {
  it('betweenness and degree match a small graph computed by hand', () => {
    // a - b - c - d, with e hanging on b. Pairs whose shortest path passes through b: a-c, a-d, a-e, c-e, d-e (5);
    // through c: a-d, b-d, d-e (3); a, d and e lie on no path between others.
    const ranked = rankNodes(['a', 'b', 'c', 'd', 'e'], [['a', 'b'], ['b', 'c'], ['c', 'd'], ['b', 'e'], ['b', 'a']]);
    expect(ranked).toEqual([
      { key: 'b', degree: 3, betweenness: 5, rank: 1 },
      { key: 'c', degree: 2, betweenness: 3, rank: 2 },
      { key: 'a', degree: 1, betweenness: 0, rank: 3 },
      { key: 'd', degree: 1, betweenness: 0, rank: 4 },
      { key: 'e', degree: 1, betweenness: 0, rank: 5 },
    ]);
  });

  it('a star: the centre lies on the path of every pair of leaves; an isolated node ranks last with nothing', () => {
    const ranked = rankNodes(['hub', 'x', 'y', 'z', 'alone'], [['hub', 'x'], ['hub', 'y'], ['hub', 'z']]);
    expect(ranked[0]).toEqual({ key: 'hub', degree: 3, betweenness: 3, rank: 1 });
    expect(ranked.at(-1)).toEqual({ key: 'alone', degree: 0, betweenness: 0, rank: 5 });
  });

  it("the figures are graphology-metrics' (unweighted) on random graphs, sparse and dense, with several components", () => {
    let state = 7;
    const random = (n: number) => {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
      return state % n;
    };
    for (const [nodes, links] of [[2, 1], [12, 11], [60, 40], [120, 240], [200, 1500]] as const) {
      const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
      const pairs: Array<[number, number]> = [];
      for (let i = 0; i < nodes; i += 1) graph.mergeNode(`n${i}`);
      for (let i = 0; i < links; i += 1) {
        const a = random(nodes);
        const b = random(nodes);
        // Loops and repeated links (either way round) are in the pairs, as they may be in an operation's links.
        pairs.push([a, b]);
        if (a !== b) graph.mergeEdge(`n${a}`, `n${b}`);
      }
      const expected = betweennessCentrality(graph, { normalized: false, getEdgeWeight: null });
      const flat = flatGraph(nodes, pairs);
      const actual = betweenness(flat);
      expect(actual.length).toBe(nodes);
      for (let i = 0; i < nodes; i += 1) {
        expect(actual[i], `${nodes} nodes: n${i}`).toBeCloseTo(expected[`n${i}`] ?? Number.NaN, 6);
        expect((flat.offsets[i + 1] ?? 0) - (flat.offsets[i] ?? 0), `${nodes} nodes: degree of n${i}`).toBe(graph.degree(`n${i}`));
      }
      expect(actual.some((v) => v > 0) || nodes === 2).toBe(true);
      // Ranked through the strings the network reads, the same figures.
      const ranked = rankNodes(Array.from({ length: nodes }, (_, i) => `n${i}`), pairs.map(([a, b]) => [`n${a}`, `n${b}`] as const));
      for (const node of ranked) expect(node.betweenness, `${nodes} nodes: ranked ${node.key}`).toBeCloseTo(expected[node.key] ?? Number.NaN, 6);
    }
  });

  it('folding the trees changes no figure: random forests, trees hanging from cycles, stars, paths and isolated nodes, against plain Brandes and graphology-metrics', () => {
    let state = 11;
    const random = (n: number) => {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
      return state % n;
    };
    let folded = 0;
    for (let round = 0; round < 60; round += 1) {
      const nodes = 1 + random(90);
      const pairs: Array<[number, number]> = [];
      // A core of a few nodes with some cycles (or none), then every other node hung on an earlier one (trees), some
      // left alone (components of their own), and a few links more between any two.
      const core = random(Math.max(1, Math.floor(nodes / 3)));
      for (let i = 1; i < core; i += 1) pairs.push([i, random(i)]);
      for (let i = 0, extra = random(core + 1); i < extra; i += 1) pairs.push([random(core + 1), random(core + 1)]);
      for (let i = Math.max(core, 1); i < nodes; i += 1) if (random(8) > 0) pairs.push([i, random(i)]);
      for (let i = 0, extra = random(4); i < extra; i += 1) pairs.push([random(nodes), random(nodes)]);
      const flat = flatGraph(nodes, pairs);
      const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
      for (let i = 0; i < nodes; i += 1) graph.mergeNode(`n${i}`);
      for (const [a, b] of pairs) if (a !== b) graph.mergeEdge(`n${a}`, `n${b}`);
      const expected = betweennessCentrality(graph, { normalized: false, getEdgeWeight: null });
      const plain = unfoldedBetweenness(flat);
      const actual = betweenness(flat);
      for (let i = 0; i < nodes; i += 1) {
        expect(actual[i], `round ${round}, ${nodes} nodes: n${i} against plain Brandes`).toBeCloseTo(plain[i] ?? Number.NaN, 6);
        expect(actual[i], `round ${round}, ${nodes} nodes: n${i} against graphology`).toBeCloseTo(expected[`n${i}`] ?? Number.NaN, 6);
        if (graph.degree(`n${i}`) === 1) folded += 1;
      }
    }
    // The graphs had leaves to fold.
    expect(folded).toBeGreaterThan(500);
    // The shapes folding must get right, by hand: two nodes alone, a path, a star with a tail, a cycle with a tree.
    expect([...betweenness(flatGraph(2, [[0, 1]]))]).toEqual([0, 0]);
    expect([...betweenness(flatGraph(5, [[0, 1], [1, 2], [2, 3], [3, 4]]))]).toEqual([0, 3, 4, 3, 0]);
    expect([...betweenness(flatGraph(6, [[0, 1], [0, 2], [0, 3], [3, 4], [4, 5]]))]).toEqual([7, 0, 0, 6, 4, 0]);
    const cycleWithTree = flatGraph(7, [[0, 1], [1, 2], [2, 3], [3, 0], [0, 4], [4, 5], [4, 6]]);
    expect([...betweenness(cycleWithTree)]).toEqual([...unfoldedBetweenness(cycleWithTree)]);
  });

  it('remembers the figures of a graph by its structure: the same graph again gives the same figures (a copy), another graph its own', () => {
    const path = flatGraph(4, [[0, 1], [1, 2], [2, 3]]);
    const first = rememberedBetweenness(path);
    expect([...first]).toEqual([0, 2, 2, 0]);
    first[1] = 99;
    expect([...rememberedBetweenness(flatGraph(4, [[2, 3], [1, 0], [2, 1]]))]).toEqual([0, 2, 2, 0]);
    // One link more (the path closed into a cycle) is another graph: every node lies on the path of one pair.
    expect([...rememberedBetweenness(flatGraph(4, [[0, 1], [1, 2], [2, 3], [3, 0]]))]).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect([...rememberedBetweenness(path)]).toEqual([0, 2, 2, 0]);
  });
});

describe('the network of an operation', () => {
  it('ranks suspects and entities through the real server, finds the same entity across operations, and audits the read', async () => {
    const first = await operationWith(police, ['Alder', 'Birch', 'Cedar', 'Dogwood']);
    const { Alder, Birch, Cedar, Dogwood } = first.suspects as Record<'Alder' | 'Birch' | 'Cedar' | 'Dogwood', string>;
    const phone = await entity(police, first.operationId, 'phone_number', '+40 712 345 678');
    for (const [fromId, toId, kind] of [[Alder, Birch, 'recruited_by'], [Birch, Cedar, 'works_with'], [Cedar, Dogwood, 'works_with'], [Birch, phone.id, 'uses']] as const) {
      expect((await link(police, first.operationId, { kind, fromId, toId })).statusCode).toBe(200);
    }
    // The same number written otherwise in a second operation is the same entity (blind index), and so is named there.
    const second = await operationWith(police, ['Elm']);
    const again = await entity(police, second.operationId, 'phone_number', '0040-712-345-678'.replace(/^0040/, '+40'));
    expect(again.id).toBe(phone.id);
    // A suspect of the second operation named in the first (the same person across operations).
    expect((await link(police, first.operationId, { kind: 'related_to', fromId: second.suspects.Elm, toId: Dogwood, note: 'Met at the border' })).statusCode).toBe(200);

    const network = (await ok(police, 'GET', `/api/prosecution/operations/${first.operationId}/network`)) as OperationNetwork;
    const byName = (n: NetworkNode) => n.suspect?.pseudonym ?? n.entity?.value ?? n.key;
    // Path Alder - Birch - Cedar - Dogwood - Elm with the phone hanging on Birch; the ends lie on no path (ties in key order).
    expect(network.nodes.map((n) => [byName(n), n.degree, n.betweenness, n.rank])).toEqual([
      // Birch: pairs among {Alder, phone} x {Cedar, Dogwood, Elm} and Alder-phone = 2*3 + 1 = 7.
      ['Birch', 3, 7, 1],
      // Cedar: {Alder, Birch, phone} x {Dogwood, Elm} = 6.
      ['Cedar', 2, 6, 2],
      // Dogwood: {Alder, Birch, Cedar, phone} x {Elm} = 4.
      ['Dogwood', 2, 4, 3],
      ...[['Alder', Alder], ['Elm', second.suspects.Elm], ['+40 712 345 678', phone.id]].sort((a, b) => (a[1] ?? '').localeCompare(b[1] ?? '')).map(([name], i) => [name, 1, 0, 4 + i]),
    ]);
    const phoneNode = network.nodes.find((n) => n.key === phone.id);
    expect(phoneNode?.otherOperations).toEqual([{ id: second.operationId, reference: second.reference }]);
    expect(network.nodes.find((n) => n.key === second.suspects.Elm)?.otherOperations).toEqual([{ id: second.operationId, reference: second.reference }]);
    expect(network.links.find((l) => l.note)?.note).toBe('Met at the border');
    expect(JSON.stringify(network)).not.toContain('Secret');
    const audit = await t.platform.db.selectFrom('audit_log').select(['summary']).where('action', '=', 'prosecution.network_read').where('record_id', '=', first.operationId).execute();
    expect(audit.map((a) => a.summary)).toEqual(['network: 5 suspect(s) shown by pseudonym, 0 hidden, 1 entity, 5 link(s); no identity decrypted']);
    // Stored encrypted: neither the number nor the note is in the table in clear.
    const stored = await t.platform.db.selectFrom('prosecution_entities' as never).selectAll().execute();
    // (Digits alone could be in a random id: the number is looked for as typed and as digits run together.)
    expect(JSON.stringify(stored)).not.toContain('712 345 678');
    expect(JSON.stringify(stored)).not.toContain('712345678');
  });

  it('a link or an entity recorded after a read is ranked on the next read (the figures are remembered by the graph, never by the operation)', async () => {
    const op = await operationWith(police, ['Ivy', 'Juniper', 'Kapok']);
    const { Ivy, Juniper, Kapok } = op.suspects as Record<'Ivy' | 'Juniper' | 'Kapok', string>;
    const read = async () => {
      const network = (await ok(police, 'GET', `/api/prosecution/operations/${op.operationId}/network`)) as OperationNetwork;
      return Object.fromEntries(network.nodes.map((n) => [n.suspect?.pseudonym ?? n.entity?.value ?? n.key, [n.degree, n.betweenness]]));
    };
    for (const [fromId, toId] of [[Ivy, Juniper], [Juniper, Kapok]] as const) expect((await link(police, op.operationId, { kind: 'works_with', fromId, toId })).statusCode).toBe(200);
    expect(await read()).toEqual({ Ivy: [1, 0], Juniper: [2, 1], Kapok: [1, 0] });
    expect(await read()).toEqual({ Ivy: [1, 0], Juniper: [2, 1], Kapok: [1, 0] });
    // Closing the triangle: no node lies between two others any more.
    expect((await link(police, op.operationId, { kind: 'works_with', fromId: Kapok, toId: Ivy })).statusCode).toBe(200);
    expect(await read()).toEqual({ Ivy: [2, 0], Juniper: [2, 0], Kapok: [2, 0] });
    // A car hanging on Kapok: Kapok now lies between it and the two others.
    const car = await entity(police, op.operationId, 'vehicle', 'B 123 XYZ');
    expect(await read()).toEqual({ Ivy: [2, 0], Juniper: [2, 0], Kapok: [2, 0], 'B 123 XYZ': [0, 0] });
    expect((await link(police, op.operationId, { kind: 'uses', fromId: Kapok, toId: car.id })).statusCode).toBe(200);
    expect(await read()).toEqual({ Ivy: [2, 0], Juniper: [2, 0], Kapok: [3, 2], 'B 123 XYZ': [1, 0] });
  });

  it('by role: the office and analysts see pseudonyms and values, never identities; a court clerk, a caseworker and another agency nothing', async () => {
    const op = await operationWith(police, ['Fir', 'Gum', 'Hazel']);
    const { Fir, Gum, Hazel } = op.suspects as Record<'Fir' | 'Gum' | 'Hazel', string>;
    const account = await entity(police, op.operationId, 'bank_account', 'RO49 AAAA 1B31 0075 9384 0000');
    for (const [fromId, toId] of [[Fir, Gum], [Gum, Hazel], [Hazel, account.id]] as const) expect((await link(police, op.operationId, { kind: 'pays_into', fromId, toId })).statusCode).toBe(200);
    for (const reader of [prosecutor, analyst]) {
      const network = (await ok(reader, 'GET', `/api/prosecution/operations/${op.operationId}/network`)) as OperationNetwork;
      // Fir - Gum - Hazel - account: Gum and Hazel each lie on two shortest paths (ties in key order), the ends on none.
      const ranked = network.nodes.map((n) => [n.suspect?.pseudonym ?? n.entity?.value, n.betweenness, n.rank]);
      expect(ranked.slice(0, 2).map((r) => r[0]).sort()).toEqual(['Gum', 'Hazel']);
      expect(ranked.slice(0, 2).map((r) => r.slice(1))).toEqual([[2, 1], [2, 2]]);
      expect(ranked.slice(2).map((r) => r[0]).sort()).toEqual(['Fir', 'RO49 AAAA 1B31 0075 9384 0000']);
      expect(network.nodes.find((n) => n.kind === 'suspect' && n.suspect?.pseudonym === 'Fir')?.suspect).toEqual({ id: Fir, operationId: op.operationId, pseudonym: 'Fir', roles: ['recruiter'] });
      expect(JSON.stringify(network)).not.toContain('Secret');
    }
    expect((await clerk.request('GET', `/api/prosecution/operations/${op.operationId}/network`)).statusCode).toBe(403);
    expect((await caseworker.request('GET', `/api/prosecution/operations/${op.operationId}/network`)).statusCode).toBe(403);
    expect((await caseworker.request('GET', `/api/prosecution/operations/${op.operationId}/network/ftm`)).statusCode).toBe(403);
    expect((await otherPolice.request('GET', `/api/prosecution/operations/${op.operationId}/network`)).statusCode).toBe(404);
    expect((await otherPolice.request('GET', `/api/prosecution/operations/${op.operationId}/network/ftm`)).statusCode).toBe(404);
    expect((await otherPolice.request('POST', `/api/prosecution/operations/${op.operationId}/entities`, { kind: 'company', value: 'Probe Ltd' })).statusCode).toBe(404);
    // The prosecutor reads but does not draw the chart.
    expect((await link(prosecutor, op.operationId, { kind: 'works_with', fromId: Fir, toId: Hazel })).statusCode).toBe(403);
    const denied = await t.platform.db.selectFrom('audit_log').select('action').where('record_id', '=', op.operationId).where('outcome', '=', 'denied').execute();
    expect(denied.map((d) => d.action).sort()).toEqual(['prosecution.entity_create', 'prosecution.network_export', 'prosecution.network_read']);
  });

  it('a suspect of an operation the reader may not see stays a hidden node: the structure, nothing of the record', async () => {
    const mine = await operationWith(police, ['Ivy']);
    const analystLinks = await operationWith(otherPolice, ['Juniper']);
    // The analyst may read both operations and names the other agency's suspect in the first one's chart.
    expect((await link(analyst, mine.operationId, { kind: 'works_with', fromId: mine.suspects.Ivy, toId: analystLinks.suspects.Juniper })).statusCode).toBe(200);
    const seen = (await ok(police, 'GET', `/api/prosecution/operations/${mine.operationId}/network`)) as OperationNetwork;
    const hidden = seen.nodes.find((n) => n.key.startsWith('hidden-'));
    expect(hidden).toEqual({ key: 'hidden-1', kind: 'suspect', otherOperations: [], degree: 1, betweenness: 0, rank: 2 });
    expect(JSON.stringify(seen)).not.toContain('Juniper');
    expect(JSON.stringify(seen)).not.toContain(analystLinks.suspects.Juniper);
  });
});

describe('bad input', () => {
  it('names the field: a node of another operation the user may not see, an unknown kind, a value without letters or digits; nothing written', async () => {
    const mine = await operationWith(police, ['Kapok', 'Linden']);
    const theirs = await operationWith(otherPolice, ['Maple']);
    const count = async () => Number((await t.platform.db.selectFrom('prosecution_links' as never).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow() as { n: string | number }).n);
    const before = await count();
    const foreign = await link(police, mine.operationId, { kind: 'works_with', fromId: mine.suspects.Kapok, toId: theirs.suspects.Maple });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().issues).toEqual([{ field: 'toId', problem: 'is not a suspect or an entity of this operation, nor a suspect of an operation you may see' }]);
    const theirEntity = await entity(otherPolice, theirs.operationId, 'vehicle', 'B 123 XYZ');
    const notHere = await link(police, mine.operationId, { kind: 'uses', fromId: theirEntity.id, toId: mine.suspects.Kapok });
    expect(notHere.json().issues?.[0]?.field).toBe('fromId');
    const unknownKind = await link(police, mine.operationId, { kind: 'married_to', fromId: mine.suspects.Kapok, toId: mine.suspects.Linden });
    expect(unknownKind.statusCode).toBe(400);
    expect(unknownKind.json().issues[0].field).toBe('kind');
    const loop = await link(police, mine.operationId, { kind: 'works_with', fromId: mine.suspects.Kapok, toId: mine.suspects.Kapok });
    expect(loop.json().issues).toEqual([{ field: 'toId', problem: 'must not be the node the link starts from' }]);
    const badEntity = await police.request('POST', `/api/prosecution/operations/${mine.operationId}/entities`, { kind: 'spaceship', value: '---' });
    expect(badEntity.statusCode).toBe(400);
    expect(badEntity.json().issues.map((i: { field: string }) => i.field).sort()).toEqual(['kind', 'value']);
    expect(await count()).toBe(before);
  });
});

describe('FollowTheMoney export', () => {
  it('writes JSON lines Aleph can read: persons by pseudonym only, entities in their schemata, links as Associate, Ownership and UnknownLink; audited', async () => {
    const op = await operationWith(police, ['Nettle', 'Oak']);
    const { Nettle, Oak } = op.suspects as Record<'Nettle' | 'Oak', string>;
    const company = await entity(police, op.operationId, 'company', 'Vineyard Staffing Ltd');
    const car = await entity(police, op.operationId, 'vehicle', 'CJ 07 ABC');
    const address = await entity(police, op.operationId, 'address', '12 Strada Morii, Iasi');
    const phone = await entity(police, op.operationId, 'phone_number', '+40 700 000 001');
    for (const [kind, fromId, toId] of [['recruited_by', Oak, Nettle], ['owns', Nettle, company.id], ['uses', Oak, car.id], ['lives_at', Oak, address.id], ['uses', Nettle, phone.id]] as const) {
      expect((await link(police, op.operationId, { kind, fromId, toId })).statusCode).toBe(200);
    }
    const response = await analyst.request('GET', `/api/prosecution/operations/${op.operationId}/network/ftm`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/x-ndjson');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${op.reference}-network.ftm.json"`);
    const lines = response.body.trim().split('\n').map((line) => JSON.parse(line) as { id: string; schema: string; properties: Record<string, string[]> });
    expect(lines.map((l) => l.schema).sort()).toEqual(['Address', 'Associate', 'Company', 'Ownership', 'Person', 'Person', 'UnknownLink', 'UnknownLink', 'UnknownLink', 'UserAccount', 'Vehicle']);
    for (const line of lines) {
      expect(line.id).toMatch(/^palermo-/);
      for (const values of Object.values(line.properties)) expect(values.every((v) => typeof v === 'string')).toBe(true);
    }
    const ids = new Set(lines.map((l) => l.id));
    const person = (name: string) => lines.find((l) => l.schema === 'Person' && l.properties.name?.[0] === name);
    expect(person('Nettle')).toBeDefined();
    expect(lines.find((l) => l.schema === 'Associate')?.properties).toMatchObject({ person: [person('Oak')?.id], associate: [person('Nettle')?.id], relationship: ['recruited by'] });
    expect(lines.find((l) => l.schema === 'Ownership')?.properties).toMatchObject({ owner: [person('Nettle')?.id], asset: [`palermo-${company.id}`] });
    expect(lines.find((l) => l.schema === 'Vehicle')?.properties.registrationNumber).toEqual(['CJ 07 ABC']);
    expect(lines.find((l) => l.schema === 'UserAccount')?.properties.number).toEqual(['+40 700 000 001']);
    for (const l of lines.filter((x) => ['Associate', 'Ownership', 'UnknownLink'].includes(x.schema))) {
      for (const end of [...(l.properties.subject ?? []), ...(l.properties.object ?? []), ...(l.properties.person ?? []), ...(l.properties.owner ?? []), ...(l.properties.asset ?? [])]) expect(ids.has(end)).toBe(true);
    }
    expect(response.body).not.toContain('Secret');
    expect(response.body).not.toContain('Identity');
    const audit = await t.platform.db.selectFrom('audit_log').select('summary').where('action', '=', 'prosecution.network_export').where('record_id', '=', op.operationId).execute();
    expect(audit).toHaveLength(1);
  });
});
