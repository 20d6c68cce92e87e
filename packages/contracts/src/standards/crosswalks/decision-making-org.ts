import { organisationTypes, type OrganisationType } from '../../vocabularies/organisation-types.js';
import { htcdsTraffickingStatusDecisionMakingOrg } from '../htcds/person-victim.js';
import { defineCrosswalk, type CrosswalkEntry } from './crosswalk.js';
import { palermoOrganisationType } from './organisation.js';

type DecisionMakingOrg = (typeof htcdsTraffickingStatusDecisionMakingOrg)['codes'][number]['code'];

/**
 * HTCDS vic_TraffickingStatusDecisionMakingOrg from the type of the organisation that took the status decision
 * (status_decisions.organisation_id): Palermo keeps who decided, and the HTCDS category follows from its type.
 */
const mapping: Record<OrganisationType, { to: DecisionMakingOrg; decision?: string }> = {
  ngo: { to: 'NGO' },
  shelter: { to: 'NGO', decision: "A shelter is run by an NGO in the field's usual set-up (as for org_Type)." },
  law_enforcement: { to: 'Police' },
  border_guard: { to: 'Police', decision: 'Border guards are a police force in HTCDS terms (as for org_Type).' },
  labour_inspectorate: { to: 'NonPoliceGovernmentalOrganization' },
  prosecutor: { to: 'CourtOrProsecution' },
  court: { to: 'CourtOrProsecution' },
  competent_authority: { to: 'NonPoliceGovernmentalOrganization', decision: 'The competent authority of an NRM is a state body other than the police (in the UK, the Home Office).' },
  social_services: { to: 'NonPoliceGovernmentalOrganization' },
  health: { to: 'Other', decision: 'A health service is neither police, court nor, for HTCDS, a governmental decision maker.' },
  immigration: { to: 'NonPoliceGovernmentalOrganization' },
  embassy: { to: 'NonPoliceGovernmentalOrganization' },
  international_organisation: { to: 'Other', decision: 'HTCDS has no category for international organisations (IOM, UNODC).' },
  national_coordinator: { to: 'NonPoliceGovernmentalOrganization' },
  national_rapporteur: { to: 'NonPoliceGovernmentalOrganization' },
};

export const organisationTypeToDecisionMakingOrg = defineCrosswalk({
  id: 'palermo.organisationType->htcds.vic_TraffickingStatusDecisionMakingOrg',
  from: palermoOrganisationType,
  to: htcdsTraffickingStatusDecisionMakingOrg,
  reference: 'data-standard.md §1.2 (vic_TraffickingStatusDecisionMakingOrg); contracts/vocabularies/organisation-types.ts',
  entries: organisationTypes.map((type): CrosswalkEntry<string, DecisionMakingOrg> => {
    const { to, decision } = mapping[type];
    return decision ? { from: type, to: [to], basis: 'decision', decision } : { from: type, to: [to], basis: 'derived' };
  }),
});
