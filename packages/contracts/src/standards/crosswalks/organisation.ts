import { organisationTypes, organisationTypeToHtcds, type OrganisationType } from '../../vocabularies/organisation-types.js';
import { htcdsOrgType } from '../htcds/organisation-case.js';
import type { Vocabulary } from '../vocabulary.js';
import { defineCrosswalk, type CrosswalkEntry } from './crosswalk.js';

/** Palermo's organisation types (contracts/vocabularies/organisation-types.ts) as a vocabulary. */
export const palermoOrganisationType: Vocabulary = {
  id: 'palermo.organisationType',
  standard: 'Palermo',
  version: '1',
  source: 'packages/contracts/src/vocabularies/organisation-types.ts',
  field: 'organisations.type',
  codes: organisationTypes.map((code) => ({ code, label: code.replace(/_/g, ' ') })),
};

/** Why each Palermo type maps where it does: HTCDS org_Type has no judicial, inspection or international category. */
const decisions: Partial<Record<OrganisationType, string>> = {
  shelter: 'A shelter is run by an NGO in the field\'s usual set-up; a state shelter is recorded with its ministry\'s type instead.',
  border_guard: 'Border guards are a police force in HTCDS terms.',
  labour_inspectorate: 'No inspection category in HTCDS: labour inspectorates are central government bodies.',
  prosecutor: 'HTCDS has no judicial category; LegalService means legal aid to victims, so prosecution services go to central government.',
  court: 'HTCDS has no judicial category; LegalService means legal aid to victims, so courts go to central government.',
  competent_authority: 'The body that decides victim status is a state body, central government in HTCDS terms.',
  social_services: 'Social services are run by local government in most countries.',
  embassy: 'Embassies and consulates belong to the foreign ministry: central government.',
  international_organisation: 'HTCDS has no category for international organisations (IOM, UNODC): the nearest is NGO, the non-state provider.',
  national_coordinator: 'The national coordinator sits in government: central government.',
  national_rapporteur: 'National rapporteurs are independent state bodies: central government is the nearest HTCDS category.',
};

export const organisationTypeToHtcdsOrgType = defineCrosswalk({
  id: 'palermo.organisationType->htcds.org_Type',
  from: palermoOrganisationType,
  to: htcdsOrgType,
  reference: 'data-standard.md §1.2 (org_Type); contracts/vocabularies/organisation-types.ts',
  entries: organisationTypes.map((type): CrosswalkEntry<string, (typeof htcdsOrgType)['codes'][number]['code']> => {
    const decision = decisions[type];
    return decision
      ? { from: type, to: [organisationTypeToHtcds[type]], basis: 'decision', decision }
      : { from: type, to: [organisationTypeToHtcds[type]], basis: 'doc' };
  }),
});
