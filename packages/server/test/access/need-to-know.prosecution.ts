import { lawEnforcementOrganisationTypes } from '@palermo/contracts';
import { has, subsetOf, type Scenario } from './need-to-know.scenarios.js';
import type { Visible } from './need-to-know.js';

/** The promises of need to know about the prosecution's records: operations, suspects, their network, victims in proceedings and case briefs. */

/**
 * An operation's case brief (SHERLOC's fields for publication, and the prosecutor's text before it is approved): the
 * prosecution office referred to and the recording agency see it whole; not the court's clerks, not analysts, nobody
 * else.
 */
export function brokenCaseBriefPromises(s: Scenario, v: Visible, all: Visible): string[] {
  const broken: string[] = [];
  const agency = has(s.roles, 'investigator') && (lawEnforcementOrganisationTypes as readonly string[]).includes(s.organisationType) && s.sameOrganisation;
  const office = has(s.roles, 'prosecutor') && s.prosecution === 'prosecution_referral';
  const brief = v.prosecutionCaseBrief;
  if (brief.size > 0 && !agency && !office) broken.push('a case brief: only the prosecution office referred to and the recording agency');
  if ((agency || office) && brief.size !== all.prosecutionCaseBrief.size) broken.push('the prosecution office and the recording agency see the case brief whole');
  return broken;
}

/**
 * The prosecution pipeline's promises: the recording agency and the prosecution office an investigation was referred
 * to see operations and suspects whole; the court a suspect is tried before sees the pseudonym and the proceedings,
 * never the identity; an analyst sees operations and suspects' pseudonyms and roles, never an identity nor the
 * proceedings; nobody else (caseworkers, coordinator, rapporteur, other agencies and offices) sees any of it.
 */
export function brokenProsecutionPromises(s: Scenario, v: Visible, all: Visible): string[] {
  const broken: string[] = [];
  const fail = (promise: string) => broken.push(promise);
  const lawEnforcementOrg = (lawEnforcementOrganisationTypes as readonly string[]).includes(s.organisationType);
  const agency = has(s.roles, 'investigator') && lawEnforcementOrg && s.sameOrganisation;
  // A share of these kinds is only ever made with a prosecution office or a court (the service checks the type).
  const office = has(s.roles, 'prosecutor') && s.prosecution === 'prosecution_referral';
  const court = has(s.roles, 'court_clerk') && s.prosecution === 'before_court';
  const analyst = has(s.roles, 'analyst');
  const { prosecutionOperation: operation, prosecutionSuspect: suspect } = v;
  if (!agency && !office && !court && !analyst && (operation.size > 0 || suspect.size > 0)) fail('operations and suspects: only the recording agency, the prosecution office referred to, the court of trial and analysts');
  if ((agency || office) && (operation.size !== all.prosecutionOperation.size || suspect.size !== all.prosecutionSuspect.size)) fail('the recording agency and the prosecution office see the operation and the suspect whole');
  if (suspect.has('identity') && !agency && !office) fail("a suspect's identity: the recording agency and the prosecution office only");
  if (suspect.has('steps') && !agency && !office && !court) fail('the proceedings: the recording agency, the prosecution office and the court of trial');
  if (court && !(suspect.has('pseudonym') && suspect.has('steps'))) fail('the court of trial records outcomes against the pseudonym');
  if (analyst && !(operation.size === all.prosecutionOperation.size && suspect.has('pseudonym') && suspect.has('roles'))) fail("an analyst sees operations and suspects' pseudonyms and roles");
  if (!agency && !office && !analyst && !subsetOf([...operation], ['id', 'reference', 'formsOfExploitation'])) fail('the court of trial sees which operation, nothing more of it');
  return broken;
}

/**
 * The network of an operation (its entities and links): the recording agency's investigators, the prosecutors of the
 * office an investigation was referred to and analysts (whose work the link chart is) see it whole; the court of trial,
 * caseworkers and shelters (even of a victim of the operation), the coordinator, the rapporteur, other agencies and
 * offices see nothing of it. An analyst reading the network sees no victim (the victim-witness promises) and no
 * suspect's identity (the prosecution promises).
 */
export function brokenNetworkPromises(s: Scenario, v: Visible, all: Visible): string[] {
  const broken: string[] = [];
  const fail = (promise: string) => broken.push(promise);
  const lawEnforcementOrg = (lawEnforcementOrganisationTypes as readonly string[]).includes(s.organisationType);
  const agency = has(s.roles, 'investigator') && lawEnforcementOrg && s.sameOrganisation;
  const office = has(s.roles, 'prosecutor') && s.prosecution === 'prosecution_referral';
  const analyst = has(s.roles, 'analyst');
  const { prosecutionEntity: entity, prosecutionLink: link } = v;
  if ((agency || office || analyst) && (entity.size !== all.prosecutionEntity.size || link.size !== all.prosecutionLink.size)) fail('the recording agency, the prosecution office referred to and analysts see the network whole');
  if (!agency && !office && !analyst && (entity.size > 0 || link.size > 0)) fail('the network: only the recording agency, the prosecution office referred to and analysts (never the court, a caseworker, a shelter, the coordinator or the rapporteur)');
  if (analyst && !agency && !office && (v.victimWitness.size > 0 || v.prosecutionSuspect.has('identity'))) fail("an analyst reads the network without victims or suspects' identities");
  if (all.prosecutionEntity.size === 0 || all.prosecutionLink.size === 0) fail('the network policies name fields');
  return broken;
}

/**
 * Victims in proceedings: her caseworker (the holding organisation, her case manager) sees the link whole, without the
 * initials; the prosecution office the investigation was referred to sees initials, cooperation and protection, and
 * the recording agency that she exists (initials), both only with her consent to law enforcement; no read of the
 * prosecution shows her case, name or identity or her claims; an analyst, a court clerk, the coordinator, the
 * rapporteur and everyone else see nothing of her.
 */
export function brokenVictimWitnessPromises(s: Scenario, v: Visible, all: Visible): string[] {
  const broken: string[] = [];
  const fail = (promise: string) => broken.push(promise);
  const lawEnforcementOrg = (lawEnforcementOrganisationTypes as readonly string[]).includes(s.organisationType);
  const caseworker = (s.sameOrganisation && has(s.roles, 'caseworker', 'supervisor')) || (s.assigned && has(s.roles, 'caseworker'));
  const office = has(s.roles, 'prosecutor') && s.prosecution === 'prosecution_referral' && s.lawEnforcementConsent;
  const agency = has(s.roles, 'investigator') && lawEnforcementOrg && s.sameOrganisation && s.lawEnforcementConsent;
  const victim = v.victimWitness;
  if (!caseworker && !office && !agency && victim.size > 0) fail('a victim in proceedings: her caseworker, and with her consent the prosecution office and the recording agency; an analyst never sees a victim');
  if (caseworker && !office && !agency && victim.has('initials')) fail('her caseworker needs no initials');
  if (caseworker && !['caseId', 'cooperation', 'protection', 'nonPunishment', 'compensation'].every((f) => victim.has(f))) fail('her caseworker sees the link, cooperation, protection and compensation');
  if (!caseworker && ['caseId', 'nonPunishment', 'compensation'].some((f) => victim.has(f))) fail('no identity of a victim in any prosecution read: not her case, not her claims');
  if (office && !['initials', 'cooperation', 'protection'].every((f) => victim.has(f))) fail('the prosecution office sees the victim-witness by initials with cooperation and protection');
  if (!caseworker && !office && ['cooperation', 'protection', 'standing'].some((f) => victim.has(f))) fail('the recording agency sees only that a victim-witness exists (initials)');
  if (all.victimWitness.size === 0) fail('the victim-witness policy names fields');
  return broken;
}

