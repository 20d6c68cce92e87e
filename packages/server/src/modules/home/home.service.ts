import { roles, type HomeView, type Role } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import type { Keyring } from '../../platform/crypto/keyring.js';
import { RecordKeys } from '../../platform/crypto/record-keys.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import { perturb } from '../statistics/cell-key.js';
import { currentSopDocument } from '../sop/sop.service.js';
import { shippedSopTexts } from '../sop/sop.shipped.js';
import * as cases from './home.cases.js';
import * as others from './home.others.js';
import * as prosecution from './home.prosecution.js';
import * as supervisor from './home.supervisor.js';

/** Any signed-in user has a home; what it holds depends on the roles (and the rules behind each list). */
export const homeRule = [[{ role: [...roles] }]] as const;

const has = (subject: Subject, ...wanted: Role[]) => wanted.some((r) => subject.roles.includes(r));

/**
 * The record keys of persons already counted, per keyring (one installation's): a month's counts sum the keys of
 * thousands of persons on every coordinator's home, and a key, an HMAC of the person's id, never changes. Bounded:
 * emptied when it would hold more than a national caseload.
 */
const personKeys = new WeakMap<Keyring, Map<string, number>>();
const personKeysHeld = 500_000;
function personKeysOf(keyring: Keyring, keys: RecordKeys): (personId: string) => number {
  let held = personKeys.get(keyring);
  if (!held) personKeys.set(keyring, (held = new Map()));
  const cache = held;
  return (personId) => {
    let key = cache.get(personId);
    if (key === undefined) {
      if (cache.size >= personKeysHeld) cache.clear();
      key = keys.ofPerson(personId);
      cache.set(personId, key);
    }
    return key;
  };
}

/**
 * What the month's lists of persons counted to (how many persons, the sum of their record keys), by the list's digest,
 * per keyring: a list the database finds unchanged is not sent again (monthPersons), and is counted as before. The
 * most recent few are held.
 */
interface ListSum {
  readonly count: number;
  readonly keySum: number;
}
const listSums = new WeakMap<Keyring, Map<string, ListSum>>();
const listSumsHeld = 12;
function listSumsOf(keyring: Keyring): Map<string, ListSum> {
  let held = listSums.get(keyring);
  if (!held) listSums.set(keyring, (held = new Map()));
  return held;
}

async function monthCounts(db: Db, keyring: Keyring): Promise<NonNullable<HomeView['monthCounts']>> {
  const sums = listSumsOf(keyring);
  const [first, keys] = await Promise.all([others.monthPersons(db, [...sums.keys()]), RecordKeys.open(db, keyring)]);
  // A list not sent whose sum was let go meanwhile (another home's lists took its place): every list is read again.
  const unknown = [first.opened, first.referred, first.positive].some((list) => list.ids === undefined && !sums.has(list.digest));
  const persons = unknown ? await others.monthPersons(db) : first;
  const keyOf = personKeysOf(keyring, keys);
  const count = (list: others.MonthList) => {
    let sum = list.ids === undefined ? sums.get(list.digest) : undefined;
    if (!sum) {
      const ids = list.ids ?? [];
      sum = { count: ids.length, keySum: ids.reduce((total, id) => total + keyOf(id), 0) };
      if (sums.size >= listSumsHeld) sums.delete(sums.keys().next().value as string);
      sums.set(list.digest, sum);
    }
    return { value: perturb(sum.count, sum.keySum), perturbed: true as const };
  };
  return { month: persons.month, casesOpened: count(persons.opened), personsReferred: count(persons.referred), positiveDecisions: count(persons.positive) };
}

/**
 * The caller's home: each role's lists, each under the rules and field policy of what it lists (auditHome then
 * records the read). Lists of users
 * are the users page's (staff accounts, not audited there either); the coordinator's and rapporteur's lists are counts
 * and files, not records.
 */
export async function readHome(db: Db, keyring: Keyring, subject: Subject): Promise<HomeView> {
  const view: HomeView = {};
  const sop = has(subject, 'caseworker', 'supervisor', 'national_coordinator') ? await currentSopDocument(db) : undefined;
  const shipped = has(subject, 'caseworker', 'supervisor') ? await shippedSopTexts(db) : undefined;
  // The lists are independent reads: on PostgreSQL they run side by side on the pool's connections.
  const work: Array<Promise<void>> = [];
  const put = <K extends keyof HomeView>(key: K, read: Promise<HomeView[K]>) => work.push(read.then((value) => void (view[key] = value)));
  if (has(subject, 'caseworker', 'supervisor') && sop && shipped) {
    put('myCases', cases.myCases(db, subject));
    put('followUpsDue', cases.followUpsDue(db, subject));
    put('referralsWaiting', others.referralsWaiting(db, subject, others.referralAnswerDays(sop)));
    put('decisionsPending', cases.decisionsPending(db, subject));
    put('periodsEnding', cases.periodsEnding(db, subject));
    put('measuresOverdue', cases.measuresOverdue(db, subject, sop, shipped));
    put('inactiveCases', cases.inactiveCases(db, subject));
  }
  if (has(subject, 'supervisor')) {
    put('approvalsWaiting', supervisor.approvalsWaiting(db, subject));
    put('team', supervisor.team(db, subject));
    put('unassignedCases', supervisor.unassignedCases(db, subject));
  }
  if (has(subject, 'decision_maker')) put('decisionsToTake', cases.decisionsToTake(db, subject));
  if (has(subject, 'investigator')) put('suspicionsReported', others.suspicionsReported(db, subject));
  if (has(subject, 'prosecutor')) put('crossBorderOverdue', prosecution.crossBorderOverdue(db, subject));
  if (has(subject, 'national_coordinator') && sop) {
    put('unansweredReferrals', others.unansweredReferrals(db, others.referralAnswerDays(sop)));
    put('overdueDecisions', others.overdueDecisions(db));
    put('monthCounts', monthCounts(db, keyring));
  }
  if (has(subject, 'national_rapporteur')) {
    const news = others.whatsNew(db);
    put('imports', news.then((n) => n.imports));
    put('releases', news.then((n) => n.releases));
  }
  if (has(subject, 'national_admin', 'organisation_admin')) {
    put('usersLockedOut', others.usersIn(db, subject, 'locked'));
    put('usersWithoutTwoFactor', others.usersIn(db, subject, 'no_two_factor'));
    put('usersInactive', others.usersIn(db, subject, 'inactive'));
  }
  await Promise.all(work);
  return view;
}

/**
 * The references a home lists: reading a home that lists cases is a read of those cases' envelopes, audited once,
 * naming them. The route sends the home only after this entry is committed.
 */
export async function auditHome(tx: Db, actor: Actor, view: HomeView): Promise<void> {
  const references = new Set<string>();
  for (const list of [view.myCases, view.followUpsDue, view.decisionsPending, view.periodsEnding, view.measuresOverdue, view.inactiveCases, view.decisionsToTake, view.unassignedCases]) {
    for (const item of list?.items ?? []) references.add(item.reference);
  }
  for (const item of view.referralsWaiting?.items ?? []) references.add(item.caseReference);
  for (const item of view.approvalsWaiting?.items ?? []) references.add(item.caseReference);
  for (const item of view.suspicionsReported?.items ?? []) references.add(item.reference);
  if (references.size > 0) {
    await appendAudit(tx, actor, { action: 'case.list', recordType: 'case', purpose: 'case_management', summary: `home: listed ${references.size} cases (no person names): ${[...references].join(' ')}` });
  }
}

/** The navigation's counts: reads no personal data, writes nothing. */
export async function readCounts(db: Db, subject: Subject) {
  const counted = await prosecution.withCrossBorderCount(db, subject, await others.counts(db, subject, 0));
  if (!has(subject, 'supervisor')) return counted;
  const approvals = await supervisor.approvalsWaitingCount(db, subject);
  return { ...counted, approvals, home: counted.home + approvals };
}
