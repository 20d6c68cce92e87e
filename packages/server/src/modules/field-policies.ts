import type { FieldPolicy } from '../platform/access/field-policy.js';
import { accountExploiterFieldPolicy, accountSituationFieldPolicy, accountStatementFieldPolicy } from './account/account.fields.js';
import { assistancePlanFieldPolicy, caseRecordFieldPolicy } from './case-record/case-record.fields.js';
import { caseFieldPolicy } from './case/case.fields.js';
import { determinantAssessmentFieldPolicy } from './determinants/determinants.fields.js';
import { coordinationActionFieldPolicy, coordinationBodyFieldPolicy, coordinationMeetingFieldPolicy, coordinationTrainingFieldPolicy } from './coordination/coordination.fields.js';
import { documentFieldPolicy } from './document/document.fields.js';
import { personFieldPolicy } from './person/person.fields.js';
import { prosecutionEntityFieldPolicy, prosecutionLinkFieldPolicy } from './prosecution/network.fields.js';
import { prosecutionCaseBriefFieldPolicy } from './prosecution/case-brief.fields.js';
import { prosecutionOperationFieldPolicy, prosecutionSuspectFieldPolicy } from './prosecution/prosecution.fields.js';
import { victimWitnessFieldPolicy } from './proceedings/proceedings.fields.js';
import { caseIntakeFieldPolicy, caseScreeningsFieldPolicy, personProfileFieldPolicy } from './person-profile/person-profile.fields.js';
import { recommendationFieldPolicy } from './recommendations/recommendations.fields.js';
import { referralFieldPolicy } from './referral/referral.fields.js';

/**
 * Every record kind's field policy, by the kind the response contracts name (`recordKind(...)`). A module adding a
 * record kind adds its policy here; the property tests (test/access) then hold every route answering it to it.
 */
export const fieldPolicies: Readonly<Record<string, FieldPolicy>> = {
  person: personFieldPolicy,
  case: caseFieldPolicy,
  referral: referralFieldPolicy,
  caseRecord: caseRecordFieldPolicy,
  assistancePlan: assistancePlanFieldPolicy,
  accountStatement: accountStatementFieldPolicy,
  accountSituation: accountSituationFieldPolicy,
  accountExploiter: accountExploiterFieldPolicy,
  personProfile: personProfileFieldPolicy,
  caseIntake: caseIntakeFieldPolicy,
  caseScreenings: caseScreeningsFieldPolicy,
  document: documentFieldPolicy,
  prosecutionOperation: prosecutionOperationFieldPolicy,
  prosecutionSuspect: prosecutionSuspectFieldPolicy,
  recommendation: recommendationFieldPolicy,
  victimWitness: victimWitnessFieldPolicy,
  prosecutionEntity: prosecutionEntityFieldPolicy,
  prosecutionLink: prosecutionLinkFieldPolicy,
  prosecutionCaseBrief: prosecutionCaseBriefFieldPolicy,
  determinantAssessment: determinantAssessmentFieldPolicy,
  coordinationBody: coordinationBodyFieldPolicy,
  coordinationMeeting: coordinationMeetingFieldPolicy,
  coordinationAction: coordinationActionFieldPolicy,
  coordinationTraining: coordinationTrainingFieldPolicy,
};
