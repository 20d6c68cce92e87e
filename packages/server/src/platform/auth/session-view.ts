import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SessionView } from '@palermo/contracts';
import type { Config } from '../config.js';
import { SESSION_COOKIE, type LoadedSession } from './sessions.js';
import { capabilitiesOf } from '../access/capabilities.js';

/** The session as the web app sees it, with the capabilities its routes' access declarations give the user. */
export function presentSession(session: LoadedSession, config: Config, app: Pick<FastifyInstance, 'declaredRoutes'>): SessionView {
  return {
    stage: session.stage,
    csrfToken: session.csrfToken,
    user: {
      id: session.user.id,
      displayName: session.user.displayName,
      email: session.user.email,
      roles: session.user.roles,
      organisation: {
        id: session.user.organisationId,
        name: session.user.organisationName,
        type: session.user.organisationType,
      },
    },
    capabilities: capabilitiesOf(session, app.declaredRoutes),
    idleTimeoutSeconds: config.sessionIdleSeconds,
    expiresAt: session.expiresAt.toISOString(),
  };
}

/** The session cookie: httpOnly, SameSite=Strict, Secure behind HTTPS, lasting no longer than the session. */
export function setSessionCookie(reply: FastifyReply, token: string, config: Config): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.secureCookies,
    path: '/',
    maxAge: config.sessionAbsoluteSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: config.secureCookies, path: '/' });
}
