import { z } from 'zod';

/**
 * What the signed-in user may do, as the server computes it from the access rules its routes enforce (each capability
 * is exactly "the route behind it admits this user"). The web app offers a page or an action only when the matching
 * capability is true; the server still decides every request, and which records each person reaches.
 */
export const capabilityNames = [
  /** Create and edit users (of every organisation, or of the user's own). */
  'manageUsers',
  /** Create and edit organisations: every organisation of the country. */
  'manageOrganisations',
  'readAudit',
  /** The case list (which cases each person sees is the server's need-to-know rules). */
  'seeCases',
  /** Report a suspicion and open a case. */
  'openCases',
  /** The referrals the user's organisation sent. */
  'seeSentReferrals',
  /** The inbox of referrals sent to the user's organisation: accept, decline, record the service. */
  'receiveReferrals',
  /** Answer requests from other organisations asking whether they hold the same person. */
  'answerMatchRequests',
  /** Case management proper: needs, plan, services, follow-ups, notes. */
  'manageAssistance',
  /** Answer the person's requests for her record, corrections and erasure (for the cases of the user's organisation). */
  'answerDataRequests',
  'seeStatistics',
  'estimate',
  'publishEstimates',
  'seeReleases',
  /** Make a release (spends the privacy budget). */
  'release',
  'importStatistics',
  /** The official GLOTIP submission (exact counts). */
  'exportOfficialTables',
  /** Mail the server could not deliver. */
  'seeUndeliverableMail',
  /** The country's time zone. */
  'setTimeZone',
  /** The prosecution pipeline: operations, suspects and their steps (which ones is the server's rules). */
  'seeProsecution',
  /** Record an operation (an investigator of a law-enforcement organisation). */
  'recordOperations',
] as const;
export type CapabilityName = (typeof capabilityNames)[number];

export const capabilities = z.object(
  Object.fromEntries(capabilityNames.map((name) => [name, z.boolean()])) as Record<CapabilityName, z.ZodBoolean>,
);
export type Capabilities = z.infer<typeof capabilities>;
