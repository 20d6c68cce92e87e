import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, idempotencyHeaders } from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { inTransaction } from '../../platform/http/transaction.js';
import {
  acceptReferralRequest,
  completeReferralRequest,
  declineReferralRequest,
  referralList,
  referralListQuery,
  referralRef,
  sendReferralRequest,
  withdrawReferralRequest,
} from './referral.contracts.js';
import { anyRespondRule, referralRules } from './referral.policy.js';
import * as referrals from './referral.service.js';
import { acceptReferral, completeReferral, declineReferral, withdrawReferral } from './referral-response.js';
import { referralAnswered, referralReceived } from '../notifications/notifications.service.js';

/** The referral part of the National Referral Mechanism: send, inbox and outbox, answer, record the service delivered. */
export async function referralRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['referrals'];
  const respond = { access: ruleRoute('referral.respond', anyRespondRule) };

  r.post(
    '/api/cases/:id/referrals',
    {
      config: { access: ruleRoute('referral.send', referralRules.send) },
      schema: { tags, summary: 'Refer the person to an organisation for a service, or hand case management over (needs consent to referral to it)', params: idParams, headers: idempotencyHeaders, body: sendReferralRequest, response: { 200: referralRef } },
    },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, async (tx) => {
        const sent = await referrals.sendReferral(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.body, request.headers['idempotency-key']);
        await referralReceived(tx, app.jobs, sent.id);
        return sent;
      });
    },
  );

  r.get(
    '/api/cases/:id/referrals',
    { config: { access: ruleRoute('referral.list_for_case', referralRules.listForCase) }, schema: { tags, summary: "The case's referrals, for those who manage it (audited)", params: idParams, querystring: referralListQuery, response: { 200: referralList } } },
    async (request) => {
      const session = requireSession(request);
      const list = await inTransaction(platform, (tx) => referrals.listForCase(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.query));
      return { referrals: list };
    },
  );

  r.get(
    '/api/referrals/inbox',
    { config: { access: ruleRoute('referral.inbox', referralRules.inbox) }, schema: { tags, summary: "Referrals sent to the caller's organisation (audited)", querystring: referralListQuery, response: { 200: referralList } } },
    async (request) => {
      const session = requireSession(request);
      const list = await inTransaction(platform, (tx) => referrals.listInbox(tx, platform.cipher, subjectOf(session), actorOf(session), request.query));
      return { referrals: list };
    },
  );

  r.get(
    '/api/referrals/outbox',
    { config: { access: ruleRoute('referral.outbox', referralRules.outbox) }, schema: { tags, summary: "Referrals the caller's organisation sent (audited)", querystring: referralListQuery, response: { 200: referralList } } },
    async (request) => {
      const session = requireSession(request);
      const list = await inTransaction(platform, (tx) => referrals.listOutbox(tx, platform.cipher, subjectOf(session), actorOf(session), request.query));
      return { referrals: list };
    },
  );

  r.post(
    '/api/referrals/:id/accept',
    { config: respond, schema: { tags, summary: 'Accept a referral (a transfer moves case management here)', params: idParams, headers: idempotencyHeaders, body: acceptReferralRequest, response: { 200: referralRef } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, async (tx) => {
        const accepted = await acceptReferral(tx, subjectOf(session), actorOf(session), request.params.id, request.body, request.headers['idempotency-key']);
        await referralAnswered(tx, app.jobs, request.params.id);
        return accepted;
      });
    },
  );

  r.post(
    '/api/referrals/:id/decline',
    { config: respond, schema: { tags, summary: 'Decline a referral with a reason (ends what was shared)', params: idParams, headers: idempotencyHeaders, body: declineReferralRequest, response: { 200: referralRef } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, async (tx) => {
        const declined = await declineReferral(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.body, request.headers['idempotency-key']);
        await referralAnswered(tx, app.jobs, request.params.id);
        return declined;
      });
    },
  );

  r.post(
    '/api/referrals/:id/complete',
    { config: respond, schema: { tags, summary: 'Record the service delivered (ends what was shared)', params: idParams, headers: idempotencyHeaders, body: completeReferralRequest, response: { 200: referralRef } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) =>
        completeReferral(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.body, request.headers['idempotency-key']),
      );
    },
  );

  r.post(
    '/api/referrals/:id/withdraw',
    { config: { access: ruleRoute('referral.withdraw', referralRules.withdraw) }, schema: { tags, summary: 'Withdraw a referral (ends what was shared)', params: idParams, headers: idempotencyHeaders, body: withdrawReferralRequest, response: { 200: referralRef } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => withdrawReferral(tx, subjectOf(session), actorOf(session), request.params.id, request.headers['idempotency-key']));
    },
  );
}
