import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { okResponse, passwordResetRequest, sessionView, signInRequest, totpCodeRequest, totpEnrolmentResponse } from '@palermo/contracts';
import { publicRoute, sessionRoute } from '../http/access.js';
import { actorOf, requireSession } from '../http/context.js';
import { HttpError } from '../http/errors.js';
import { appendAudit } from '../audit/audit.js';
import { clearSessionCookie, presentSession, setSessionCookie } from './session-view.js';
import { SESSION_COOKIE, deleteSession, deleteUserSessions, loadSession } from './sessions.js';
import { sessionPolicy, signIn } from './sign-in.js';
import { beginEnrolment, completeTwoFactor } from './two-factor.js';
import { redeemResetCode } from './password-reset.js';

const anyStage = sessionRoute('active', 'two_factor_required', 'two_factor_enrolment_required');

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const platform = () => app.platform;

  async function respondWithSession(reply: FastifyReply, token: string) {
    const session = await loadSession(platform().db, token, sessionPolicy(platform()));
    if (!session) throw new HttpError(500, 'internal', 'The new session could not be read back');
    setSessionCookie(reply, token, platform().config);
    return presentSession(session, platform().config, app);
  }

  r.post(
    '/api/auth/sign-in',
    {
      config: {
        access: publicRoute('signing in is how a session starts'),
        rateLimit: { max: app.platform.config.signInRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: { tags: ['auth'], summary: 'Sign in with e-mail and password', body: signInRequest, response: { 200: sessionView } },
    },
    async (request, reply) => {
      const outcome = await signIn(platform(), {
        email: request.body.email,
        password: request.body.password,
        presentedToken: request.cookies[SESSION_COOKIE],
      });
      switch (outcome.kind) {
        case 'signed_in':
          return respondWithSession(reply, outcome.token);
        case 'invalid_credentials':
          throw new HttpError(401, 'invalid_credentials', 'The e-mail address or password is wrong');
        case 'locked':
          throw new HttpError(423, 'account_locked', 'This account is locked after repeated failures; ask an administrator to unlock it');
        case 'wait':
          reply.header('retry-after', String(outcome.retryAfterSeconds));
          throw new HttpError(423, 'account_locked', `Too many failed attempts; try again in ${outcome.retryAfterSeconds} seconds`);
      }
    },
  );

  r.post(
    '/api/auth/password-reset',
    {
      config: {
        access: publicRoute('a user who lost her password sets a new one with the one-time code an administrator issued'),
        rateLimit: { max: app.platform.config.signInRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with a one-time reset code',
        body: passwordResetRequest,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await redeemResetCode(platform(), request.body);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/session',
    { config: { access: anyStage }, schema: { tags: ['auth'], summary: 'The current session', response: { 200: sessionView } } },
    async (request) => presentSession(requireSession(request), platform().config, app),
  );

  r.post(
    '/api/auth/totp/enrol',
    {
      config: { access: sessionRoute('two_factor_enrolment_required', 'active'), rateLimit: { max: app.platform.config.signInRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: 'Start two-factor enrolment', response: { 200: totpEnrolmentResponse } },
    },
    async (request) => beginEnrolment(platform(), requireSession(request)),
  );

  r.post(
    '/api/auth/totp/confirm',
    {
      config: { access: sessionRoute('two_factor_enrolment_required', 'active'), rateLimit: { max: app.platform.config.signInRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: 'Confirm enrolment with a first code', body: totpCodeRequest, response: { 200: sessionView } },
    },
    async (request, reply) => {
      const { token } = await completeTwoFactor(platform(), requireSession(request), request.body.code, 'confirm_enrolment');
      return respondWithSession(reply, token);
    },
  );

  r.post(
    '/api/auth/totp/verify',
    {
      config: { access: sessionRoute('two_factor_required'), rateLimit: { max: app.platform.config.signInRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: 'Second factor at sign-in', body: totpCodeRequest, response: { 200: sessionView } },
    },
    async (request, reply) => {
      const { token } = await completeTwoFactor(platform(), requireSession(request), request.body.code, 'verify');
      return respondWithSession(reply, token);
    },
  );

  r.post(
    '/api/auth/sign-out',
    { config: { access: anyStage }, schema: { tags: ['auth'], summary: 'Sign out of this session', response: { 200: okResponse } } },
    async (request, reply) => {
      const session = requireSession(request);
      await platform().db.transaction().execute(async (tx) => {
        await deleteSession(tx, session.id);
        await appendAudit(tx, actorOf(session), { action: 'auth.sign_out', recordType: 'user', recordId: session.user.id, purpose: 'security', summary: 'signed out' });
      });
      clearSessionCookie(reply, platform().config);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/auth/sign-out-everywhere',
    { config: { access: anyStage }, schema: { tags: ['auth'], summary: 'End every session of this user', response: { 200: okResponse } } },
    async (request, reply) => {
      const session = requireSession(request);
      await platform().db.transaction().execute(async (tx) => {
        const ended = await deleteUserSessions(tx, session.user.id);
        await appendAudit(tx, actorOf(session), {
          action: 'auth.sign_out_everywhere',
          recordType: 'user',
          recordId: session.user.id,
          purpose: 'security',
          summary: `${ended} sessions ended`,
        });
      });
      clearSessionCookie(reply, platform().config);
      return { ok: true as const };
    },
  );
}
