import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJobView } from '@palermo/contracts';
import { buildApp } from '../../platform/http/app.js';
import { SESSION_COOKIE, createSession } from '../../platform/auth/sessions.js';
import { createTestApp, insertOrganisation, insertUser, type TestApp } from '../../../test/support/test-app.js';

/**
 * A web import outlives the server that received it: the upload is stored with its job, the server stops before any
 * worker took it, and the next server on the same database imports it; its owner reads the report there, nobody else.
 */
let t: TestApp;
let second: FastifyInstance | undefined;

beforeAll(async () => {
  // The first server takes no jobs: it stops, as if restarted, before anything ran.
  t = await createTestApp({ config: { jobWorkers: false } });
});
afterAll(async () => {
  await second?.close();
  await t.close();
});

describe('a web import across a restart', () => {
  it('is imported by the next server and reported to its owner only', async () => {
    const rapporteur = await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur']);
    const other = await insertUser(t, await insertOrganisation(t, 'national_rapporteur'), ['national_rapporteur']);
    const session = async (userId: string) => {
      const { token } = await createSession(t.platform.db, userId, 'active', { idleSeconds: 1800, absoluteSeconds: 3600 });
      const { csrf_token } = await t.platform.db.selectFrom('sessions').select('csrf_token').where('user_id', '=', userId).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      return { token, csrf: csrf_token };
    };
    const owner = await session(rapporteur.id);
    const body = Buffer.from('yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,isForcedLabour\n2022,Woman,21--23,PHL,MYS,1\n2023,Man,30--38,NPL,QAT,1\n');
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/imports/ctdc',
      cookies: { [SESSION_COOKIE]: owner.token },
      headers: { 'x-csrf-token': owner.csrf, 'content-type': 'application/octet-stream', 'x-file-name': 'restart.csv' },
      payload: body,
    });
    expect(started.statusCode, started.body).toBe(202);
    const { jobId } = started.json() as { jobId: string };
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const waiting = importJobView.parse((await t.app.inject({ method: 'GET', url: `/api/imports/jobs/${jobId}`, cookies: { [SESSION_COOKIE]: owner.token } })).json());
    expect(waiting).toMatchObject({ status: 'running', progress: 0, summary: null });
    await t.app.close();

    second = await buildApp({ platform: { ...t.platform, config: { ...t.platform.config, jobWorkers: true } }, logger: false, webDist: join(t.dataDir, 'no-web') });
    await second.ready();
    const ask = (token: string) => second?.inject({ method: 'GET', url: `/api/imports/jobs/${jobId}`, cookies: { [SESSION_COOKIE]: token } });
    let job = waiting;
    for (let i = 0; i < 200 && job.status === 'running'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = importJobView.parse((await ask(owner.token))?.json());
    }
    expect(job).toMatchObject({ status: 'succeeded', progress: 1, fileName: 'restart.csv', summary: { rowsRead: 2, rowsImported: 2 } });
    // The upload is dropped once imported; another rapporteur cannot read the job.
    expect((await t.platform.db.selectFrom('import_jobs').select('file').where('id', '=', jobId).executeTakeFirstOrThrow()).file).toBeNull();
    expect((await ask((await session(other.id)).token))?.statusCode).toBe(404);
  });
});
