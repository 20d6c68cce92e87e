import type { z } from 'zod';
import type { ProtectionService } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Subject } from '../../platform/access/rules.js';
import { idFromIdempotencyKey } from '../case/case-timeline.js';
import { caseRecordVisibilityOf, serviceDeliveredData, type ServiceType } from '../case-record/case-record.contracts.js';
import { insertRecord } from '../case-record/case-record.repo.js';
import type { completeReferralRequest } from './referral.contracts.js';
import type { ReferralRecord } from './referral.repo.js';

/** The kind of service a referral for a protection service delivers, in the case record's vocabulary. */
export const serviceTypeOfReferral: Record<ProtectionService, ServiceType> = {
  medical: 'medical_care',
  safety: 'other',
  shelter: 'safe_accommodation',
  food: 'food_and_basic_items',
  psychosocial: 'psychosocial_counselling',
  legal: 'legal_counselling',
  interpretation: 'interpretation',
  documents: 'identity_documents',
  financial: 'financial_support',
  education: 'education',
  work: 'employment_support',
};

/**
 * The service a receiving organisation delivered on a referral, added to the case record by that organisation as
 * provider: the managing side's assistance plan then shows who provided what, from when to when. The completion note
 * stays with the referral; nothing free-text is copied. Keyed by the completion's idempotency key (done once).
 */
export async function recordServiceDelivered(
  tx: Db,
  subject: Subject,
  row: ReferralRecord,
  input: z.output<typeof completeReferralRequest>,
  key: string,
): Promise<void> {
  if (row.kind !== 'service' || row.service === null) return;
  const service = row.service as ProtectionService;
  const data = serviceDeliveredData.parse({
    domain: service,
    serviceType: serviceTypeOfReferral[service],
    providerOrganisationId: row.to_organisation_id,
    startDate: input.deliveredFrom,
    ...(input.deliveredTo ? { endDate: input.deliveredTo } : {}),
  });
  await insertRecord(tx, {
    id: idFromIdempotencyKey(`case-record:${row.case_id}`, `referral-completed:${key}`),
    caseId: row.case_id,
    kind: 'service_delivered',
    data,
    notes: null,
    authorUserId: subject.userId,
    organisationId: subject.organisationId,
    visibility: caseRecordVisibilityOf.service_delivered,
    supersedesId: null,
  });
}
