import { z } from 'zod';
import { caseStages, traffickingStatuses } from '../vocabularies/cases.js';
import { protectionServices } from '../vocabularies/sops.js';
import { followUpMilestones } from '../vocabularies/case-records.js';
import { isoDate, isoDateTime, uuid } from './common.js';
import { referralKinds, referralStatuses, referralUrgencies } from './referrals.js';
import { homeApprovalItem, homeTeamMember } from './supervision.js';

/**
 * Each role's home: what is due and what is new, each item naming where to act (the web links a case item to its case
 * page, a referral to the referrals page, a user to the users page). Items carry no person data: a case is named by
 * its reference. Lists hold at most `homeListLimit` items and say how many there are in all.
 */
export const homeListLimit = 10;
/** Totals are counted up to this many (a longer list shows as "more than 1,000"). */
export const homeTotalCap = 100;

/** Flags of a case that a home item shows beside its reference. */
export const caseFlags = ['child', 'urgent', 'safety_risk', 'awaiting_decision'] as const;
export type CaseFlag = (typeof caseFlags)[number];

/**
 * One case in a home list: its envelope (reference, the list's date), the stage where the case field policy shows it,
 * and flags. Not a case record: the server leaves out what the case field policy hides from the viewer.
 */
export const homeCaseItem = z.object({
  id: uuid,
  reference: z.string(),
  stage: z.enum(caseStages).optional(),
  /** The date this list is about (the next deadline, the follow-up's last day, the end of the period...). */
  dueAt: isoDateTime.nullable(),
  overdue: z.boolean(),
  flags: z.array(z.enum(caseFlags)).optional(),
  /** For follow-ups: the milestone due. */
  milestone: z.enum(followUpMilestones).optional(),
  /** For SOP measures: the measure's title as the SOP in force words it. */
  measureTitle: z.string().optional(),
  /** For SOP measures whose title is word for word the default SOP's: the measure's id, under which the web app has its title in every language. */
  measureKey: z.string().optional(),
  /** For cases without activity: the last action's time. */
  lastActivityAt: isoDateTime.optional(),
});
export type HomeCaseItem = z.infer<typeof homeCaseItem>;

const caseList = z.object({ items: z.array(homeCaseItem), total: z.number().int().min(0) });

/** A referral waiting for the caller's organisation (the inbox's envelope: no message, no person field). */
export const homeReferralItem = z.object({
  id: uuid,
  caseReference: z.string(),
  kind: z.enum(referralKinds),
  service: z.enum(protectionServices).nullable(),
  urgency: z.enum(referralUrgencies),
  fromOrganisation: z.string(),
  sentAt: isoDateTime,
  overdue: z.boolean(),
});

/** A suspicion the caller's organisation reported, and what became of it as far as the field policy lets it see. */
export const homeSuspicionItem = z.object({
  /** The case id, only while the caller may open the case. */
  caseId: uuid.nullable(),
  reference: z.string(),
  openedAt: isoDateTime,
  /** Still with the caller's organisation (at intake). */
  heldByUs: z.boolean(),
  /** The latest handover or referral the caller's organisation sent: to which organisation, and where it stands. */
  referral: z.object({ kind: z.enum(referralKinds), organisation: z.string(), status: z.enum(referralStatuses), at: isoDateTime }).nullable(),
  /** The status decided: only with the person's consent to law enforcement (or while the caller holds the case). */
  traffickingStatus: z.enum(traffickingStatuses).optional(),
});

/** An organisation and how many of its items wait (operational counts of referrals and decisions, not of persons). */
export const homeOrganisationCount = z.object({ organisation: z.string(), count: z.number().int().min(0), oldestAt: isoDateTime });

/** A count of persons this month, through the statistics' cell-key perturbation (never exact, never a small exact count). */
export const homePerturbedCount = z.object({ value: z.number().int().min(0), perturbed: z.literal(true) });

/** A cross-border request waiting past its kind's time (no personal data: references, kind, countries, days). */
export const homeCrossBorderItem = z.object({
  id: uuid,
  reference: z.string(),
  operationId: uuid,
  investigationReference: z.string(),
  kind: z.string(),
  requestedCountry: z.string(),
  sentOn: isoDate,
  elapsedDays: z.number().int(),
  overdueAfterDays: z.number().int(),
});
export type HomeCrossBorderItem = z.infer<typeof homeCrossBorderItem>;

export const homeUserItem = z.object({ id: uuid, displayName: z.string(), organisation: z.string(), since: isoDateTime.nullable() });
const userList = z.object({ items: z.array(homeUserItem), total: z.number().int().min(0) });

export const homeView = z.object({
  // caseworker and supervisor
  myCases: caseList.optional(),
  followUpsDue: caseList.optional(),
  referralsWaiting: z.object({ items: z.array(homeReferralItem), total: z.number().int().min(0) }).optional(),
  decisionsPending: caseList.optional(),
  periodsEnding: caseList.optional(),
  measuresOverdue: caseList.optional(),
  inactiveCases: caseList.optional(),
  // supervisor
  approvalsWaiting: z.object({ items: z.array(homeApprovalItem), total: z.number().int().min(0) }).optional(),
  team: z.object({ members: z.array(homeTeamMember) }).optional(),
  unassignedCases: caseList.optional(),
  // competent authority
  decisionsToTake: caseList.optional(),
  // law enforcement
  suspicionsReported: z.object({ items: z.array(homeSuspicionItem), total: z.number().int().min(0) }).optional(),
  // prosecutor: cross-border requests overdue
  crossBorderOverdue: z.object({ items: z.array(homeCrossBorderItem), total: z.number().int().min(0) }).optional(),
  // coordinator
  unansweredReferrals: z.object({ answerDays: z.number().int().min(0), organisations: z.array(homeOrganisationCount) }).optional(),
  overdueDecisions: z.object({ organisations: z.array(homeOrganisationCount) }).optional(),
  monthCounts: z
    .object({ month: isoDate, casesOpened: homePerturbedCount, personsReferred: homePerturbedCount, positiveDecisions: homePerturbedCount })
    .optional(),
  // rapporteur
  imports: z.object({ items: z.array(z.object({ id: uuid, name: z.string(), rows: z.number().int(), at: isoDateTime })) }).optional(),
  releases: z.object({ items: z.array(z.object({ id: uuid, kind: z.string(), fileName: z.string(), records: z.number().int(), at: isoDateTime })) }).optional(),
  // administrators
  usersLockedOut: userList.optional(),
  usersWithoutTwoFactor: userList.optional(),
  usersInactive: userList.optional(),
});
export type HomeView = z.infer<typeof homeView>;

/** What waits, as counts only (the navigation's badges): reading them reads no personal data and is not audited. */
export const homeCounts = z.object({
  cases: z.number().int().min(0).optional(),
  referrals: z.number().int().min(0).optional(),
  users: z.number().int().min(0).optional(),
  /** A supervisor's approvals waiting. */
  approvals: z.number().int().min(0).optional(),
  /** A prosecutor's cross-border requests overdue. */
  crossBorderOverdue: z.number().int().min(0).optional(),
  home: z.number().int().min(0),
});
export type HomeCounts = z.infer<typeof homeCounts>;
