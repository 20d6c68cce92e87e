import { coordinationBodyView, followUpActionView, meetingView, trainingView } from '@palermo/contracts';
import { defineFieldPolicy, type FieldGrant } from '../../platform/access/field-policy.js';
import type { Relationship } from '../../platform/access/relationships.js';
import { noCaseRelationshipGrants } from '../../platform/access/no-grants.js';

const keys = <T extends { shape: Record<string, unknown> }>(schema: T) => Object.keys(schema.shape) as Array<Extract<keyof T['shape'], string>>;
const body = keys(coordinationBodyView);
const meeting = keys(meetingView);
const action = keys(followUpActionView);
const training = keys(trainingView);

/**
 * Need to know on coordination (it names organisations, never people): the coordinator, the rapporteur and the national
 * administrator see every record whole; a member organisation's staff see its bodies, their meetings and actions whole;
 * the organisation an action is assigned to sees that action, and the organisation that delivered a training sees it.
 * The case and prosecution relationships and civil society as such grant nothing (a civil society organisation sees
 * what it sits in, as a member). Each relationship gets its own copy of a list (the mutation tests edit one grant at
 * a time).
 */
const whole = <F extends string>(fields: readonly F[], ...to: Relationship[]) => Object.fromEntries(to.map((r) => [r, { fields: [...fields] }])) as unknown as Record<Relationship, FieldGrant<F>>;
const national = ['coordinator', 'rapporteur', 'nationalAdministrator'] as const;

export const coordinationBodyFieldPolicy = defineFieldPolicy({
  recordKind: 'coordinationBody',
  fields: body,
  grants: { ...noCaseRelationshipGrants(), ...whole(body, ...national, 'coordinationMember') },
});

export const coordinationMeetingFieldPolicy = defineFieldPolicy({
  recordKind: 'coordinationMeeting',
  fields: meeting,
  grants: { ...noCaseRelationshipGrants(), ...whole(meeting, ...national, 'coordinationMember') },
});

export const coordinationActionFieldPolicy = defineFieldPolicy({
  recordKind: 'coordinationAction',
  fields: action,
  grants: { ...noCaseRelationshipGrants(), ...whole(action, ...national, 'coordinationMember', 'responsibleOrganisation') },
});

export const coordinationTrainingFieldPolicy = defineFieldPolicy({
  recordKind: 'coordinationTraining',
  fields: training,
  grants: { ...noCaseRelationshipGrants(), ...whole(training, ...national, 'responsibleOrganisation') },
});
