import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  caseIntakeView,
  caseScreeningsView,
  correctIntakeRequest,
  factChangeResult,
  idParams,
  personProfileView,
  updateProfileSectionRequest,
  type UpdateProfileSectionRequest,
} from '@palermo/contracts';
import { ruleRoute } from '../../platform/http/access.js';
import { actorOf, requireSession, subjectOf } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { inTransaction } from '../../platform/http/transaction.js';
import { caseRules } from '../case/case.policy.js';
import { correctIntake, readIntake, readScreenings } from './case-intake.service.js';
import { readProfile, updateSection } from './person-profile.service.js';

const changed = factChangeResult;

/**
 * The referral form's facts about the person (GET/PATCH /api/cases/:id/profile), the intake shown again and corrected
 * (GET/PATCH /api/cases/:id/intake) and the screenings read back (GET /api/cases/:id/screenings). Reads are audited and
 * answer only what the field policies (person-profile.fields.ts) show; a case the user may not read answers 404.
 */
export async function personProfileRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const tags = ['person profile'];

  r.get(
    '/api/cases/:id/profile',
    { config: { access: ruleRoute('case.read', caseRules.read) }, schema: { tags, summary: "The referral form's facts about the person, as the field policy shows them", params: idParams, response: { 200: personProfileView } } },
    async (request) => {
      const session = requireSession(request);
      const view = await inTransaction(platform, (tx) => readProfile(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id));
      if (!view) throw notFound('Case');
      return view;
    },
  );

  r.patch(
    '/api/cases/:id/profile',
    { config: { access: ruleRoute('case.manage', caseRules.manage) }, schema: { tags, summary: 'Record or correct one section of the referral form (the earlier value is kept in the history)', params: idParams, body: updateProfileSectionRequest, response: { 200: changed } } },
    async (request) => {
      const session = requireSession(request);
      const body = request.body as unknown as UpdateProfileSectionRequest;
      return inTransaction(platform, (tx) => updateSection(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, body));
    },
  );

  r.get(
    '/api/cases/:id/intake',
    { config: { access: ruleRoute('case.read', caseRules.read) }, schema: { tags, summary: "The intake's notes and country of exploitation, with their corrections", params: idParams, response: { 200: caseIntakeView } } },
    async (request) => {
      const session = requireSession(request);
      const view = await inTransaction(platform, (tx) => readIntake(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id));
      if (!view) throw notFound('Case');
      return view;
    },
  );

  r.patch(
    '/api/cases/:id/intake',
    { config: { access: ruleRoute('case.manage', caseRules.manage) }, schema: { tags, summary: "Correct the intake's notes or country of exploitation (history kept)", params: idParams, body: correctIntakeRequest, response: { 200: changed } } },
    async (request) => {
      const session = requireSession(request);
      return inTransaction(platform, (tx) => correctIntake(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id, request.body));
    },
  );

  r.get(
    '/api/cases/:id/screenings',
    { config: { access: ruleRoute('case.read', caseRules.read) }, schema: { tags: ['screening'], summary: "The case's screenings read back, with the methods of control they suggest", params: idParams, response: { 200: caseScreeningsView } } },
    async (request) => {
      const session = requireSession(request);
      const view = await inTransaction(platform, (tx) => readScreenings(tx, platform.cipher, subjectOf(session), actorOf(session), request.params.id));
      if (!view) throw notFound('Case');
      return view;
    },
  );
}
