import type { Crosswalk } from './crosswalk.js';
import { ctdc2017AgeToGlotip, ctdc2024AgeToGlotip } from './age.js';
import { statusToCtdcCounting, statusToGlotipCounting } from './counting.js';
import {
  glotipFormToSdg,
  htcdsExploitationToCtdc2017,
  htcdsExploitationToCtdc2024,
  htcdsExploitationToGlotip,
  htcdsExploitationToSdg,
} from './exploitation.js';
import { ctdc2017LabourToIndustry, industryToCtdc2017, industryToCtdc2024 } from './labour-sector.js';
import { meansOfControlToCtdc2017, meansOfControlToCtdc2024 } from './means-of-control.js';
import { organisationTypeToHtcdsOrgType } from './organisation.js';
import { organisationTypeToDecisionMakingOrg } from './decision-making-org.js';
import {
  acquaintanceDetailToCtdc2017,
  acquaintanceDetailToCtdc2024,
  relationshipToCtdc2017Flags,
  relationshipToCtdc2017Text,
  relationshipToCtdc2024Flags,
} from './recruiter.js';
import { htcdsGenderToCtdc2017, htcdsGenderToCtdc2024, htcdsGenderToGlotipSex } from './sex.js';
import { sexExploitationToCtdc2017, sexExploitationToCtdc2024 } from './sexual-exploitation.js';

export * from './crosswalk.js';
export * from './sex.js';
export * from './age.js';
export * from './exploitation.js';
export * from './labour-sector.js';
export * from './sexual-exploitation.js';
export * from './means-of-control.js';
export * from './recruiter.js';
export * from './citizenship.js';
export * from './counting.js';
export * from './organisation.js';
export * from './decisions.js';
export * from './htcds-fields.js';
export * from './decision-making-org.js';
export * from './screening-to-control.js';

/** Every crosswalk, for tests and for a reference page listing them. */
export const allCrosswalks: readonly Crosswalk[] = [
  htcdsGenderToCtdc2017,
  htcdsGenderToCtdc2024,
  htcdsGenderToGlotipSex,
  ctdc2017AgeToGlotip,
  ctdc2024AgeToGlotip,
  htcdsExploitationToCtdc2017,
  htcdsExploitationToCtdc2024,
  htcdsExploitationToGlotip,
  htcdsExploitationToSdg,
  glotipFormToSdg,
  industryToCtdc2017,
  industryToCtdc2024,
  ctdc2017LabourToIndustry,
  sexExploitationToCtdc2017,
  sexExploitationToCtdc2024,
  meansOfControlToCtdc2017,
  meansOfControlToCtdc2024,
  relationshipToCtdc2017Flags,
  relationshipToCtdc2024Flags,
  relationshipToCtdc2017Text,
  acquaintanceDetailToCtdc2017,
  acquaintanceDetailToCtdc2024,
  statusToGlotipCounting,
  statusToCtdcCounting,
  organisationTypeToHtcdsOrgType,
  organisationTypeToDecisionMakingOrg,
];
