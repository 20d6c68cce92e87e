import { sql } from 'kysely';
import { assessmentEntryRequest, assessmentRequest, checklistScoresRequest, type Role } from '@palermo/contracts';
import type { Database } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { createAssessment, recordEntry } from './determinants.service.js';
import { recordChecklistScores } from './determinants-checklist.js';

async function holder(database: Database, role: Role): Promise<Subject> {
  const user = await database.db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.organisation_id', 'users.roles', 'organisations.type', 'organisations.jurisdictions'])
    .where(sql<boolean>`${role} = any(users.roles)`)
    .orderBy('users.id')
    .executeTakeFirstOrThrow();
  return { userId: user.id, organisationId: user.organisation_id, organisationType: user.type as Subject['organisationType'], jurisdictions: user.jurisdictions, roles: user.roles as Role[] };
}

/**
 * One determinants assessment with two entries, one influencing the other and linked to a recommendation and an
 * indicator of the plan, and two items of its checklist scored (the backup test fills every table; run after the plan's and the recommendations' populations).
 */
export async function populateDeterminants(database: Database): Promise<void> {
  const rapporteur = await holder(database, 'national_rapporteur');
  const actor = { userId: rapporteur.userId, name: 'monitoring', organisationId: rapporteur.organisationId };
  await database.db.transaction().execute(async (tx) => {
    const { id } = await createAssessment(tx, rapporteur, actor, assessmentRequest.parse({ country: 'Moldova', periodFrom: '2019-01-01', periodTo: '2023-12-31', title: 'Determinants 2019 to 2023' }));
    const recommendation = await tx.selectFrom('recommendations').select('id').orderBy('id').executeTakeFirstOrThrow();
    const indicator = await tx.selectFrom('plan_indicators').select('id').orderBy('id').executeTakeFirstOrThrow();
    const typology = { origin: 'external', nature: 'pressure_point', specificity: 'trafficking_specific', reach: 'direct', level: 'institutional' };
    await recordEntry(tx, rapporteur, actor, id, assessmentEntryRequest.parse({
      determinant: 'external_monitoring', direction: 'positive', activity: 'active', strength: 'strong', typology, evidence: 'GRETA third round report',
      recommendationIds: [recommendation.id], indicatorIds: [indicator.id], influences: ['political_will'],
    }));
    await recordChecklistScores(tx, rapporteur, actor, id, checklistScoresRequest.parse({ scores: [{ item: 'lp_engage_monitoring', score: 'partly_met', note: 'Replies to GRETA on time' }, { item: 'fu_local_needs', score: 'not_applicable' }] }));
    await recordEntry(tx, rapporteur, actor, id, assessmentEntryRequest.parse({ determinant: 'political_will', direction: 'neutral', activity: 'passive', strength: 'moderate', typology: { ...typology, origin: 'internal', nature: 'structural' } }));
  });
}
