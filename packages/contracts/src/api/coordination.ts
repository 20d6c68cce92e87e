import { z } from 'zod';
import { isoDate, isoDateTime, uuid } from './common.js';
import { recordKind } from './personal.js';
import { coordinationBodyKinds, coordinationMemberRoles, coordinationThemes, followUpStatuses, trainingAudiences, trainingTopics } from '../vocabularies/coordination.js';

/**
 * Coordination of the national response: coordination bodies with their member organisations, meetings with their
 * decisions and the follow-up actions assigned to organisations, and the trainings delivered. The coordinator records
 * them; the rapporteur and the national administrator read everything; a member organisation reads its bodies; an
 * organisation assigned an action updates its status; an organisation records the trainings it delivered.
 */

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const date = z.iso.date({ error: 'must be a date (year, month and day)' });
const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).default('');

export const coordinationMemberRequest = z.object({
  organisationId: uuid,
  role: z.enum(coordinationMemberRoles, { error: 'must be chair, secretariat, member or observer' }),
});

export const coordinationBodyRequest = z
  .object({
    name: text(200),
    kind: z.enum(coordinationBodyKinds, { error: 'must be one of the kinds of body' }),
    /** The body it reports to (a working group under the national body). */
    parentId: uuid.nullable().default(null),
    theme: z.enum(coordinationThemes, { error: 'must be one of the themes' }),
    activeFrom: date,
    activeTo: date.nullable().default(null),
    members: z.array(coordinationMemberRequest).max(200, 'must list at most 200').default([]),
  })
  .superRefine((v, ctx) => {
    if (v.activeTo !== null && v.activeTo < v.activeFrom) ctx.addIssue({ code: 'custom', path: ['activeTo'], message: 'must not be before the start of the period' });
    const seen = new Set<string>();
    v.members.forEach((m, i) => {
      if (seen.has(m.organisationId)) ctx.addIssue({ code: 'custom', path: ['members', i, 'organisationId'], message: 'must not repeat a value' });
      seen.add(m.organisationId);
    });
  });
export type CoordinationBodyRequest = z.input<typeof coordinationBodyRequest>;

const bodyFields = z.object({
  id: uuid,
  name: z.string(),
  kind: z.enum(coordinationBodyKinds),
  parentId: uuid.nullable(),
  parentName: z.string().nullable(),
  theme: z.enum(coordinationThemes),
  activeFrom: isoDate,
  activeTo: isoDate.nullable(),
  memberCount: z.number().int(),
  meetingCount: z.number().int(),
  /** Follow-up actions of its meetings whose due date passed, neither done nor dropped. */
  overdueActionCount: z.number().int(),
});
export const coordinationBodySummary = recordKind('coordinationBody', bodyFields.partial().required({ id: true }));
export type CoordinationBodySummary = z.infer<typeof coordinationBodySummary>;
export const coordinationBodyList = z.object({ bodies: z.array(coordinationBodySummary) });

export const coordinationBodyView = recordKind(
  'coordinationBody',
  bodyFields
    .extend({
      members: z.array(z.object({ organisationId: uuid, organisationName: z.string(), role: z.enum(coordinationMemberRoles) })),
      meetings: z.array(z.object({ id: uuid, heldOn: isoDate, place: z.string().nullable(), decisionCount: z.number().int(), actionCount: z.number().int(), overdueActionCount: z.number().int() })),
    })
    .partial()
    .required({ id: true }),
);
export type CoordinationBodyView = z.infer<typeof coordinationBodyView>;

export const meetingRequest = z.object({
  heldOn: date,
  place: z.string().trim().max(200, 'must be at most 200 characters').nullable().default(null),
  /** A summary of the minutes: organisations and what was agreed, not people. */
  minutes: optionalText(10_000),
  decisions: z.array(text(2000)).max(100, 'must list at most 100').default([]),
});
export type MeetingRequest = z.input<typeof meetingRequest>;

export const followUpActionRequest = z.object({
  /** The decision of the meeting it follows from, if any. */
  decisionId: uuid.nullable().default(null),
  description: text(2000),
  organisationId: uuid,
  dueOn: date,
});
export type FollowUpActionRequest = z.input<typeof followUpActionRequest>;

export const actionStatusRequest = z
  .object({
    status: z.enum(followUpStatuses, { error: 'must be open, in progress, done or dropped' }),
    doneOn: date.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'done' && v.doneOn === null) ctx.addIssue({ code: 'custom', path: ['doneOn'], message: 'must be given when the action is done' });
    if (v.status !== 'done' && v.doneOn !== null) ctx.addIssue({ code: 'custom', path: ['doneOn'], message: 'must be given only when the action is done' });
  });
export type ActionStatusRequest = z.input<typeof actionStatusRequest>;

const actionFields = z.object({
  id: uuid,
  meetingId: uuid,
  meetingHeldOn: isoDate,
  bodyId: uuid,
  bodyName: z.string(),
  decisionId: uuid.nullable(),
  description: z.string(),
  organisationId: uuid,
  organisationName: z.string(),
  dueOn: isoDate,
  status: z.enum(followUpStatuses),
  doneOn: isoDate.nullable(),
  /** Due date passed in the country's time zone, neither done nor dropped. */
  overdue: z.boolean(),
  /** The reader may update its status (the coordinator, or the assigned organisation's leads). */
  mayUpdate: z.boolean(),
  updatedAt: isoDateTime,
});
export const followUpActionView = recordKind('coordinationAction', actionFields.partial().required({ id: true }));
export type FollowUpActionView = z.infer<typeof followUpActionView>;
export const followUpActionList = z.object({ actions: z.array(followUpActionView) });

export const actionListQuery = z.object({
  overdue: z.enum(['true', 'false']).optional(),
  /** Only the actions assigned to the reader's organisation. */
  mine: z.enum(['true', 'false']).optional(),
  status: z.enum(followUpStatuses).optional(),
  bodyId: uuid.optional(),
});

export const meetingView = recordKind(
  'coordinationMeeting',
  z
    .object({
      id: uuid,
      bodyId: uuid,
      bodyName: z.string(),
      heldOn: isoDate,
      place: z.string().nullable(),
      minutes: z.string(),
      decisions: z.array(z.object({ id: uuid, position: z.number().int(), text: z.string() })),
      actions: z.array(actionFields),
    })
    .partial()
    .required({ id: true }),
);
export type MeetingView = z.infer<typeof meetingView>;

export const trainingRequest = z
  .object({
    topic: z.enum(trainingTopics, { error: 'must be one of the topics' }),
    title: text(300),
    audience: z.enum(trainingAudiences, { error: 'must be one of the audiences' }),
    organisationId: uuid,
    heldOn: date,
    numberTrained: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000'),
    /** Optionally, how many of them were women and men (together at most the number trained). */
    bySex: z
      .object({
        women: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must not be negative'),
        men: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must not be negative'),
      })
      .nullable()
      .default(null),
    /** The plan activity it delivers, if any. */
    activityId: uuid.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.bySex && v.bySex.women + v.bySex.men > v.numberTrained) ctx.addIssue({ code: 'custom', path: ['bySex'], message: 'must not add up to more than the number trained' });
  });
export type TrainingRequest = z.input<typeof trainingRequest>;

export const trainingView = recordKind(
  'coordinationTraining',
  z
    .object({
      id: uuid,
      topic: z.enum(trainingTopics),
      title: z.string(),
      audience: z.enum(trainingAudiences),
      organisationId: uuid,
      organisationName: z.string(),
      heldOn: isoDate,
      numberTrained: z.number().int(),
      bySex: z.object({ women: z.number().int(), men: z.number().int() }).nullable(),
      activityId: uuid.nullable(),
      activityTitle: z.string().nullable(),
      mayEdit: z.boolean(),
    })
    .partial()
    .required({ id: true }),
);
export type TrainingView = z.infer<typeof trainingView>;

export const trainingListQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  audience: z.enum(trainingAudiences).optional(),
  topic: z.enum(trainingTopics).optional(),
});
/** The trainings the reader may see, newest first, and the officials they trained (an aggregate of staff, not of persons assisted). */
export const trainingList = z.object({ trainings: z.array(trainingView), totalTrained: z.number().int() });
export type TrainingList = z.infer<typeof trainingList>;

/** What the forms choose from: active organisations, the bodies (for a parent), the plans' activities. */
export const coordinationOptions = z.object({
  organisations: z.array(z.object({ id: uuid, name: z.string() })),
  bodies: z.array(z.object({ id: uuid, name: z.string() })),
  activities: z.array(z.object({ id: uuid, code: z.string(), title: z.string() })),
});
export type CoordinationOptions = z.infer<typeof coordinationOptions>;
