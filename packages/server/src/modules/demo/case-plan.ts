import type { CaseStage, CaseStatus, ConsentMethod, ConsentPurpose, ConsentStatus, DecisionKind, DecisionOutcome, IndicatorChecklistDocument, OrganisationType, TraffickingStatus } from '@palermo/contracts';
import type { SopDocument } from '../sop/sop.contracts.js';
import { decisionRequestFields } from '../case/case.fields.js';
import { drawPerson, type SyntheticPerson } from './synthetic-people.js';
import { drawPath, type CasePath } from './case-path.js';
import { addDays, type SyntheticRandom } from './synthetic-random.js';
import { planMeasures, planScreening, type PlannedScreening } from './case-plan-steps.js';
import { SYNTHETIC } from './synthetic-label.js';

/** Where the synthetic cases are managed and by whom; the competent authorities that decide; who else reports. */
export interface PlanContext {
  readonly now: Date;
  readonly homeCountry: string;
  readonly settings: { readonly reflectionDays: number; readonly reasonableGroundsDays: number; readonly conclusiveGroundsDays: number };
  readonly managing: ReadonlyArray<{ readonly id: string; readonly type: OrganisationType; readonly jurisdictions: readonly string[]; readonly caseworkers: readonly string[]; readonly weight: number }>;
  readonly authorities: ReadonlyArray<{ readonly id: string; readonly decisionMakers: readonly string[] }>;
  /** Police, border guards, labour inspectors: they report a share of the suspicions; may be empty. */
  readonly reporters: readonly string[];
  readonly checklists: readonly IndicatorChecklistDocument[];
  readonly sop: SopDocument;
}

export interface PlannedConsent {
  readonly id: string;
  readonly purpose: ConsentPurpose;
  readonly targetOrganisationId: string | null;
  readonly status: ConsentStatus;
  readonly method: ConsentMethod;
  readonly explainedBy: string;
  readonly rightsExplained: readonly string[];
  readonly at: Date;
}

export interface PlannedDecision {
  readonly id: string;
  readonly kind: DecisionKind;
  readonly outcome: DecisionOutcome;
  readonly reason: string;
  readonly decidedBy: string;
  readonly organisationId: string;
  readonly at: Date;
  readonly dueAt: Date | null;
}

export interface PlannedAction {
  readonly id: string;
  readonly action: string;
  readonly actorUserId: string;
  readonly organisationId: string;
  readonly key: string;
  readonly summary: string;
  readonly at: Date;
}

export interface PlannedCase {
  readonly caseId: string;
  readonly personId: string;
  readonly person: SyntheticPerson;
  readonly managingOrganisationId: string;
  readonly reportedByOrganisationId: string;
  readonly caseManagerUserId: string;
  readonly jurisdiction: string | null;
  readonly stage: CaseStage;
  readonly status: CaseStatus;
  readonly traffickingStatus: TraffickingStatus;
  readonly reflectionStart: string | null;
  readonly reflectionEnd: string | null;
  readonly decisionDueAt: Date | null;
  readonly closureReason: string | null;
  readonly openedAt: Date;
  readonly closedAt: Date | null;
  readonly updatedAt: Date;
  readonly version: number;
  readonly consents: PlannedConsent[];
  readonly screening: PlannedScreening | null;
  readonly decisions: PlannedDecision[];
  readonly share: { readonly id: string; readonly organisationId: string; readonly fields: readonly string[]; readonly consentEventId: string; readonly grantedBy: string; readonly at: Date } | null;
  readonly actions: PlannedAction[];
}

const requiredRights = ['purpose_of_collection', 'assistance_not_conditional_on_cooperation', 'right_to_refuse_or_withdraw'];
const otherRights = ['uses_of_data', 'who_receives_it', 'right_to_access_own_record', 'retention_period', 'reflection_period', 'legal_assistance'];

const reasons: Record<DecisionOutcome, readonly string[]> = {
  positive: [
    `${SYNTHETIC} Indicators of deception and restriction of movement corroborated by the case manager's report.`,
    `${SYNTHETIC} Consistent account of recruitment by false promises, debt bondage and retained documents.`,
    `${SYNTHETIC} Act, means and purpose each supported by the screening and the interview.`,
  ],
  negative: [
    `${SYNTHETIC} The information available does not show the means or the purpose of exploitation.`,
    `${SYNTHETIC} Poor working conditions, but no indicator of coercion or control was corroborated.`,
  ],
};

const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

/** One synthetic case, its person and every step taken in it, in order. Pure: the same random stream gives the same case. */
export function planCase(rng: SyntheticRandom, context: PlanContext): PlannedCase {
  const org = rng.weighted(context.managing.map((m) => [m, m.weight] as const));
  const caseManager = rng.pick(org.caseworkers);
  const authority = rng.pick(context.authorities);
  const decisionMaker = rng.pick(authority.decisionMakers);
  const path: CasePath = drawPath(rng, context);
  const person = drawPerson(rng, path.openedAt, context.homeCountry);
  const caseId = rng.uuid();
  const personId = rng.uuid();
  const actions: PlannedAction[] = [];
  const act = (action: string, actor: string, organisationId: string, key: string, summary: string, at: Date) =>
    actions.push({ id: rng.uuid(), action, actorUserId: actor, organisationId, key, summary, at });
  const reportedBy = context.reporters.length > 0 && rng.chance(0.35) ? rng.pick(context.reporters) : org.id;
  act('case.opened', caseManager, org.id, 'synthetic:open', `suspicion reported${person.givenName || person.familyName ? '' : ' (anonymous intake)'}`, path.openedAt);

  const consents: PlannedConsent[] = [];
  const method = (): ConsentMethod => (person.isChild && rng.chance(0.7) ? 'through_guardian' : rng.weighted([['verbal', 5], ['written', 4], ['digital', 1]] as const));
  const consent = (purpose: ConsentPurpose, status: ConsentStatus, at: Date, target: string | null = null): PlannedConsent => {
    const rights = [...requiredRights, ...rng.sample(otherRights, rng.int(2, otherRights.length))];
    const event: PlannedConsent = { id: rng.uuid(), purpose, targetOrganisationId: target, status, method: method(), explainedBy: caseManager, rightsExplained: rights, at };
    consents.push(event);
    act('consent.recorded', caseManager, org.id, `synthetic:consent:${consents.length}`,
      `consent for ${purpose}${target ? ` to organisation ${target}` : ''}: ${status} (${event.method}; ${rights.length} rights explained)`, at);
    return event;
  };
  let at = rng.minutesAfter(path.openedAt, 5, 40);
  consent('assistance', path.declinedAssistance ? 'refused' : 'given', at);
  if (rng.chance(0.85)) consent('statistics', rng.chance(0.85) ? 'given' : 'refused', (at = rng.minutesAfter(at, 1, 10)));
  if (rng.chance(0.8)) {
    const given = rng.chance(0.44);
    consent('law_enforcement', given ? 'given' : 'refused', (at = rng.minutesAfter(at, 1, 10)));
    if (given && rng.chance(0.05)) consent('law_enforcement', 'withdrawn', rng.after(at, 0, Math.max(0, (context.now.getTime() - at.getTime()) / 86_400_000)));
  }
  if (person.citizenships[0] !== context.homeCountry && rng.chance(0.3)) consent('country_of_origin', rng.chance(0.4) ? 'given' : 'refused', rng.minutesAfter(at, 1, 10));

  const screening = path.screenedAt ? planScreening(rng, context, { caseManager, organisationId: org.id, person, at: path.screenedAt, referred: path.requestedAt !== null }) : null;
  if (screening) act('case.screened', caseManager, org.id, 'synthetic:screen', `screened with ${screening.checklistCode} v${screening.checklistVersion}: ${screening.assessment.suggestion}`, screening.at);
  if (path.referralRefusedAt) consent('referral', 'refused', path.referralRefusedAt, authority.id);

  let share: PlannedCase['share'] = null;
  if (path.requestedAt) {
    const referral = consent('referral', 'given', rng.after(path.requestedAt, -0.5, 0), authority.id);
    act('case.decision_requested', caseManager, org.id, 'synthetic:request', 'referred to the competent authority for a reasonable-grounds decision', path.requestedAt);
    share = { id: rng.uuid(), organisationId: authority.id, fields: [...decisionRequestFields], consentEventId: referral.id, grantedBy: caseManager, at: path.requestedAt };
  }
  const decisions: PlannedDecision[] = path.decisions.map((d, index) => {
    const reason = rng.pick(reasons[d.outcome]);
    act(`decision.${d.kind}`, decisionMaker, authority.id, `synthetic:decision:${index + 1}`, `${d.kind.replace('_', ' ')} decision: ${d.outcome}`, d.at);
    return { id: rng.uuid(), kind: d.kind, outcome: d.outcome, reason, decidedBy: decisionMaker, organisationId: authority.id, at: d.at, dueAt: d.dueAt };
  });
  for (const m of planMeasures(rng, context, org, path)) act('measure.done', caseManager, org.id, `measure:${m.id}`, `SOP ${m.sop} measure done: ${m.title}`, m.at);
  if (path.closure) act('case.closed', caseManager, org.id, 'synthetic:close', `case closed${path.closure.referred ? ' (referred)' : ''}`, path.closure.at);

  actions.sort((a, b) => a.at.getTime() - b.at.getTime());
  const last = actions.at(-1)?.at ?? path.openedAt;
  const reflection = path.reflectionFrom;
  return {
    caseId,
    personId,
    person,
    managingOrganisationId: org.id,
    reportedByOrganisationId: reportedBy,
    caseManagerUserId: caseManager,
    jurisdiction: org.jurisdictions.length > 0 ? rng.pick(org.jurisdictions) : null,
    stage: path.stage,
    status: path.closure ? (path.closure.referred ? 'ClosedReferred' : 'Closed') : path.followUp ? 'FollowUp' : 'Active',
    traffickingStatus: path.traffickingStatus,
    reflectionStart: reflection ? isoDate(reflection) : null,
    reflectionEnd: reflection ? isoDate(addDays(reflection, context.settings.reflectionDays)) : null,
    decisionDueAt: path.decisionDueAt,
    closureReason: path.closure?.reason ?? null,
    openedAt: path.openedAt,
    closedAt: path.closure?.at ?? null,
    updatedAt: last,
    version: 1 + (path.requestedAt ? 1 : 0) + decisions.length + (path.closure ? 1 : 0),
    consents,
    screening,
    decisions,
    share,
    actions,
  };
}
