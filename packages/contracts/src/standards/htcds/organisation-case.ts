import type { Vocabulary } from '../vocabulary.js';

const ODS = 'IOM HTCDS v2.0, HTCDS Field Standards 2.0.ods, sheet Field_Standards (data-standard.md §1.2)';

export const htcdsOrgType = {
  id: 'htcds.org_Type',
  standard: 'HTCDS',
  version: '2.0',
  source: ODS,
  field: 'org_Type',
  note: 'Labels as the ODS gives them: identical to the value names except LawEnforcement and SchoolOrCollege.',
  codes: [
    { code: 'NGO', label: 'NGO' },
    { code: 'LawEnforcement', label: 'Law Enforcement' },
    { code: 'HealthServiceOrganisation', label: 'HealthServiceOrganisation' },
    { code: 'CentralGovernmentOrganisation', label: 'CentralGovernmentOrganisation' },
    { code: 'LocalGovernmentOrganisation', label: 'LocalGovernmentOrganisation' },
    { code: 'ImmigrationService', label: 'ImmigrationService' },
    { code: 'LegalService', label: 'LegalService' },
    { code: 'CorporateBusiness', label: 'CorporateBusiness' },
    { code: 'SchoolOrCollege', label: 'School or College' },
  ],
} as const satisfies Vocabulary;

export const htcdsRoleInProcess = {
  id: 'htcds.per_RoleInProcess',
  standard: 'HTCDS',
  version: '2.0',
  source: ODS,
  field: 'per_RoleInProcess',
  multiple: true,
  note: 'Several values describe acts done to the victim by this person (transferred, harboured, sold, bought, received, controlled).',
  codes: [
    { code: 'TravellingPartner', label: 'Travelling Partner' },
    { code: 'Transporter', label: 'Transporter' },
    { code: 'RecruiterOrIntermediary', label: 'Recruiter Or Intermediary' },
    { code: 'BrokerTravelAgent', label: 'Broker Travel Agent' },
    { code: 'TransferredIndividual', label: 'Transferred Individual' },
    { code: 'HarbouredIndividual', label: 'Harboured Individual' },
    { code: 'SoldIndividual', label: 'Sold Individual' },
    { code: 'BoughtIndividual', label: 'Bought Individual' },
    { code: 'ReceivedIndividual', label: 'Received Individual' },
    { code: 'ControlledIndividual', label: 'Controlled Individual' },
    { code: 'Smuggler', label: 'Smuggler' },
    { code: 'Abuser', label: 'Abuser' },
    { code: 'Kidnapper', label: 'Kidnapper' },
    { code: 'Exploiter', label: 'Exploiter' },
    { code: 'Other', label: 'Other' },
  ],
} as const satisfies Vocabulary;

export const htcdsCaseStatus = {
  id: 'htcds.cas_Status',
  standard: 'HTCDS',
  version: '2.0',
  source: ODS,
  field: 'cas_Status',
  codes: [
    { code: 'Active', label: 'Active' },
    { code: 'FollowUp', label: 'Follow Up' },
    { code: 'Closed', label: 'Closed' },
    { code: 'ClosedReferred', label: 'Closed Referred' },
  ],
} as const satisfies Vocabulary;

export const htcdsTraffickingEventType = {
  id: 'htcds.hte_Type',
  standard: 'HTCDS',
  version: '2.0',
  source: ODS,
  field: 'hte_Type',
  note: 'Stage of a dated, geolocated historic trafficking event; hte_Country on an Exploitation event gives the country of exploitation.',
  codes: [
    { code: 'Recruitment', label: 'Recruitment' },
    { code: 'Transit', label: 'Transit' },
    { code: 'Exploitation', label: 'Exploitation' },
  ],
} as const satisfies Vocabulary;
