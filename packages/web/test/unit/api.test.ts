import { afterEach, describe, expect, it } from 'vitest';
import { caseRef, okResponse } from '@palermo/contracts';
import { ApiError, api, fetchFile, fileNameOf, onUnauthenticated, sendForm, setCsrfToken } from '../../src/app/api';
import { startAnsweringServer, type Answer } from './answering-server';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  setCsrfToken(null);
  await close?.();
  close = undefined;
});

async function serve(answer: Answer | ((url: string) => Answer)) {
  const server = await startAnsweringServer((request) => (typeof answer === 'function' ? answer(request.url) : answer));
  close = server.close;
  return server;
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('the HTTP client', () => {
  it('answers what the contract describes, and sends the CSRF token with every change', async () => {
    const server = await serve({ status: 200, body: { ok: true } });
    setCsrfToken('token-1');
    await expect(api.get('/api/thing', okResponse)).resolves.toEqual({ ok: true });
    await expect(api.post('/api/thing', { a: 1 }, okResponse, { 'idempotency-key': 'k-1' })).resolves.toEqual({ ok: true });
    const [get, post] = server.received;
    expect(get?.headers['x-csrf-token']).toBeUndefined();
    expect(post?.headers['x-csrf-token']).toBe('token-1');
    expect(post?.headers['idempotency-key']).toBe('k-1');
    expect(JSON.parse(post?.body ?? '')).toEqual({ a: 1 });
  });

  it('turns a validation answer into field issues', async () => {
    await serve({ status: 400, body: { error: 'validation', message: 'Invalid request', issues: [{ field: 'person.birthDate', problem: 'must not be in the future' }] } });
    const error = await failure(api.post('/api/cases', {}, caseRef));
    expect(error.isValidation).toBe(true);
    expect(error.status).toBe(400);
    expect(error.issues).toEqual([{ field: 'person.birthDate', problem: 'must not be in the future' }]);
  });

  it('keeps the field a conflict names, and the code of other errors', async () => {
    await serve({ status: 409, body: { error: 'conflict', message: 'taken', issues: [{ field: 'email', problem: 'a user with this e-mail address already exists' }] } });
    const error = await failure(api.post('/api/users', {}, okResponse));
    expect([error.code, error.issues[0]?.field]).toEqual(['conflict', 'email']);
  });

  it('tells the session listeners when the server says the session has ended, and only then', async () => {
    let told = 0;
    const stop = onUnauthenticated(() => {
      told += 1;
    });
    await serve((url) => (url === '/api/gone' ? { status: 401, body: { error: 'unauthenticated', message: 'Sign in' } } : { status: 403, body: { error: 'forbidden', message: 'No' } }));
    expect((await failure(api.get('/api/gone', okResponse))).code).toBe('unauthenticated');
    expect((await failure(api.get('/api/refused', okResponse))).code).toBe('forbidden');
    expect((await failure(fetchFile('/api/gone'))).status).toBe(401);
    stop();
    await failure(api.get('/api/gone', okResponse));
    expect(told).toBe(2);
  });

  it('says "network" when the server cannot be reached', async () => {
    const server = await serve({ status: 200, body: { ok: true } });
    await server.close();
    close = undefined;
    const error = await failure(api.get('/api/anything', okResponse));
    expect([error.status, error.code]).toEqual([0, 'network']);
  });

  it('says "bad_response" when the answer does not match the contract', async () => {
    await serve({ status: 200, body: { ok: 'yes' } });
    const error = await failure(api.get('/api/thing', okResponse));
    expect(error.code).toBe('bad_response');
  });

  it('gives an error without a JSON body a code from its status', async () => {
    await serve((url) => (url === '/api/busy' ? { status: 429, text: 'slow down' } : { status: 502, text: '<html>Bad gateway</html>' }));
    expect((await failure(api.get('/api/busy', okResponse))).code).toBe('too_many_requests');
    expect((await failure(api.get('/api/proxy', okResponse))).code).toBe('http_502');
  });

  it('downloads a file with the name the server gives it, and sends forms with the CSRF header', async () => {
    const server = await serve((url) =>
      url.startsWith('/api/file')
        ? { status: 200, text: 'a,b\n1,2\n', headers: { 'content-disposition': `attachment; filename="x.csv"; filename*=UTF-8''%D8%A3.csv` } }
        : { status: 200, body: { ok: true } },
    );
    setCsrfToken('token-2');
    const file = await fetchFile('/api/file');
    expect(file.fileName).toBe('أ.csv');
    expect(await file.blob.text()).toBe('a,b\n1,2\n');
    const form = new FormData();
    form.set('kind', 'identity');
    await expect(sendForm('/api/form', form, okResponse)).resolves.toEqual({ ok: true });
    const posted = server.received.at(-1);
    expect(posted?.headers['x-csrf-token']).toBe('token-2');
    expect(posted?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('reads both forms of a Content-Disposition file name', () => {
    expect(fileNameOf('attachment; filename="report.pdf"')).toBe('report.pdf');
    expect(fileNameOf("attachment; filename=\"a.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf")).toBe('résumé.pdf');
    expect(fileNameOf('attachment')).toBeUndefined();
    expect(fileNameOf(null)).toBeUndefined();
  });
});
