import { z } from 'zod';
import { shareablePersonFields, type ShareablePersonField } from '../vocabularies/cases.js';
import { protectionServices, type ProtectionService } from '../vocabularies/sops.js';
import { isoDate, isoDateTime, uuid } from './common.js';
import { personal, recordKind } from './personal.js';

/**
 * Referrals in the National Referral Mechanism: a caseworker refers a person to another organisation for a service
 * (or hands case management over to it), with the person's consent to referral to that named organisation. Only the
 * minimum data set the service needs crosses; the receiving organisation decides eligibility (accepts or declines with
 * a reason) and records the service delivered.
 */

/** `service`: the receiver provides a service; `case_transfer`: the receiver takes over case management. */
export const referralKinds = ['service', 'case_transfer'] as const;
export type ReferralKind = (typeof referralKinds)[number];

/** sent -> accepted | declined | withdrawn; accepted -> completed (service delivered) | withdrawn. */
export const referralStatuses = ['sent', 'accepted', 'declined', 'completed', 'withdrawn'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

export const referralUrgencies = ['routine', 'urgent', 'emergency'] as const;
export type ReferralUrgency = (typeof referralUrgencies)[number];

/**
 * The minimum data set per service: which identifying person fields the receiving organisation may read. The sender
 * may narrow it, never widen it. The address (where the person is) is in no set: it is what traffickers look for, and
 * a service provider gets it from the person, not from the file.
 */
export const referralDataSets: Readonly<Record<ProtectionService, readonly ShareablePersonField[]>> = {
  medical: ['givenName', 'familyName', 'pseudonym', 'birthDate'],
  safety: ['pseudonym', 'phone'],
  shelter: ['givenName', 'familyName', 'pseudonym', 'birthDate', 'phone'],
  food: ['pseudonym'],
  psychosocial: ['pseudonym', 'phone'],
  legal: ['givenName', 'familyName', 'pseudonym', 'birthDate', 'identityNumber'],
  interpretation: ['pseudonym'],
  documents: ['givenName', 'familyName', 'pseudonym', 'birthDate', 'identityNumber'],
  financial: ['givenName', 'familyName', 'pseudonym', 'birthDate', 'identityNumber'],
  education: ['givenName', 'familyName', 'pseudonym', 'birthDate'],
  work: ['givenName', 'familyName', 'pseudonym', 'birthDate', 'phone'],
};

/**
 * What an organisation offered case management sees while it decides: enough to recognise the person. On acceptance it
 * becomes the managing organisation and sees the whole record.
 */
export const caseTransferDataSet: readonly ShareablePersonField[] = ['givenName', 'familyName', 'pseudonym', 'birthDate'];

/** The minimum data set a referral of this kind (and service) may carry. */
export function referralDataSet(kind: ReferralKind, service: ProtectionService | undefined | null): readonly ShareablePersonField[] {
  if (kind === 'case_transfer') return caseTransferDataSet;
  return service ? referralDataSets[service] : [];
}

const freeText = (min: number, max: number, what: string) =>
  z.string().trim().min(min, `must ${what} (at least ${min} characters)`).max(max, `must be at most ${max} characters`);

export const referralService = z.enum(protectionServices);

export const sendReferralRequest = z
  .object({
    toOrganisationId: uuid,
    kind: z.enum(referralKinds).default('service'),
    /** Required for a service referral; optional for a transfer (the main need, if any). */
    service: referralService.optional(),
    /** Narrows the minimum data set of the service; absent: the whole minimum set. */
    personFields: z
      .array(z.enum(shareablePersonFields))
      .max(shareablePersonFields.length)
      .refine((fields) => new Set(fields).size === fields.length, 'must not repeat a field')
      .optional(),
    urgency: z.enum(referralUrgencies).default('routine'),
    /** Free text for the receiver (needs, practical arrangements); stored encrypted. */
    message: z.string().trim().max(5000, 'must be at most 5000 characters').optional(),
    /** The case version the sender read; required to hand the case over. */
    version: z.number().int().positive().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'service' && !value.service) ctx.addIssue({ code: 'custom', path: ['service'], message: 'is required for a service referral' });
    if (value.kind === 'case_transfer' && value.version === undefined) {
      ctx.addIssue({ code: 'custom', path: ['version'], message: 'is required to transfer case management (the case version you read)' });
    }
    if (value.personFields) {
      const allowed = referralDataSet(value.kind, value.service);
      const extra = value.personFields.filter((f) => !allowed.includes(f));
      if (extra.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['personFields'],
          message: `may only narrow the minimum data set (${allowed.join(', ') || 'none'}); not allowed: ${extra.join(', ')}`,
        });
      }
    }
  });
export type SendReferralRequest = z.input<typeof sendReferralRequest>;

/** Accepting a transfer changes the case: the version the receiver read may be named (checked if given). */
export const acceptReferralRequest = z.object({ version: z.number().int().positive().optional() });
export const declineReferralRequest = z.object({ reason: freeText(3, 2000, 'give a reason') });
export const withdrawReferralRequest = z.object({});

export const completeReferralRequest = z
  .object({
    deliveredFrom: isoDate,
    /** Absent: delivered on one day. */
    deliveredTo: isoDate.optional(),
    note: z.string().trim().max(5000, 'must be at most 5000 characters').optional(),
  })
  .refine((v) => v.deliveredTo === undefined || v.deliveredTo >= v.deliveredFrom, { path: ['deliveredTo'], message: 'must not be before deliveredFrom' });
export type CompleteReferralRequest = z.input<typeof completeReferralRequest>;

export const referralListQuery = z.object({
  status: z.enum(referralStatuses).optional(),
  kind: z.enum(referralKinds).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const organisationRef = z.object({ id: uuid, name: z.string() });

/** A referral as the field policy lets the viewer see it (server: referral.fields.ts). */
export const referralView = recordKind('referral', z.object({
  id: uuid,
  caseId: uuid,
  caseReference: z.string(),
  kind: z.enum(referralKinds),
  service: referralService.nullable(),
  status: z.enum(referralStatuses),
  urgency: z.enum(referralUrgencies),
  from: organisationRef,
  to: organisationRef,
  /** The names of the person fields the receiver may read (GET /api/cases/:id shows their values). */
  personFields: z.array(z.enum(shareablePersonFields)),
  /** False once the disclosure ended: declined, withdrawn, completed, handed over, or consent withdrawn. */
  shareActive: z.boolean(),
  /** The sender's free text about the person: absent for a receiver once the share has ended. */
  message: personal(z.string().nullable()).optional(),
  sentAt: isoDateTime,
  acceptedAt: isoDateTime.nullable(),
  declinedAt: isoDateTime.nullable(),
  declineReason: personal(z.string().nullable()),
  completedAt: isoDateTime.nullable(),
  deliveredFrom: isoDate.nullable(),
  deliveredTo: isoDate.nullable(),
  completionNote: personal(z.string().nullable()),
  withdrawnAt: isoDateTime.nullable(),
}));
export type ReferralView = z.infer<typeof referralView>;

export const referralList = z.object({ referrals: z.array(referralView) });

/** What a change answers: the referral's new status and the case version (a transfer bumps it). */
export const referralRef = z.object({ id: uuid, caseId: uuid, status: z.enum(referralStatuses), caseVersion: z.number().int() });
export type ReferralRef = z.infer<typeof referralRef>;
