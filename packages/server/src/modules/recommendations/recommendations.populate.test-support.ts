import { sql } from 'kysely';
import { createRecommendationRequest, recordResponseRequest, recordStatusRequest, type Role } from '@palermo/contracts';
import type { Database } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { systemActor } from '../../platform/audit/audit.js';
import { importReferenceSeries } from './reference-series.js';
import { createRecommendation, linkActivities, linkCluster, recordResponse, recordStatus } from './recommendations.service.js';

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
 * Two near-identical recommendations of two bodies linked as a cluster, answered (response and status, so that the
 * history holds several versions), linked to the plan's first activity; and both reference series (the backup test
 * fills every table).
 */
export async function populateRecommendations(database: Database): Promise<void> {
  const rapporteur = await holder(database, 'national_rapporteur');
  const coordinator = await holder(database, 'national_coordinator');
  const actor = (s: Subject) => ({ userId: s.userId, name: 'monitoring', organisationId: s.organisationId });
  await database.db.transaction().execute(async (tx) => {
    const base = { cycle: 'Third round', issuedOn: '2023-06-14', paragraph: '', addressedTo: '', themes: ['identification'], urgency: 'urges' };
    const a = await createRecommendation(tx, rapporteur, actor(rapporteur), createRecommendationRequest.parse({ ...base, sourceBody: 'greta', text: 'Ensure that all victims of trafficking are identified and assisted' }));
    const b = await createRecommendation(tx, rapporteur, actor(rapporteur), createRecommendationRequest.parse({ ...base, sourceBody: 'upr', urgency: 'recommends', text: 'Ensure all victims of trafficking are identified and assisted' }));
    await linkCluster(tx, rapporteur, actor(rapporteur), { recommendationIds: [a.id, b.id] });
    await recordResponse(tx, coordinator, actor(coordinator), a.id, recordResponseRequest.parse({ response: 'accepted', effectiveOn: '2023-09-01' }));
    await recordStatus(tx, rapporteur, actor(rapporteur), a.id, recordStatusRequest.parse({ status: 'in_progress', effectiveOn: '2024-01-10', evidence: 'Decree 12/2024' }));
    const activity = await tx.selectFrom('plan_activities').select('id').orderBy('id').executeTakeFirstOrThrow();
    await linkActivities(tx, coordinator, actor(coordinator), a.id, [activity.id], true);
  });
  const csv = (text: string) => Buffer.from(text, 'utf8');
  await importReferenceSeries(database.db, 'tip_tiers', { fileName: 'tiers.csv', bytes: csv('countryname,iso,year,ccode,tier\nMoldova,MDA,2019,359,2\nMoldova,MDA,2020,359,3\n') }, systemActor('import tip-tiers'));
  await importReferenceSeries(database.db, 'policy_index_3p', { fileName: 'p.csv', bytes: csv('country_name,iso3,year,tip_tier,index_3p,prosecution,protection,prevention,criminalization\nMoldova,MDA,2013,2,11,4,3,4,Full\n') }, systemActor('import policy-index'));
}
