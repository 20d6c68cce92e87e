import { roles } from '@palermo/contracts';
import type { Rule } from '../../platform/access/rules.js';

/**
 * The referral directory is how a caseworker finds where to refer: every signed-in user reads it. National
 * coordinators and national administrators edit (and verify) every entry; an organisation's administrator those of
 * their own organisation. The record these rules look at is the organisation the entry belongs to.
 */
export const directoryRules = {
  read: [[{ role: roles }]],
  manage: [[{ role: ['national_coordinator', 'national_admin'] }], [{ role: ['organisation_admin'] }, { is: 'sameOrganisation' }]],
} as const satisfies Record<string, Rule>;
