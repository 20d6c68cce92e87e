import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelAverageJobView, ModelAverageStarted } from '@palermo/contracts';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { averageOverGraphsInTurns } from './model-averaging.js';
import { parseOverlapTable } from './overlap-table.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../test/fixtures/datasets/mse/${name}.csv`, import.meta.url), 'utf8');

/** New Orleans' eight lists with the last two merged (on G or on H): seven lists, each combination once. */
function newOrleansSevenLists(): string {
  const [header, ...lines] = fixture('NewOrl').trim().split('\n');
  const names = (header ?? '').split(',').slice(0, 7);
  const sums = new Map<string, number>();
  for (const line of lines) {
    const cells = line.split(',').map(Number);
    const merged = [...cells.slice(0, 6), Math.max(cells[6] ?? 0, cells[7] ?? 0)];
    const key = merged.join(',');
    sums.set(key, (sums.get(key) ?? 0) + (cells[8] ?? 0));
  }
  return [names.concat('n').join(','), ...[...sums].map(([key, count]) => `${key},${count}`)].join('\n');
}

let t: TestApp;
let rapporteur: Client;
let otherRapporteur: Client;
let caseworker: Client;

beforeAll(async () => {
  t = await createTestApp();
  const office = await insertOrganisation(t, 'national_rapporteur');
  rapporteur = await clientFor(t, await insertUser(t, office, ['national_rapporteur']));
  otherRapporteur = await clientFor(t, await insertUser(t, office, ['national_rapporteur']));
  caseworker = await clientFor(t, await insertUser(t, await insertOrganisation(t, 'ngo'), ['caseworker']));
});
afterAll(async () => t.close());

/** Asks for the job's result until it is no longer running (each ask waits a little longer, up to a second). */
async function finished(client: Client, jobId: string): Promise<ModelAverageJobView> {
  for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
    const response = await client.request('GET', `/api/estimation/model-average/${jobId}`);
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json() as ModelAverageJobView;
    if (view.status !== 'running') return view;
    await sleep(wait);
  }
}

describe('the model average of seven and eight lists in the background', () => {
  it('is computed by a job, read by its starter alone, and deleted once read', async () => {
    const csv = newOrleansSevenLists();
    // In turns, as the job computes it: a minute of computing at once would keep the test's process from answering
    // the runner, which then fails the run although every test passed.
    const expected = await averageOverGraphsInTurns(parseOverlapTable(csv));
    expect(expected.search).toBe('mcmc');

    const started = await rapporteur.request('POST', '/api/estimation/model-average', { source: 'upload', csv });
    expect(started.statusCode, started.body).toBe(202);
    const { jobId } = started.json() as ModelAverageStarted;

    // Nobody else reads it, while it runs or after: another rapporteur gets no more than an unknown id would.
    expect((await otherRapporteur.request('GET', `/api/estimation/model-average/${jobId}`)).statusCode).toBe(404);
    expect((await caseworker.request('GET', `/api/estimation/model-average/${jobId}`)).statusCode).toBe(403);

    const view = await finished(rapporteur, jobId);
    expect(view).toEqual({
      status: 'done',
      row: { total: expected.total, lower: expected.lower, upper: expected.upper, interval: 'credible', search: 'mcmc', graphs: expected.graphs },
      problem: null,
    });
    // Read once, then gone with its data.
    expect((await rapporteur.request('GET', `/api/estimation/model-average/${jobId}`)).statusCode).toBe(404);
    expect((await otherRapporteur.request('GET', `/api/estimation/model-average/${jobId}`)).statusCode).toBe(404);

    const audit = await t.platform.db.selectFrom('audit_log').select(['summary', 'purpose']).where('action', '=', 'estimation.model_average').execute();
    expect(audit).toEqual([{ summary: expect.stringContaining('7 lists') as unknown, purpose: 'statistics' }]);
    // The Markov chain search over seven lists' graphs runs twice here (the reference, then the job), each for many
    // seconds on a shared machine: more than the suite's default allowance for one test.
  }, 300_000);

  it('refuses six lists or fewer (they come with the estimate), and more than eight, naming the lists', async () => {
    for (const name of ['UKdat', 'Western']) {
      const response = await rapporteur.request('POST', '/api/estimation/model-average', { source: 'upload', csv: fixture(name) });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('lists');
    }
  });

  it('refuses anyone the estimate is not for, and a malformed table naming the field', async () => {
    expect((await caseworker.request('POST', '/api/estimation/model-average', { source: 'upload', csv: newOrleansSevenLists() })).statusCode).toBe(403);
    const bad = await rapporteur.request('POST', '/api/estimation/model-average', { source: 'upload', csv: 'A,B,n\n1,0,x\n' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('csv');
    expect((await rapporteur.request('GET', '/api/estimation/model-average/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});
