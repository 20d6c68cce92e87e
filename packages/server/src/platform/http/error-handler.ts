import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HttpError } from './errors.js';

/**
 * Turns every failure into a JSON body that names what went wrong: 400s list each field and its problem; anything
 * unexpected is logged (without request bodies) and answered with a generic 500.
 */
export function installErrorHandler(app: FastifyInstance, serveWebApp: boolean): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = error.validationContext ?? 'body';
      const issues = error.validation.map((issue) => {
        const path = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
        const field = context === 'body' ? path || '(body)' : `${context}${path ? `.${path}` : ''}`;
        return { field, problem: issue.message, ...codeOf(issue.params) };
      });
      return reply.code(400).send({
        error: 'validation',
        message: issues.map((i) => `${i.field}: ${i.problem}`).join('; '),
        issues,
      });
    }
    if (error instanceof HttpError) {
      const body: Record<string, unknown> = { error: error.code, message: error.message };
      if (error.issues) body['issues'] = error.issues;
      if (error.details) body['details'] = error.details;
      return reply.code(error.statusCode).send(body);
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({ error: 'body_too_large', message: 'The request body is larger than allowed' });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.code(415).send({ error: 'unsupported_media_type', message: 'Send application/json' });
    }
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
      return reply.code(400).send({
        error: 'validation',
        message: '(body): is not valid JSON',
        issues: [{ field: '(body)', problem: 'is not valid JSON' }],
      });
    }
    if (error.statusCode === 429) {
      return reply.code(429).send({ error: 'too_many_requests', message: 'Too many attempts; wait and try again' });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: 'bad_request', message: error.message });
    }
    request.log.error({ err: { type: error.name, message: error.message, stack: error.stack } }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'Something went wrong; the error was logged' });
  });

  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: unknown non-API pages get its index.html.
    if (serveWebApp && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.sendFile('index.html');
    }
    return reply.code(404).send({ error: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0] ?? ''}` });
  });
}

/**
 * A contract's refinement may name a stable code for its problem (`refine(check, { message, params: { code, ... } })`,
 * e.g. a step's date in the future): it goes out with the issue, its other string params beside it, for a client
 * that words the problem in its reader's language.
 */
function codeOf(params: unknown): { code?: string; params?: Record<string, string> } {
  const own: unknown = typeof params === 'object' && params !== null ? Reflect.get(params, 'params') : undefined;
  if (typeof own !== 'object' || own === null) return {};
  const { code, ...rest } = own as Record<string, unknown>;
  if (typeof code !== 'string') return {};
  const words = Object.fromEntries(Object.entries(rest).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return Object.keys(words).length > 0 ? { code, params: words } : { code };
}
