import { addDays } from 'date-fns';
import type { OrganisationType } from '@palermo/contracts';
import type { NrmCaseStage, SopDocument, SopMeasure, SopNumber } from './sop.contracts.js';

/** A measure together with the SOP it belongs to. */
export interface ApplicableMeasure {
  readonly sop: SopNumber;
  readonly sopTitle: string;
  readonly measure: SopMeasure;
}

/** The measures that apply when a case is at this stage, in the document's order (SOP 1 first). Pure. */
export function measuresForStage(document: SopDocument, stage: NrmCaseStage): ApplicableMeasure[] {
  return document.sops.flatMap((sop) =>
    sop.measures.filter((measure) => measure.when.stage === stage).map((measure) => ({ sop: sop.number, sopTitle: sop.title, measure })),
  );
}

/** When the measure is due for a case that entered the measure's stage at `enteredStageAt`; null without a deadline. */
export function measureDueAt(measure: SopMeasure, enteredStageAt: Date): Date | null {
  const days = measure.when.deadlineDays;
  return days === undefined ? null : addDays(enteredStageAt, days);
}

/** Is this organisation among the measure's WHO, by its type or by name? */
export function isResponsibleFor(measure: SopMeasure, organisation: { readonly id: string; readonly type: OrganisationType }): boolean {
  return measure.who.organisationIds.includes(organisation.id) || measure.who.organisationTypes.includes(organisation.type);
}

/** A measure by its id, wherever it is in the document. */
export function findMeasure(document: SopDocument, measureId: string): ApplicableMeasure | undefined {
  for (const sop of document.sops) {
    const measure = sop.measures.find((m) => m.id === measureId);
    if (measure) return { sop: sop.number, sopTitle: sop.title, measure };
  }
  return undefined;
}
