import type { FastifyInstance } from 'fastify';

/** Whether a request path is the API (and not the web app's files, which browsers may cache). */
export const isApiPath = (url: string): boolean => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

/**
 * `Cache-Control: no-store` on every API response, errors and downloads included: answers may hold personal data, and
 * no browser cache, shared computer or proxy may keep a copy. Set last (onSend), so no route can loosen it.
 */
export function installNoStore(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (isApiPath(request.url)) {
      reply.header('cache-control', 'no-store');
      reply.header('pragma', 'no-cache');
    }
    return payload;
  });
}
