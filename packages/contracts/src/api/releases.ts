import { z } from 'zod';
import { isoDateTime, uuid } from './common.js';

/**
 * Privacy-safe releases of the de-identified statistical records: a k-anonymous record file or a differentially
 * private synthetic one, each recorded in a per-dataset privacy-budget ledger with its utility report.
 */

/** The attributes a release can hold (CTDC Global Synthetic Dataset v2 columns, then the NRM columns). */
export const releaseAttributeNames = [
  'yearOfRegistration',
  'gender',
  'ageBroad',
  'majorityStatus',
  'citizenship',
  'CountryOfExploitation',
  'traffickMonths',
  'meansDebtBondageEarnings',
  'meansThreats',
  'meansAbusePsyPhySex',
  'meansFalsePromises',
  'meansDrugsAlcohol',
  'meansDenyBasicNeeds',
  'meansExcessiveWorkHours',
  'meansWithholdDocs',
  'isForcedLabour',
  'isSexualExploit',
  'isOtherExploit',
  'typeOfLabourAgriculture',
  'typeOfLabourConstruction',
  'typeOfLabourDomesticWork',
  'typeOfLabourHospitality',
  'typeOfSexProstitution',
  'typeOfSexPornography',
  'recruiterRelationIntimatePartner',
  'recruiterRelationFriend',
  'recruiterRelationFamily',
  'recruiterRelationOther',
  'datasource',
  'stage',
  'traffickingStatus',
  'referringOrgType',
] as const;
export type ReleaseAttributeName = (typeof releaseAttributeNames)[number];
export const releaseAttributeName = z.enum(releaseAttributeNames);

/** Quasi-identifiers offered first: the ones a neighbour or an employer could know. */
export const defaultQuasiIdentifiers: readonly ReleaseAttributeName[] = ['yearOfRegistration', 'gender', 'ageBroad', 'citizenship', 'CountryOfExploitation', 'traffickMonths'];

export const releaseKinds = ['synthetic', 'k_anonymous'] as const;
export type ReleaseKind = (typeof releaseKinds)[number];

const attributes = z.array(releaseAttributeName).min(1, 'choose at least one attribute').max(releaseAttributeNames.length).optional();

export const syntheticReleaseRequest = z.object({
  kind: z.literal('synthetic'),
  datasetId: uuid,
  epsilon: z.number().positive('must be above 0').max(100, 'must be at most 100'),
  delta: z.number().positive('must be above 0').max(0.001, 'must be at most 0.001'),
  reportingLength: z.number().int().min(1).max(3).default(3),
  attributes,
});

export const kAnonymousReleaseRequest = z.object({
  kind: z.literal('k_anonymous'),
  datasetId: uuid,
  k: z.number().int().min(2, 'must be at least 2').max(1000),
  quasiIdentifiers: z.array(releaseAttributeName).min(1, 'choose at least one quasi-identifier').max(releaseAttributeNames.length),
  attributes,
});

export const releaseRequest = z.discriminatedUnion('kind', [syntheticReleaseRequest, kAnonymousReleaseRequest]);
export type ReleaseRequest = z.input<typeof releaseRequest>;
export type ReleaseRequestParsed = z.output<typeof releaseRequest>;

/**
 * A release spends privacy budget (synthetic) and leaves the platform: the request over HTTP must carry the user's
 * explicit confirmation, given after being shown what it spends and what is left (the release form's confirm step).
 */
export const releaseConfirmation = z.object({
  confirmed: z.literal(true, { message: 'must be true: confirm the release after reading what it spends and what is left' }),
});
export const confirmedReleaseRequest = z.intersection(releaseRequest, releaseConfirmation);
export type ConfirmedReleaseRequest = z.input<typeof confirmedReleaseRequest>;

export const utilityByLength = z.object({
  length: z.number().int(),
  realCombinations: z.number().int(),
  releasedCombinations: z.number().int(),
  meanRealCount: z.number(),
  meanAbsoluteError: z.number(),
  suppressedShare: z.number(),
  fabricatedShare: z.number(),
});

export const utilityReportView = z.object({
  realRecords: z.number().int(),
  releasedRecords: z.number().int(),
  lengths: z.array(utilityByLength),
});
export type UtilityReportView = z.infer<typeof utilityReportView>;

export const releaseBudgetView = z.object({
  totalEpsilon: z.number(),
  totalDelta: z.number(),
  spentEpsilon: z.number(),
  spentDelta: z.number(),
  remainingEpsilon: z.number(),
  remainingDelta: z.number(),
  /** False while the operator has not set a budget and the default applies. */
  setByOperator: z.boolean(),
});
export type ReleaseBudgetView = z.infer<typeof releaseBudgetView>;

export const releaseView = z.object({
  id: uuid,
  datasetId: uuid,
  kind: z.enum(releaseKinds),
  parameters: z.record(z.string(), z.unknown()),
  epsilon: z.number(),
  delta: z.number(),
  recordsRead: z.number().int(),
  recordsReleased: z.number().int(),
  createdBy: z.string(),
  createdAt: isoDateTime,
  fileName: z.string(),
  fileSha256: z.string(),
  fileBytes: z.number().int(),
  /** How the noise was set (synthetic) or how far values were generalised (k-anonymous). */
  mechanism: z.record(z.string(), z.unknown()),
  utility: utilityReportView,
});
export type ReleaseView = z.infer<typeof releaseView>;

export const releaseDatasetView = z.object({
  id: uuid,
  kind: z.string(),
  name: z.string(),
  records: z.number().int(),
  budget: releaseBudgetView,
});
export type ReleaseDatasetView = z.infer<typeof releaseDatasetView>;

export const releaseDatasetList = z.object({ datasets: z.array(releaseDatasetView) });
export type ReleaseDatasetList = z.infer<typeof releaseDatasetList>;

export const releaseList = z.object({ releases: z.array(releaseView) });
export type ReleaseList = z.infer<typeof releaseList>;

export const releaseListQuery = z.object({ datasetId: uuid.optional() });

/** The answer to a release made: the release and the budget left afterwards. */
export const releaseMade = z.object({ release: releaseView, budget: releaseBudgetView });
export type ReleaseMade = z.infer<typeof releaseMade>;
