import { roles, type HomeView, type Role } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import type { Keyring } from '../../platform/crypto/keyring.js';
import { RecordKeys } from '../../platform/crypto/record-keys.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { perturb } from '../statistics/cell-key.js';
import { currentSopDocument } from '../sop/sop.service.js';
import * as cases from './home.cases.js';
import * as others from './home.others.js';

/** Any signed-in user has a home; what it holds depends on the roles (and the rules behind each list). */
export const homeRule = [[{ role: [...roles] }]] as const;

const has = (subject: Subject, ...wanted: Role[]) => wanted.some((r) => subject.roles.includes(r));

/**
 * The caller's home: each role's lists, each under the rules and field policy of what it lists. Reading a home that
 * lists cases is a read of those cases' envelopes (references, stages, deadlines): it is audited once, naming the
 * references listed, in the same transaction. Lists of users
 * are the users page's (staff accounts, not audited there either); the coordinator's and rapporteur's lists are counts
 * and files, not records.
 */
export async function readHome(tx: Db, keyring: Keyring, subject: Subject, actor: Actor): Promise<HomeView> {
  const view: HomeView = {};
  const sop = has(subject, 'caseworker', 'supervisor', 'national_coordinator') ? await currentSopDocument(tx) : undefined;
  if (has(subject, 'caseworker', 'supervisor') && sop) {
    view.myCases = await cases.myCases(tx, subject);
    view.followUpsDue = await cases.followUpsDue(tx, subject);
    view.referralsWaiting = await others.referralsWaiting(tx, subject, others.referralAnswerDays(sop));
    view.decisionsPending = await cases.decisionsPending(tx, subject);
    view.periodsEnding = await cases.periodsEnding(tx, subject);
    view.measuresOverdue = await cases.measuresOverdue(tx, subject, sop);
    view.inactiveCases = await cases.inactiveCases(tx, subject);
  }
  if (has(subject, 'decision_maker')) view.decisionsToTake = await cases.decisionsToTake(tx, subject);
  if (has(subject, 'investigator')) view.suspicionsReported = await others.suspicionsReported(tx, subject);
  if (has(subject, 'national_coordinator') && sop) {
    view.unansweredReferrals = await others.unansweredReferrals(tx, others.referralAnswerDays(sop));
    view.overdueDecisions = await others.overdueDecisions(tx);
    const persons = await others.monthPersons(tx);
    const keys = await RecordKeys.open(tx, keyring);
    const count = (ids: readonly string[]) => ({ value: perturb(ids.length, ids.reduce((sum, id) => sum + keys.ofPerson(id), 0)), perturbed: true as const });
    view.monthCounts = { month: persons.month, casesOpened: count(persons.opened), personsReferred: count(persons.referred), positiveDecisions: count(persons.positive) };
  }
  if (has(subject, 'national_rapporteur')) Object.assign(view, await others.whatsNew(tx));
  if (has(subject, 'national_admin', 'organisation_admin')) {
    view.usersLockedOut = await others.usersIn(tx, subject, 'locked');
    view.usersWithoutTwoFactor = await others.usersIn(tx, subject, 'no_two_factor');
    view.usersInactive = await others.usersIn(tx, subject, 'inactive');
  }
  const references = new Set<string>();
  for (const list of [view.myCases, view.followUpsDue, view.decisionsPending, view.periodsEnding, view.measuresOverdue, view.inactiveCases, view.decisionsToTake]) {
    for (const item of list?.items ?? []) references.add(item.reference);
  }
  for (const item of view.referralsWaiting?.items ?? []) references.add(item.caseReference);
  for (const item of view.suspicionsReported?.items ?? []) references.add(item.reference);
  if (references.size > 0) {
    await appendAudit(tx, actor, { action: 'case.list', recordType: 'case', purpose: 'case_management', summary: `home: listed ${references.size} cases (no person names): ${[...references].join(' ')}` });
  }
  return view;
}

/** The navigation's counts: reads no personal data, writes nothing. */
export async function readCounts(db: Db, subject: Subject) {
  return others.counts(db, subject, 0);
}
