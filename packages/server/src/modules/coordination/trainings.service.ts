import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CreatedRef, trainingRequest } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import { allows, type Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { badRequest, forbidden, notFound } from '../../platform/http/errors.js';
import { countryDay } from '../prosecution-funnel/funnel.changes.js';
import { knownOrganisations } from './coordination.service.js';
import { coordinationRules, trainingFacts } from './coordination.policy.js';

type TrainingInput = z.output<typeof trainingRequest>;

function mayRecordFor(subject: Subject, organisationId: string): void {
  if (!allows(coordinationRules.recordTraining, subject, trainingFacts(organisationId))) {
    throw forbidden('Only the coordinator, or the delivering organisation for its own trainings, records a training');
  }
}

/** The checks the contract cannot make: the organisation and activity exist, the training is not in the future. */
async function check(tx: Db, input: TrainingInput): Promise<void> {
  await knownOrganisations(tx, [{ id: input.organisationId, field: 'organisationId' }]);
  if (input.heldOn > (await countryDay(tx))) throw badRequest('heldOn', 'must not be in the future');
  if (input.activityId !== null) {
    const activity = await tx.selectFrom('plan_activities').select('id').where('id', '=', input.activityId).executeTakeFirst();
    if (!activity) throw badRequest('activityId', 'must name an activity of the plan');
  }
}

const columns = (input: TrainingInput) => ({
  topic: input.topic, title: input.title, audience: input.audience, organisation_id: input.organisationId, held_on: input.heldOn,
  number_trained: input.numberTrained, women: input.bySex?.women ?? null, men: input.bySex?.men ?? null, activity_id: input.activityId,
});

/** Records a training delivered (the coordinator, or the delivering organisation's leads; audited). */
export async function recordTraining(tx: Db, subject: Subject, actor: Actor, input: TrainingInput): Promise<CreatedRef> {
  mayRecordFor(subject, input.organisationId);
  await check(tx, input);
  const id = randomUUID();
  await tx.insertInto('coordination_trainings').values({ id, ...columns(input), created_by: subject.userId }).execute();
  await appendAudit(tx, actor, { action: 'coordination_training.create', recordType: 'coordination_training', recordId: id, purpose: 'coordination', summary: `${input.topic}, ${input.audience}, ${input.numberTrained} trained` });
  return { id };
}

/** Corrects a training (whoever may record it for its organisation before and after the change; audited). */
export async function updateTraining(tx: Db, subject: Subject, actor: Actor, id: string, input: TrainingInput): Promise<CreatedRef> {
  const existing = await tx.selectFrom('coordination_trainings').select(['id', 'organisation_id']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!existing || !allows(coordinationRules.readTrainings, subject, trainingFacts(existing.organisation_id))) throw notFound('Training');
  mayRecordFor(subject, existing.organisation_id);
  mayRecordFor(subject, input.organisationId);
  await check(tx, input);
  await tx.updateTable('coordination_trainings').set({ ...columns(input), updated_at: new Date() }).where('id', '=', id).execute();
  await appendAudit(tx, actor, { action: 'coordination_training.update', recordType: 'coordination_training', recordId: id, purpose: 'coordination', summary: `${input.topic}, ${input.audience}, ${input.numberTrained} trained` });
  return { id };
}
