import { z } from 'zod';
import { organisationTypes } from '../vocabularies/organisation-types.js';
import { isoDateTime, nameText, uuid } from './common.js';

export const organisationType = z.enum(organisationTypes);

export const createOrganisationRequest = z.object({
  name: nameText({ min: 2, max: 200 }),
  type: organisationType,
  /** Region or district codes the organisation works in; used by jurisdiction access conditions. */
  jurisdictions: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
});
export type CreateOrganisationRequest = z.input<typeof createOrganisationRequest>;

export const updateOrganisationRequest = z.object({
  name: nameText({ min: 2, max: 200 }).optional(),
  active: z.boolean().optional(),
  jurisdictions: z.array(z.string().trim().min(1).max(40)).max(50).optional(),
});
export type UpdateOrganisationRequest = z.infer<typeof updateOrganisationRequest>;

export const organisationView = z.object({
  id: uuid,
  name: z.string(),
  type: organisationType,
  htcdsOrgType: z.string(),
  jurisdictions: z.array(z.string()),
  active: z.boolean(),
  createdAt: isoDateTime,
});
export type OrganisationView = z.infer<typeof organisationView>;

export const organisationList = z.object({ organisations: z.array(organisationView) });
