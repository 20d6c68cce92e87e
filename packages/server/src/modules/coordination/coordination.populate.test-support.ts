import { sql } from 'kysely';
import { actionStatusRequest, coordinationBodyRequest, followUpActionRequest, meetingRequest, trainingRequest, type Role } from '@palermo/contracts';
import type { Database } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { addAction, createBody, createMeeting, updateActionStatus } from './coordination.service.js';
import { recordTraining } from './trainings.service.js';

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
 * A national body with a working group under it (two member organisations), a meeting with a decision and a follow-up
 * action marked done, and a training linked to a plan activity (the backup test fills every table; run after the
 * plan's population).
 */
export async function populateCoordination(database: Database): Promise<void> {
  const coordinator = await holder(database, 'national_coordinator');
  const actor = { userId: coordinator.userId, name: 'coordination', organisationId: coordinator.organisationId };
  await database.db.transaction().execute(async (tx) => {
    const organisations = await tx.selectFrom('organisations').select('id').where('active', '=', true).orderBy('id').limit(2).execute();
    const members = organisations.map((o, i) => ({ organisationId: o.id, role: i === 0 ? 'chair' : 'member' }));
    const national = await createBody(tx, coordinator, actor, coordinationBodyRequest.parse({ name: 'National anti-trafficking committee', kind: 'national_coordination_body', theme: 'all', activeFrom: '2020-01-01' }));
    const group = await createBody(tx, coordinator, actor, coordinationBodyRequest.parse({ name: 'Working group on protection', kind: 'working_group', parentId: national.id, theme: 'protection', activeFrom: '2021-01-01', activeTo: '2025-12-31', members }));
    const meeting = await createMeeting(tx, coordinator, actor, group.id, meetingRequest.parse({ heldOn: '2024-03-05', place: 'Chisinau', minutes: 'Shelter capacity reviewed', decisions: ['Open ten more shelter places'] }));
    const decision = await tx.selectFrom('coordination_decisions').select('id').where('meeting_id', '=', meeting.id).executeTakeFirstOrThrow();
    const organisationId = organisations[0]?.id ?? coordinator.organisationId;
    const action = await addAction(tx, coordinator, actor, meeting.id, followUpActionRequest.parse({ decisionId: decision.id, description: 'Report on shelter places', organisationId, dueOn: '2024-06-30' }));
    await updateActionStatus(tx, coordinator, actor, action.id, actionStatusRequest.parse({ status: 'done', doneOn: '2024-06-20' }));
    const activity = await tx.selectFrom('plan_activities').select('id').orderBy('id').executeTakeFirst();
    await recordTraining(tx, coordinator, actor, trainingRequest.parse({
      topic: 'identification', title: 'Identifying victims of labour exploitation', audience: 'labour_inspectors', organisationId, heldOn: '2024-05-14', numberTrained: 30, bySex: { women: 14, men: 16 }, activityId: activity?.id ?? null,
    }));
  });
}
