import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  appealOutcomes,
  appellants,
  chargeCategories,
  formsOfExploitation,
  investigationApproaches,
  operationOrigins,
  suspectRoles,
  suspectSexes,
  verdictOutcomes,
  type createSuspectRequest,
  type ImportRowProblem,
  type RecordStepRequest,
  type recordStepRequest,
} from '@palermo/contracts';

/**
 * A prosecution history as it will be written: operations, investigations and defendants, each defendant with its
 * steps in order (ids given before writing, so that a verdict names its charge). The import builds one from each row of
 * a file (prosecution-import.rows.ts) and the demo generates them (demo/demo.prosecution.ts); both go through the same
 * checks (prosecution-import.check.ts) and the same writer (prosecution-import.write.ts).
 */
export interface PlannedOperation {
  readonly key: string;
  readonly name: string;
  readonly startedOn: string;
  readonly agencyId: string;
  readonly origin: (typeof operationOrigins)[number];
  readonly approach: (typeof investigationApproaches)[number];
  readonly formsOfExploitation: ReadonlyArray<(typeof formsOfExploitation)[number]>;
}

export interface PlannedInvestigation {
  readonly key: string;
  readonly title: string;
  readonly openedOn: string;
  readonly officeId: string | null;
  readonly referredOn: string | null;
}

export interface PlannedStep {
  readonly id: string;
  readonly input: z.output<typeof recordStepRequest>;
  /** The field of the file the step's date came from (to name it when the step is refused). */
  readonly field: string;
}

export interface PlannedDefendant {
  /** The row of the file (the heading is row 1), or the demo's index. */
  readonly row: number;
  readonly operation: PlannedOperation;
  readonly investigation: PlannedInvestigation;
  readonly key: string;
  readonly suspect: z.output<typeof createSuspectRequest>;
  readonly steps: readonly PlannedStep[];
}

export type { ImportRowProblem };
export const vocabularies = { appealOutcomes, appellants, chargeCategories, formsOfExploitation, investigationApproaches, operationOrigins, suspectRoles, suspectSexes, verdictOutcomes };

export const plannedStep = (input: RecordStepRequest & { occurredOn: string }, field: string): PlannedStep => ({ id: randomUUID(), input: input as PlannedStep['input'], field });
