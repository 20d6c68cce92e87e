import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { referralDb } from './referral.tables.js';

/**
 * Referrals with what every view needs: the case reference, both organisations' names, whether the share is still in
 * force, and whether the receiver may still read the sender's free text. Aliases: `r` referral, `c` its case, `p` the
 * case's person (only for access conditions: no person field is selected here).
 */
export function selectReferrals(db: Db) {
  return referralDb(db)
    .selectFrom('referrals as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .innerJoin('organisations as fo', 'fo.id', 'r.from_organisation_id')
    .innerJoin('organisations as tor', 'tor.id', 'r.to_organisation_id')
    .selectAll('r')
    .select([
      'c.reference as case_reference',
      'c.person_id',
      'c.managing_organisation_id',
      'c.version as case_version',
      'c.status as case_status',
      'fo.name as from_name',
      'tor.name as to_name',
      sql<string | null>`r.delivered_from::text`.as('delivered_from_text'),
      sql<string | null>`r.delivered_to::text`.as('delivered_to_text'),
      sql<boolean>`exists (select 1 from case_shares s where s.id = r.share_id and s.revoked_at is null)`.as('share_active'),
    ]);
}

export type ReferralRecord = Awaited<ReturnType<ReturnType<typeof selectReferrals>['executeTakeFirstOrThrow']>>;

export function findReferral(db: Db, id: string, filter: Expression<SqlBool>): Promise<ReferralRecord | undefined> {
  return selectReferrals(db).where('r.id', '=', id).where(filter).executeTakeFirst();
}

export async function referralExists(db: Db, id: string): Promise<boolean> {
  return (await referralDb(db).selectFrom('referrals').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Ends a disclosure: the receiver no longer reads the case through this referral. */
export async function revokeShare(db: Db, shareId: string, at: Date): Promise<boolean> {
  const result = await db.updateTable('case_shares').set({ revoked_at: at }).where('id', '=', shareId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** An open referral of this case to this organisation for this service, or an open offer of case management. */
export function openDuplicate(db: Db, caseId: string, kind: string, toOrganisationId: string, service: string | null) {
  let query = referralDb(db).selectFrom('referrals').select(['id', 'to_organisation_id']).where('case_id', '=', caseId).where('kind', '=', kind);
  if (kind === 'case_transfer') return query.where('status', '=', 'sent').executeTakeFirst();
  query = query.where('to_organisation_id', '=', toOrganisationId).where('status', 'in', ['sent', 'accepted']);
  return (service === null ? query.where('service', 'is', null) : query.where('service', '=', service)).executeTakeFirst();
}
