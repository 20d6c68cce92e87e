import type { Db } from '../../platform/db/database.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Subject } from '../../platform/access/rules.js';
import { appendAudit, type Actor } from '../../platform/audit/audit.js';
import type { AssistancePlanView, CaseRecordView, FollowUpMilestone } from './case-record.contracts.js';
import { presentRecord, readableCase } from './case-record.read.js';
import * as repo from './case-record.repo.js';
import { presentFields } from '../../platform/access/field-policy.js';

type Of<K extends CaseRecordView['kind']> = Extract<CaseRecordView, { kind: K }>;
type PlannedService = AssistancePlanView['goals'][number]['services'][number];

/**
 * The individual assistance plan in one view: the newest needs assessment, the goals the person chose (with the
 * services delivered towards each), other services, needs left without support, and the follow-ups with when each is
 * due (dates computed by the database from the day the case was opened). Audited; undefined when the rules refuse.
 */
export async function assistancePlan(tx: Db, cipher: FieldCipher, subject: Subject, actor: Actor, caseId: string): Promise<AssistancePlanView | undefined> {
  const row = await readableCase(tx, subject, actor, caseId, 'assistance plan');
  if (!row) return undefined;
  const rows = await repo.visibleRecords(tx, subject, caseId, {
    kinds: ['needs_assessment', 'assistance_goal', 'service_delivered', 'follow_up'],
    includeSuperseded: true,
  });
  const records: CaseRecordView[] = [];
  const visible = new Set(row.record_fields);
  for (const r of rows) records.push(await presentRecord(tx, cipher, r, visible));
  const current = records.filter((r) => r.supersededById === null);
  const ofKind = <K extends CaseRecordView['kind']>(kind: K) => current.filter((r): r is Of<K> => r.kind === kind);

  const needsAssessment = ofKind('needs_assessment').at(-1);
  const goals = ofKind('assistance_goal');
  const services = ofKind('service_delivered');

  // A service names the goal version it served; a goal corrected since (a new status) is the same goal.
  const supersededBy = new Map(records.filter((r) => r.kind === 'assistance_goal').map((r) => [r.id, r.supersededById]));
  const newestVersion = (id: string): string => {
    let at = id;
    for (let next = supersededBy.get(at); next; next = supersededBy.get(at)) at = next;
    return at;
  };
  const servicesByGoal = new Map<string, PlannedService[]>();
  const servicesWithoutGoal: PlannedService[] = [];
  const providerNames = new Map<string, string>();
  for (const s of services) {
    const providerName = providerNames.get(s.data.providerOrganisationId) ?? (await repo.organisationName(tx, s.data.providerOrganisationId));
    providerNames.set(s.data.providerOrganisationId, providerName);
    const item: PlannedService = {
      id: s.id,
      domain: s.data.domain,
      serviceType: s.data.serviceType,
      providerOrganisationId: s.data.providerOrganisationId,
      providerName,
      startDate: s.data.startDate,
      endDate: s.data.endDate ?? null,
    };
    const goalId = s.data.goalId === undefined ? undefined : newestVersion(s.data.goalId);
    if (goalId !== undefined && goals.some((g) => g.id === goalId)) servicesByGoal.set(goalId, [...(servicesByGoal.get(goalId) ?? []), item]);
    else servicesWithoutGoal.push(item);
  }

  const needs = needsAssessment?.data.needs ?? [];
  const supported = new Set([...goals.filter((g) => g.data.status !== 'dropped').map((g) => g.data.domain), ...services.map((s) => s.data.domain)]);
  const schedule = await repo.followUpSchedule(tx, caseId);
  const followUps = ofKind('follow_up');
  const latestFollowUp = (milestone: FollowUpMilestone) => followUps.filter((f) => f.data.milestone === milestone).at(-1);

  await appendAudit(tx, actor, {
    action: 'case_record.read',
    recordType: 'case',
    recordId: caseId,
    purpose: 'case_management',
    summary: `case ${row.reference}: assistance plan viewed (${goals.length} goals, ${services.length} services, ${followUps.length} follow-ups)`,
  });
  const plan: AssistancePlanView = {
    caseId,
    openedOn: schedule[0]?.opened_on ?? row.opened_at.toISOString().slice(0, 10),
    needsAssessedAt: needsAssessment?.createdAt ?? null,
    needs: needs.map((n) => ({ domain: n.domain, level: n.level, urgent: n.urgent })),
    goals: goals.map((g) => ({
      id: g.id,
      domain: g.data.domain,
      status: g.data.status,
      goal: g.notes,
      targetDate: g.data.targetDate ?? null,
      createdAt: g.createdAt,
      services: servicesByGoal.get(g.id) ?? [],
    })),
    servicesWithoutGoal,
    needsWithoutSupport: needs.filter((n) => (n.level === 'medium' || n.level === 'high') && !supported.has(n.domain)).map((n) => n.domain),
    followUps: schedule.map((s) => {
      const latest = latestFollowUp(s.milestone);
      const state = latest?.data.outcome === 'completed' ? 'done' : latest?.data.outcome === 'person_declined' ? 'declined' : s.overdue ? 'overdue' : s.started ? 'due' : 'upcoming';
      return {
        milestone: s.milestone,
        dueFrom: s.due_from,
        dueBy: s.due_by,
        state,
        latest: latest ? { date: latest.data.date, outcome: latest.data.outcome, overallWellbeing: latest.data.wellbeing?.overall ?? null } : null,
      };
    }),
  };
  // The plan leaves through its field policy (the managing side and the case manager see it whole).
  return presentFields(plan, new Set(row.plan_fields)) as AssistancePlanView;
}
