/**
 * Organisation types: the field's own categories, each mapped to the HTCDS v2.0 `org_Type` code list so that
 * organisation records can be exchanged in the data standard's terms.
 */
export const htcdsOrgTypes = [
  'NGO',
  'LawEnforcement',
  'HealthServiceOrganisation',
  'CentralGovernmentOrganisation',
  'LocalGovernmentOrganisation',
  'ImmigrationService',
  'LegalService',
  'CorporateBusiness',
  'SchoolOrCollege',
] as const;
export type HtcdsOrgType = (typeof htcdsOrgTypes)[number];

export const organisationTypes = [
  'ngo',
  'shelter',
  'law_enforcement',
  'border_guard',
  'labour_inspectorate',
  'prosecutor',
  'court',
  'competent_authority',
  'social_services',
  'health',
  'immigration',
  'embassy',
  'international_organisation',
  'national_coordinator',
  'national_rapporteur',
] as const;
export type OrganisationType = (typeof organisationTypes)[number];

/** Crosswalk to HTCDS `org_Type`. Courts and prosecutors are `LegalService` in HTCDS terms only loosely; the standard
 * has no judicial category, so they map to central government, which is where the standard's examples put them. */
export const organisationTypeToHtcds: Record<OrganisationType, HtcdsOrgType> = {
  ngo: 'NGO',
  shelter: 'NGO',
  law_enforcement: 'LawEnforcement',
  border_guard: 'LawEnforcement',
  labour_inspectorate: 'CentralGovernmentOrganisation',
  prosecutor: 'CentralGovernmentOrganisation',
  court: 'CentralGovernmentOrganisation',
  competent_authority: 'CentralGovernmentOrganisation',
  social_services: 'LocalGovernmentOrganisation',
  health: 'HealthServiceOrganisation',
  immigration: 'ImmigrationService',
  embassy: 'CentralGovernmentOrganisation',
  international_organisation: 'NGO',
  national_coordinator: 'CentralGovernmentOrganisation',
  national_rapporteur: 'CentralGovernmentOrganisation',
};

/** Organisation types whose staff act as law enforcement for access rules (they see personal data only with consent). */
export const lawEnforcementOrganisationTypes: readonly OrganisationType[] = [
  'law_enforcement',
  'border_guard',
  'labour_inspectorate',
];

/**
 * Organisation types that may be recorded as taking part in a law-enforcement operation beside the agency leading it:
 * the enforcement agencies and the immigration service. Assistance organisations, shelters, courts, prosecutors and
 * competent authorities are never recorded as part of an operation: assistance is never tied to cooperation with the
 * police, and a court or an office judges or prosecutes the operation's results.
 */
export const operationAgencyTypes: readonly OrganisationType[] = [...lawEnforcementOrganisationTypes, 'immigration'];
