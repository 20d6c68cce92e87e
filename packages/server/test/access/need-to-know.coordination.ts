import type { Role } from '@palermo/contracts';
import { has, type Scenario } from './need-to-know.scenarios.js';

/** The record kinds of coordination, as the need-to-know property sees them. */
export const coordinationKinds = ['coordinationBody', 'coordinationMeeting', 'coordinationAction', 'coordinationTraining'] as const;
export type CoordinationVisible = { readonly [K in (typeof coordinationKinds)[number]]: Set<string> };

const staff: Role[] = ['organisation_admin', 'supervisor', 'caseworker', 'investigator', 'prosecutor', 'decision_maker', 'court_clerk', 'analyst', 'civil_society'];

/**
 * Coordination names organisations, never people. In a scenario, the subject's organisation sits in the body when a share
 * is in force with it (the record's `sharedWith`), and is the action's assigned or the training's delivering
 * organisation when `sameOrganisation`:
 * - the coordinator, the rapporteur and the national administrator see every record whole;
 * - a member organisation's staff see the body, its meetings and actions whole, not the trainings;
 * - the assigned organisation's staff see the action; the delivering organisation's staff see the training;
 * - no one else sees anything of it.
 * A member's share is the scenario's case share, which other tests observe on the case alone (seeing nothing of the
 * body): for members the promise is the whole record or nothing; the national roles and the organisation responsible
 * must see it whole.
 */
export function brokenCoordinationPromises(s: Scenario, v: CoordinationVisible, all: CoordinationVisible): string[] {
  const broken: string[] = [];
  const national = has(s.roles, 'national_coordinator', 'national_rapporteur', 'national_admin');
  const ofStaff = has(s.roles, ...staff);
  const member = ofStaff && (s.share === 'awaiting_acceptance' || s.share === 'accepted' || s.share === 'decision_request');
  const responsible = ofStaff && s.sameOrganisation;
  // `must`: sees it whole; `may`: sees it whole or (observed apart from the record) nothing; otherwise nothing.
  const expect = (kind: (typeof coordinationKinds)[number], must: boolean, may: boolean, who: string) => {
    if (all[kind].size === 0) broken.push(`a ${kind} shows fields`);
    if (must && v[kind].size !== all[kind].size) broken.push(`${who} see the whole ${kind}`);
    if (may && v[kind].size > 0 && v[kind].size !== all[kind].size) broken.push(`${who} see the whole ${kind} or nothing of it`);
    if (!must && !may && v[kind].size > 0) broken.push(`no one but ${who} sees a ${kind}`);
  };
  expect('coordinationBody', national, member, 'the national roles and member organisations');
  expect('coordinationMeeting', national, member, 'the national roles and member organisations');
  expect('coordinationAction', national || responsible, member, 'the national roles, member organisations and the assigned organisation');
  expect('coordinationTraining', national || responsible, false, 'the national roles and the delivering organisation');
  return broken;
}
