import { z } from 'zod';
import {
  caseStages,
  caseStatuses,
  consentMethods,
  decisionKinds,
  decisionOutcomes,
  formsOfExploitation,
  genders,
  rightsExplained,
  shareablePersonFields,
  traffickingStatuses,
} from '../vocabularies/cases.js';
import { caseRecordKinds } from '../vocabularies/case-records.js';
import { consentPurpose, consentStatus, createPersonRequest } from './persons.js';
import { isoDate, isoDateTime, uuid } from './common.js';
import { allAlpha3, alpha2OfAlpha3 } from '../standards/iso3166.js';
import { personal, recordKind } from './personal.js';
import { decisionFileParts } from './person-profile.js';

/** Every request that changes a case carries an idempotency key: a retried request does not act twice. */
export const idempotencyHeaders = z.object({
  'idempotency-key': z.string().min(8, 'must be at least 8 characters').max(100, 'must be at most 100 characters'),
});

const assignedCountries = new Set(allAlpha3().map((code) => alpha2OfAlpha3(code)));
const countryCode = z
  .string()
  .trim()
  .regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code such as NG', abort: true })
  .refine((code) => assignedCountries.has(code), 'is not a country code in ISO 3166-1');

/** Report a suspicion: the person may be anonymous (no name at all) or known by a pseudonym. */
export const openCaseRequest = z.object({
  person: createPersonRequest.extend({
    gender: z.enum(genders).optional(),
    citizenships: z.array(countryCode).max(5).default([]),
    isChild: z.boolean().default(false),
  }),
  formsOfExploitation: z.array(z.enum(formsOfExploitation)).max(formsOfExploitation.length).default([]),
  countryOfExploitation: countryCode.optional(),
});
export type OpenCaseRequest = z.input<typeof openCaseRequest>;

export const versionedRequest = z.object({ version: z.number().int().positive() });

export const decisionRequest = versionedRequest.extend({
  kind: z.enum(decisionKinds),
  outcome: z.enum(decisionOutcomes),
  reason: z.string().trim().min(10, 'must explain the decision (at least 10 characters)').max(10_000),
  /** What in the decision file the decision relied on, and which of the documents attached for it. */
  reliedOn: z.array(z.enum(decisionFileParts)).max(decisionFileParts.length).default([]),
  reliedOnDocumentIds: z.array(uuid).max(50).default([]),
});
export type DecisionRequest = z.infer<typeof decisionRequest>;

export const requestDecisionRequest = versionedRequest.extend({
  competentAuthorityId: uuid,
});
export type RequestDecisionRequest = z.infer<typeof requestDecisionRequest>;

export const consentEventRequest = z.object({
  purpose: consentPurpose,
  /** Required for referral consent: the named organisation the person agreed to be referred to. */
  targetOrganisationId: uuid.optional(),
  status: consentStatus,
  method: z.enum(consentMethods),
  rightsExplained: z.array(z.enum(rightsExplained)).max(rightsExplained.length).default([]),
});
export type ConsentEventRequest = z.input<typeof consentEventRequest>;

export const closeCaseRequest = versionedRequest.extend({
  reason: z.string().trim().min(3, 'must give a reason').max(2000),
  referred: z.boolean().default(false),
});
export type CloseCaseRequest = z.input<typeof closeCaseRequest>;

export const timelineEntry = z.object({
  action: z.string(),
  summary: z.string(),
  /**
   * What the action was about, as vocabulary codes and names (never ids), for the reader's own words: the checklist
   * and its suggestion, the consent's purpose and status and the organisation it names, the decision's outcome, the
   * record's kind, the service and the organisation of a referral. Absent for an action the server cannot read.
   */
  facts: z.record(z.string(), z.string()).optional(),
  actorName: z.string(),
  organisationName: z.string(),
  occurredAt: isoDateTime,
});
export type TimelineEntry = z.infer<typeof timelineEntry>;

/**
 * A case as the field policy lets the viewer see it (server: case.fields.ts): a field the viewer may not see is
 * absent. A receiver deciding on a referral, for instance, sees the case's envelope and the person fields shared.
 */
export const caseView = recordKind(
  'case',
  z.object({
    id: uuid,
    reference: z.string(),
    status: z.enum(caseStatuses),
    stage: personal(z.enum(caseStages)).optional(),
    traffickingStatus: personal(z.enum(traffickingStatuses)).optional(),
    managingOrganisationId: uuid.optional(),
    caseManagerUserId: uuid.nullable().optional(),
    formsOfExploitation: personal(z.array(z.enum(formsOfExploitation))).optional(),
    reflectionPeriod: personal(z.object({ start: isoDate, end: isoDate }).nullable()).optional(),
    decisionDueAt: personal(isoDateTime.nullable()).optional(),
    overdue: personal(z.boolean()).optional(),
    closureReason: personal(z.string().nullable()).optional(),
    version: z.number().int(),
    /** Only the fields this viewer may see; the others are absent. */
    person: z
      .object({
        id: uuid.optional(),
        isChild: personal(z.boolean()).optional(),
        gender: personal(z.enum(genders).nullable()).optional(),
        citizenships: personal(z.array(z.string())).optional(),
        fields: personal(z.partialRecord(z.enum(shareablePersonFields), z.string().nullable())).optional(),
      })
      .optional(),
    consents: personal(
      z.array(z.object({ purpose: consentPurpose, targetOrganisationId: uuid.nullable(), status: consentStatus, recordedAt: isoDateTime })),
    ).optional(),
    /** Actions on the case: all of them for the managing side, the viewer's own organisation's otherwise. */
    timeline: personal(z.array(timelineEntry)),
    /** The kinds of record this viewer may add to the case record (none: the viewer does not work the case). */
    recordKinds: z.array(z.enum(caseRecordKinds)).optional(),
    /** Flags for the summary that come from the case record (an urgent referral open, a high safety risk assessed). */
    flags: z.array(z.enum(['urgent', 'safety_risk'])).optional(),
    /** The country's SOP measures that apply at the case's current stage, and whether each is done (managing side only). */
    measures: personal(
      z.array(
        z.object({
          id: z.string(),
          sop: z.number().int(),
          sopTitle: z.string(),
          title: z.string(),
          what: z.string(),
          how: z.string(),
          /** Which texts are word for word the default SOP's shipped with Palermo: those are shown in the reader's language (by SOP number and measure id); the country's own are shown as entered. */
          asShipped: z.object({ sopTitle: z.boolean(), title: z.boolean(), what: z.boolean(), how: z.boolean() }),
          done: z.boolean(),
        }),
      ),
    ).optional(),
    openedAt: isoDateTime,
  }),
);
export type CaseView = z.infer<typeof caseView>;

export const caseSummary = recordKind('case', caseView.pick({
  id: true,
  reference: true,
  status: true,
  stage: true,
  traffickingStatus: true,
  managingOrganisationId: true,
  decisionDueAt: true,
  overdue: true,
  openedAt: true,
}));
/** How the worklist can be ordered: newest or oldest first, by next decision due, by case number, by stage. */
export const caseListSorts = ['opened_desc', 'opened_asc', 'due_asc', 'reference_asc', 'stage_asc'] as const;
export type CaseListSort = (typeof caseListSorts)[number];
/** Deadline filters: a decision overdue, or due within seven days. */
export const caseListDeadlines = ['overdue', 'week'] as const;
/** The worklist counts its total up to this many: a larger caseload shows as "more than 1,000". */
export const caseListTotalCap = 1000;
export const caseList = z.object({
  cases: z.array(caseSummary),
  /** How many cases match the filters (every page together), counted up to caseListTotalCap + 1 ("more than 1,000"). */
  total: z.number().int().min(0),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1),
});
export const caseListQuery = z.object({
  stage: z.enum(caseStages).optional(),
  status: z.enum(caseStatuses).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  deadline: z.enum(caseListDeadlines).optional(),
  form: z.enum(formsOfExploitation).optional(),
  assignedToMe: z.enum(['true', 'false']).optional(),
  sort: z.enum(caseListSorts).default('opened_desc'),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const measureParams = z.object({ id: uuid, measureId: z.string().max(80) });

export const caseRef = z.object({ id: uuid, reference: z.string(), version: z.number().int() });

export const caseSearchQuery = z
  .object({
    name: z.string().trim().min(2, 'must be at least 2 characters').max(200).optional(),
    birthDate: isoDate.optional(),
    reference: z.string().trim().max(40).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  });
export const caseSearchResult = z.object({
  results: z.array(
    recordKind(
      'case',
      caseSummary.pick({ id: true, reference: true, status: true, stage: true, managingOrganisationId: true, openedAt: true }).extend({
        /** Shown only to those who see the whole record. */
        displayName: personal(z.string().nullable()).optional(),
      }),
    ),
  ),
});

/**
 * Possible duplicates across organisations, without disclosure. A check runs from an open case of the user's own
 * organisation whose person has consented to referral, and answers only whether another organisation probably holds
 * the same person: no organisation, no count, no case. The requester may then ask for confirmation; each holding
 * organisation sees the request (from which organisation, not which user) and decides whether to reveal itself.
 */
export const matchCheckLimit = { checks: 20, windowHours: 24 } as const;
export const matchCheckResult = z.object({
  possibleDuplicate: z.boolean(),
  checkedAt: isoDateTime,
  /** Checks the user may still run in the window (the limit is per user, across all cases). */
  checksLeft: z.number().int().min(0),
});
export type MatchCheckResult = z.infer<typeof matchCheckResult>;
/** The requesting side's view of a case's checks and requests: never which organisation, until one accepts. */
export const caseMatchState = z.object({
  lastCheck: z.object({ possibleDuplicate: z.boolean(), checkedAt: isoDateTime }).nullable(),
  /** When confirmation was last asked for this case (null: never); declined and unanswered requests look the same. */
  confirmationAskedAt: isoDateTime.nullable(),
  /** The organisations that accepted to reveal themselves as holding the same person. */
  confirmedBy: z.array(z.object({ organisationId: uuid, organisationName: z.string(), confirmedAt: isoDateTime })),
  checksLeft: z.number().int().min(0),
});
export type CaseMatchState = z.infer<typeof caseMatchState>;
export const createMatchRequest = z.object({}).strict();

export const matchRequestStatuses = ['pending', 'confirmed_same_person', 'declined', 'not_the_same_person', 'cannot_say'] as const;
/** The holding organisation's answer: accept (reveal itself as holding the same person) or decline (nothing crosses). */
export const matchAnswers = ['confirmed_same_person', 'declined'] as const;
export type MatchAnswer = (typeof matchAnswers)[number];
export const respondMatchRequest = z.object({ status: z.enum(matchAnswers) });
/** A request as the holding organisation sees it: the requesting organisation (never the user) and its own cases. */
export const matchRequestView = z.object({
  id: uuid,
  requestingOrganisationName: z.string(),
  status: z.enum(matchRequestStatuses),
  createdAt: isoDateTime,
  respondedAt: isoDateTime.nullable(),
  /** The holding organisation's own cases that may concern the same person. */
  candidateCases: z.array(z.object({ id: uuid, reference: z.string() })),
});
export type MatchRequestView = z.infer<typeof matchRequestView>;
export const matchRequestList = z.object({ requests: z.array(matchRequestView) });
