import type { Capabilities } from '@palermo/contracts';

/**
 * What the navigation and pages offer, read from the session's capabilities: the server computes them from the access
 * rules its routes enforce, so the web app keeps no role lists of its own. The server still decides every request.
 */
export function canManageUsers(capabilities: Capabilities): boolean {
  return capabilities.manageUsers;
}

/** Every organisation of the country (a national administrator), not only the user's own. */
export function canManageAllOrganisations(capabilities: Capabilities): boolean {
  return capabilities.manageOrganisations;
}

export function canReadAudit(capabilities: Capabilities): boolean {
  return capabilities.readAudit;
}

/** The case list (the server still decides which cases each person sees). */
export function canSeeCases(capabilities: Capabilities): boolean {
  return capabilities.seeCases;
}

/** Report a suspicion (and screen the person). */
export function canOpenCases(capabilities: Capabilities): boolean {
  return capabilities.openCases;
}

export function canAnswerMatchRequests(capabilities: Capabilities): boolean {
  return capabilities.answerMatchRequests;
}

/** The referrals page: what the organisation sent and, for assistance, its inbox. */
export function canHandleReferrals(capabilities: Capabilities): boolean {
  return capabilities.seeSentReferrals || capabilities.receiveReferrals;
}

/** Receive and answer referrals: the front line of an organisation that provides assistance. */
export function canReceiveReferrals(capabilities: Capabilities): boolean {
  return capabilities.receiveReferrals;
}

/** Case management proper (the case record: needs, plan, services, follow-ups, notes): assistance organisations only. */
export function canManageAssistance(capabilities: Capabilities): boolean {
  return capabilities.manageAssistance;
}

/** The prosecution pipeline's pages: law enforcement, the prosecution office and court an investigation reached, analysts. */
export function canSeeProsecution(capabilities: Capabilities): boolean {
  return capabilities.seeProsecution;
}

export function canRecordOperations(capabilities: Capabilities): boolean {
  return capabilities.recordOperations;
}
