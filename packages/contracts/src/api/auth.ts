import { z } from 'zod';
import { organisationType } from './organisations.js';
import { role } from './users.js';
import { displayName, email, nameText, password, uuid } from './common.js';
import { capabilities } from './capabilities.js';

export const signInRequest = z.object({
  email,
  password: z.string().min(1, 'is required').max(256),
});
export type SignInRequest = z.input<typeof signInRequest>;

export const totpCodeRequest = z.object({
  code: z.string().trim().regex(/^\d{6}$/, 'must be six digits'),
});
export type TotpCodeRequest = z.infer<typeof totpCodeRequest>;

/**
 * Where a signed-in session stands. Only `active` sessions reach anything but the two-factor routes.
 */
export const sessionStage = z.enum(['two_factor_required', 'two_factor_enrolment_required', 'active']);
export type SessionStage = z.infer<typeof sessionStage>;

export const sessionView = z.object({
  stage: sessionStage,
  /** Sent back in the `x-csrf-token` header on every state-changing request. */
  csrfToken: z.string(),
  user: z.object({
    id: uuid,
    displayName: z.string(),
    email: z.string(),
    roles: z.array(role),
    organisation: z.object({ id: uuid, name: z.string(), type: organisationType }),
  }),
  /** What the user may do, from the rules the server enforces (empty of rights until the session is active). */
  capabilities,
  idleTimeoutSeconds: z.number().int(),
  expiresAt: z.string(),
});
export type SessionView = z.infer<typeof sessionView>;

export const totpEnrolmentResponse = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrCodeSvg: z.string(),
});
export type TotpEnrolmentResponse = z.infer<typeof totpEnrolmentResponse>;

export const setupStatusResponse = z.object({ setupRequired: z.boolean() });

export const firstRunRequest = z.object({
  organisation: z.object({
    name: nameText({ min: 2, max: 200 }),
  }),
  admin: z.object({ displayName, email, password }),
});
export type FirstRunRequest = z.input<typeof firstRunRequest>;

export const okResponse = z.object({ ok: z.literal(true) });
