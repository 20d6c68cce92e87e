import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createTestApp, insertOrganisation, insertUser, type Client, type TestApp } from '../../../test/support/test-app.js';
import { JobEngine } from '../../platform/jobs/job-engine.js';
import { defineReleaseJob } from './release-job.js';
import { insertPopulation } from './test-population.js';

/**
 * A release is made by a job on the job engine, not inside the request: the request waits for the job's answer. A
 * server whose process takes no jobs still answers, once another process (here a second app on the same database)
 * has made the release.
 */

let sender: TestApp;
let rapporteur: Client;
let datasetId = '';

beforeAll(async () => {
  sender = await createTestApp({ config: { jobWorkers: false } });
  rapporteur = await clientFor(sender, await insertUser(sender, await insertOrganisation(sender, 'national_rapporteur'), ['national_rapporteur']));
  datasetId = await insertPopulation(sender.platform.db, { count: 300, seed: 3, name: 'Imported CTDC file' });
});

afterAll(async () => {
  await sender.close();
});

describe('releases on the job engine', () => {
  it('waits in the request for the job another process runs, and the refusal travels back as it was', async () => {
    const jobs = async () => (await sql<{ state: string }>`select state::text from pgboss.job where name = 'release' order by created_on`.execute(sender.platform.db)).rows.map((r) => r.state);
    const made = rapporteur.request('POST', '/api/releases', { confirmed: true, kind: 'k_anonymous', datasetId, k: 5, quasiIdentifiers: ['gender'] });
    // Nobody in this process takes the job: it waits in the queue.
    for (let i = 0; i < 50 && (await jobs()).length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await jobs()).toEqual(['created']);

    // A worker on the same database (as a second server would be) takes it; the request answers.
    const worker = new JobEngine(sender.testDb.database, { error: () => undefined }, { work: true, pollingSeconds: 0.5 });
    defineReleaseJob(worker, { db: sender.platform.db, cipher: sender.platform.cipher });
    await worker.start();
    try {
      const response = await made;
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().release).toMatchObject({ kind: 'k_anonymous', recordsRead: 300 });
      expect(await jobs()).toEqual(['completed']);

      const over = await rapporteur.request('POST', '/api/releases', { confirmed: true, kind: 'synthetic', datasetId, epsilon: 11, delta: 1e-6 });
      expect(over.statusCode).toBe(409);
      expect(over.json()).toMatchObject({ error: 'budget_exceeded' });
      // Refused by the service inside the job: the field is still named.
      const bad = await rapporteur.request('POST', '/api/releases', { confirmed: true, kind: 'k_anonymous', datasetId, k: 5, quasiIdentifiers: ['gender'], attributes: ['yearOfRegistration'] });
      expect(bad.statusCode, bad.body).toBe(400);
      expect(bad.json().issues).toEqual([expect.objectContaining({ field: 'quasiIdentifiers' })]);
      expect(await jobs()).toEqual(['completed', 'completed', 'completed']);
    } finally {
      await worker.stop();
    }
  });
});
