import { z } from 'zod';
import { organisationTypes } from '../vocabularies/organisation-types.js';
import { nrmCaseStages, protectionServices, sopNumbers } from '../vocabularies/sops.js';
import { isoDateTime, uuid } from './common.js';

/**
 * The country's SOP document: the five SOPs of the National Referral Mechanism, each a list of measures answering
 * WHAT, WHEN (a case stage, and optionally a deadline in days from entering it), WHO (organisation types and/or named
 * organisations) and HOW. Every saved document is a new immutable version.
 */

const text = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

export const nrmCaseStage = z.enum(nrmCaseStages);
export const protectionService = z.enum(protectionServices);
export const sopNumber = z.literal(sopNumbers, 'must be 1, 2, 3, 4 or 5');
const sopOrganisationType = z.enum(organisationTypes);

/** A measure's stable identifier, so that cases can record which measures were taken: `identification.initial-referral`. */
export const sopMeasureId = z
  .string()
  .max(80, 'must be at most 80 characters')
  .regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'must be lower-case letters and digits separated by dots or hyphens');

export const sopMeasureWhen = z.object({
  stage: nrmCaseStage,
  /** Days from entering the stage by which the measure should be done; absent: no deadline. */
  deadlineDays: z.int('must be a whole number of days').min(0).max(3650).optional(),
  /** What the stage alone does not say ("simultaneously with the security assessment"). */
  note: z.string().trim().max(1000).optional(),
});

export const sopMeasureWho = z
  .object({
    organisationTypes: z.array(sopOrganisationType).max(organisationTypes.length).default([]),
    organisationIds: z.array(uuid).max(50).default([]),
    /** Who within them ("the case manager", "a focal point of the institution responsible for repatriation"). */
    note: z.string().trim().max(1000).optional(),
  })
  .refine((who) => who.organisationTypes.length + who.organisationIds.length > 0, {
    message: 'must name at least one organisation type or organisation',
  });

export const sopMeasure = z.object({
  id: sopMeasureId,
  title: text(200),
  what: text(4000),
  when: sopMeasureWhen,
  who: sopMeasureWho,
  how: text(4000),
  /** The needs this measure answers; links the measure to the referral directory. */
  services: z.array(protectionService).max(protectionServices.length).default([]),
});
export type SopMeasure = z.infer<typeof sopMeasure>;

export const sop = z.object({
  number: sopNumber,
  title: text(200),
  measures: z.array(sopMeasure).min(1, 'must hold at least one measure').max(100),
});
export type Sop = z.infer<typeof sop>;

const documentShape = {
  sops: z.array(sop).length(sopNumbers.length, 'must hold the five SOPs, in order'),
};

/** The five SOPs in order (number 1 first), and measure ids unique across the whole document. */
function checkDocument(document: { sops: ReadonlyArray<{ number: number; measures: ReadonlyArray<{ id: string }> }> }, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  document.sops.forEach((s, i) => {
    if (s.number !== i + 1) ctx.addIssue({ code: 'custom', path: ['sops', i, 'number'], message: `must be ${i + 1}: the SOPs are listed in order` });
    s.measures.forEach((m, j) => {
      if (seen.has(m.id)) ctx.addIssue({ code: 'custom', path: ['sops', i, 'measures', j, 'id'], message: 'is used by another measure' });
      seen.add(m.id);
    });
  });
}

export const sopDocument = z.object(documentShape).superRefine(checkDocument);
export type SopDocument = z.infer<typeof sopDocument>;
export type SopDocumentInput = z.input<typeof sopDocument>;

/** A new version: the whole document, with a note saying what changed and why. */
export const createSopVersionRequest = z
  .object({
    ...documentShape,
    changeNote: text(2000),
    /** The version the editor started from: if another version was saved since, the request is refused (409). */
    basedOnVersion: z.int().positive().optional(),
  })
  .superRefine(checkDocument);
export type CreateSopVersionRequest = z.input<typeof createSopVersionRequest>;

/** Who saved a version; null for the default set shipped with Palermo. */
export const sopAuthor = z.object({ userId: uuid, name: z.string() }).nullable();

export const sopVersionSummary = z.object({
  version: z.int().positive(),
  changeNote: z.string(),
  author: sopAuthor,
  createdAt: isoDateTime,
  /** The newest version is the one in force. */
  current: z.boolean(),
});
export type SopVersionSummary = z.infer<typeof sopVersionSummary>;

export const sopVersionView = sopVersionSummary.extend({ document: sopDocument });
export type SopVersionView = z.infer<typeof sopVersionView>;

export const sopVersionList = z.object({ versions: z.array(sopVersionSummary) });
export type SopVersionList = z.infer<typeof sopVersionList>;

export const sopVersionParams = z.object({ version: z.coerce.number().int().positive() });
