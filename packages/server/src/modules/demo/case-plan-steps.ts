import type { IndicatorAnswer, IndicatorChecklistDocument, OrganisationType, ScreeningAssessment } from '@palermo/contracts';
import type { SopDocument } from '../sop/sop.contracts.js';
import { isResponsibleFor, measuresForStage } from '../sop/sop.measures.js';
import { assessScreening } from '../screening/screening.scoring.js';
import type { CasePath } from './case-path.js';
import type { SyntheticPerson } from './synthetic-people.js';
import { daysBetween, type SyntheticRandom } from './synthetic-random.js';
import { SYNTHETIC } from './synthetic-label.js';

export interface PlannedScreening {
  readonly id: string;
  readonly checklistCode: string;
  readonly checklistVersion: number;
  readonly answers: Record<string, IndicatorAnswer>;
  readonly isChild: boolean;
  readonly assessment: ScreeningAssessment;
  readonly notes: string;
  readonly screenedBy: string;
  readonly organisationId: string;
  readonly at: Date;
}

const labourForms = new Set(['ForcedLabour', 'Servitude', 'ChildLabour']);

/**
 * A screening against one of the active checklists (the ILO forced-labour indicators for an adult in forced labour,
 * the general trafficking indicators otherwise), scored exactly as the screening service scores it. People later
 * referred for a decision show more indicators than those who are not.
 */
export function planScreening(
  rng: SyntheticRandom,
  context: { readonly checklists: readonly IndicatorChecklistDocument[] },
  step: { readonly caseManager: string; readonly organisationId: string; readonly person: SyntheticPerson; readonly at: Date; readonly referred: boolean },
): PlannedScreening | null {
  const labour = !step.person.isChild && step.person.formsOfExploitation.some((f) => labourForms.has(f));
  const checklist =
    context.checklists.find((c) => c.code === (labour ? 'ilo_forced_labour' : 'trafficking_general')) ?? context.checklists[0];
  if (!checklist) return null;
  const present = step.referred ? 0.3 : 0.1;
  const answers: Record<string, IndicatorAnswer> = {};
  for (const item of checklist.items) {
    if (item.childOnly === true && !step.person.isChild) continue;
    const roll = rng.float();
    if (roll < 0.08) continue; // not answered
    answers[item.code] = roll < 0.08 + present ? 'present' : roll < 0.85 ? 'absent' : 'unknown';
  }
  return {
    id: rng.uuid(),
    checklistCode: checklist.code,
    checklistVersion: checklist.version,
    answers,
    isChild: step.person.isChild,
    assessment: assessScreening(checklist, answers, { isChild: step.person.isChild }),
    notes: `${SYNTHETIC} screening notes`,
    screenedBy: step.caseManager,
    organisationId: step.organisationId,
    at: step.at,
  };
}

export interface PlannedMeasure {
  readonly id: string;
  readonly sop: number;
  readonly title: string;
  readonly at: Date;
}

/**
 * The services and steps of the country's SOPs done in the case: at each stage the case went through, most of the
 * measures the managing organisation is responsible for were done (about half at the stage it is at now), within the
 * measure's deadline where it has one.
 */
export function planMeasures(
  rng: SyntheticRandom,
  context: { readonly sop: SopDocument },
  organisation: { readonly id: string; readonly type: OrganisationType },
  path: Pick<CasePath, 'stages' | 'closure'>,
): PlannedMeasure[] {
  const done: PlannedMeasure[] = [];
  path.stages.forEach((span, index) => {
    const current = index === path.stages.length - 1 && path.closure === null;
    for (const { sop, measure } of measuresForStage(context.sop, span.stage)) {
      if (!isResponsibleFor(measure, organisation) || !rng.chance(current ? 0.5 : 0.85)) continue;
      const until = index === path.stages.length - 1 && path.closure ? path.closure.at : span.until;
      const window = Math.min(measure.when.deadlineDays ?? 3, daysBetween(span.from, until));
      done.push({ id: measure.id, sop, title: measure.title, at: rng.after(span.from, 0, Math.max(0, window)) });
    }
  });
  return done;
}
