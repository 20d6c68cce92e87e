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
  /** What waits for a supervisor's approval (the country's settings). */
  'setApprovalSettings',
  /** Reassign a case and approve or return a plan or a closure (a supervisor, for her organisation's cases). */
  'superviseCases',
  /** The prosecution pipeline: operations, suspects and their steps (which ones is the server's rules). */
  'seeProsecution',
  /** Record an operation (an investigator of a law-enforcement organisation). */
  'recordOperations',
  /** An operation's network of suspects and entities, ranked (the recording agency, the prosecution office, analysts). */
  'seeNetworks',
  /** Record entities and links in a network (the recording agency's investigators, analysts). */
  'drawNetworks',
  /** Import a prosecution history from a spreadsheet (a prosecutor or an investigator). */
  'importProsecutionHistory',
  /** An operation's case brief in SHERLOC's fields, identities removed (the recording agency, the prosecution office). */
  'seeCaseBriefs',
  /** Write the case brief's text for publication and approve it (the prosecutors of the office referred to). */
  'editCaseBriefs',
  /** The prosecution funnel (perturbed aggregates, no record). */
  'seeProsecutionFunnel',
  /** Victim-witnesses of an operation by initials (the prosecution office and the recording agency, with her consent). */
  'seeVictimWitnesses',
  /** Cross-border requests of an operation's investigations (the recording agency, the prosecution office). */
  'seeCrossBorderRequests',
  /** A case's link to proceedings: cooperation, protection, claims (her caseworker). */
  'linkToProceedings',
  /** Recommendations of monitoring bodies and the reference series (the rapporteur, the coordinator, civil society). */
  'seeRecommendations',
  /** Record and import recommendations, and record their implementation status (the national rapporteur). */
  'recordRecommendations',
  /** Record the government's response to a recommendation (the national coordinator). */
  'respondToRecommendations',
  /** Comment on a recommendation's status (civil society). */
  'commentOnRecommendations',
  /** Link near-identical recommendations together as a cluster. */
  'clusterRecommendations',
  /** Link recommendations to the plan's activities (the national coordinator). */
  'linkRecommendationActivities',
  /** The national action plan: objectives, activities, indicators (the coordinator, the rapporteur, every organisation's staff). */
  'seeActionPlan',
  /** Create and edit the national action plan (the national coordinator). */
  'editActionPlan',
  /** The plan's progress page and its download (the coordinator, the rapporteur, analysts). */
  'seePlanProgress',
  /** Determinants assessments and their comparison (the rapporteur, the coordinator, the national administrator). */
  'seeDeterminants',
  /** Record determinants assessments and their entries (the national rapporteur). */
  'recordDeterminants',
  /** Coordination bodies, meetings and follow-up actions (the coordinator, the rapporteur, the national administrator, member organisations). */
  'seeCoordination',
  /** Create and edit coordination bodies, meetings and actions (the national coordinator). */
  'editCoordination',
  /** Trainings delivered (the coordinator, the rapporteur, the national administrator, delivering organisations). */
  'seeTrainings',
  /** Record trainings (the coordinator, or an organisation's leads for its own). */
  'recordTrainings',
] as const;
export type CapabilityName = (typeof capabilityNames)[number];

export const capabilities = z.object(
  Object.fromEntries(capabilityNames.map((name) => [name, z.boolean()])) as Record<CapabilityName, z.ZodBoolean>,
);
export type Capabilities = z.infer<typeof capabilities>;
