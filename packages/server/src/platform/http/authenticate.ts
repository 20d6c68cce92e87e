import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, loadSession } from '../auth/sessions.js';
import { sessionPolicy } from '../auth/sign-in.js';
import { mayEverAllow } from '../access/rules.js';
import { subjectOf } from './context.js';
import { HttpError, forbidden, unauthenticated } from './errors.js';
import type { RouteAccess } from './access.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Cross-site request defences for state-changing requests: the Origin, when a browser sends one, must be this server;
 * the body must be JSON (which a cross-site form cannot send); and a signed-in session must present its CSRF token in
 * `x-csrf-token`. The session cookie is also SameSite=Strict.
 */
function checkCrossSite(request: FastifyRequest, hasSession: boolean, csrfToken: string | undefined): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    const host = request.headers.host;
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (!host || originHost !== host) throw new HttpError(403, 'csrf', 'Cross-origin request refused');
  }
  if (hasSession) {
    const presented = request.headers['x-csrf-token'];
    if (typeof presented !== 'string' || !csrfToken || !sameToken(presented, csrfToken)) {
      throw new HttpError(403, 'csrf', 'Missing or wrong x-csrf-token header');
    }
  }
}

/** The first steps of every route's pipeline: find the session, defend against CSRF, apply the route's access. */
export function installAuthentication(app: FastifyInstance): void {
  app.decorateRequest('session', undefined);
  app.addHook('onRequest', async (request) => {
    const access: RouteAccess | undefined = request.routeOptions.config.access;
    if (!access) return; // unmatched routes fall through to the 404 handler
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await loadSession(app.platform.db, token, sessionPolicy(app.platform)) : undefined;
    request.session = session;

    if (access.kind === 'public') {
      checkCrossSite(request, false, undefined);
      return;
    }
    if (!session) throw unauthenticated();
    checkCrossSite(request, true, session.csrfToken);
    if (access.kind === 'session') {
      if (!access.stages.includes(session.stage)) throw forbidden('This step does not apply to your session');
      return;
    }
    if (session.stage !== 'active') {
      throw new HttpError(403, session.stage, 'Complete two-factor authentication first');
    }
    if (!mayEverAllow(access.rule, subjectOf(session))) throw forbidden();
  });
}
