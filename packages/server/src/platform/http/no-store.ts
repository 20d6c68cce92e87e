import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Whether a request path is the API (and not the web app's files, which browsers may cache). */
export const isApiPath = (url: string): boolean => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

/**
 * The one exception, reviewed: the public page's read (modules/public-view), which anyone may read without signing in,
 * holds nothing personal, is the same for every reader and sets its own `Cache-Control: public` and entity tag. Only a
 * public GET of this exact route, answered 200 or 304, keeps them; its errors are no-store like every other answer.
 */
export const cacheableApiRoutes: ReadonlySet<string> = new Set(['/api/public-view']);

function mayBeCached(request: FastifyRequest, statusCode: number): boolean {
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    cacheableApiRoutes.has(request.routeOptions.url ?? '') &&
    request.routeOptions.config.access?.kind === 'public' &&
    (statusCode === 200 || statusCode === 304)
  );
}

/**
 * `Cache-Control: no-store` on every API response, errors and downloads included: answers may hold personal data, and
 * no browser cache, shared computer or proxy may keep a copy. Set last (onSend), so no route can loosen it, the public
 * page's read (cacheableApiRoutes) aside.
 */
export function installNoStore(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (isApiPath(request.url) && !mayBeCached(request, reply.statusCode)) {
      reply.header('cache-control', 'no-store');
      reply.header('pragma', 'no-cache');
    }
    return payload;
  });
}
