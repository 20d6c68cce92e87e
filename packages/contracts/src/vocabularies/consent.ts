/** Purposes for which a person's consent is recorded. Every disclosure checks the purpose it serves. */
export const consentPurposes = [
  'assistance',
  'referral',
  'law_enforcement',
  'statistics',
  'country_of_origin',
] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

export const consentStatuses = ['given', 'refused', 'withdrawn'] as const;
export type ConsentStatus = (typeof consentStatuses)[number];
