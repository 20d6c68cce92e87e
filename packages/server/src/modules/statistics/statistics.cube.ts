import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { assignMissingRecordKeys } from './statistics.record-keys.js';

/**
 * The statistics cube (migration 0015): persons and NRM measures summed by every combination of the page's
 * dimensions, one set of rows per dataset. A million records fold into tens of thousands of rows, which the page's
 * queries aggregate in milliseconds. The cube follows the records: triggers on statistical_records delete the
 * dataset's `statistics_cube_builds` row whenever its records change, and the next read rebuilds the cube (under a
 * lock on the dataset row, so that a rebuild waits for a refresh in progress and two readers do not build twice).
 * Each cube row also carries the sum of its records' keys modulo 256 (cell-key method, migration 0019); records without
 * a key get one first (statistics.record-keys.ts), which needs the platform's record keys.
 */

/** The same per-record projection feeds the cube and the baseline query, so both count the same way. */
export function recordProjection(datasetId: string, deadlineDays: number) {
  return sql`
    SELECT
      coalesce(r.year_of_registration, 0)::smallint AS year,
      coalesce(r.gender, '') AS gender,
      coalesce(r.age_broad, '') AS age_broad,
      coalesce(array_to_string(ARRAY(SELECT f FROM unnest(r.exploitation) AS f ORDER BY f), ','), '') AS exploitation,
      coalesce(r.citizenship, '') AS citizenship,
      coalesce(r.country_of_exploitation, '') AS country_of_exploitation,
      coalesce(r.referring_organisation_type, '') AS referring_organisation_type,
      coalesce(r.stage, '') AS stage,
      coalesce(r.trafficking_status, '') AS trafficking_status,
      1 AS persons,
      (r.reasonable_grounds_on IS NOT NULL AND r.referred_on IS NOT NULL)::int AS rg_decided,
      CASE WHEN r.reasonable_grounds_on IS NOT NULL AND r.referred_on IS NOT NULL THEN r.reasonable_grounds_on - r.referred_on ELSE 0 END AS rg_days,
      (r.reasonable_grounds_on IS NOT NULL AND r.referred_on IS NOT NULL
        AND r.reasonable_grounds_on > coalesce(r.reasonable_grounds_due_on, r.referred_on + ${deadlineDays}::int))::int AS rg_late,
      (r.reflection_started_on IS NOT NULL AND r.reflection_ended_on IS NOT NULL)::int AS reflection_person,
      coalesce(r.reflection_ended_on - r.reflection_started_on, 0) AS reflection_days,
      (r.referrals_sent > 0)::int AS person_referred,
      r.referrals_sent, r.referrals_accepted, r.referrals_completed,
      coalesce(r.follow_up_outcome = 'completed', false)::int AS follow_up_completed,
      coalesce(r.follow_up_outcome = 'person_unreachable', false)::int AS follow_up_unreachable,
      coalesce(r.follow_up_outcome = 'person_declined', false)::int AS follow_up_declined,
      coalesce(r.record_key, 0) AS record_key
    FROM statistical_records r
    WHERE r.dataset_id = ${datasetId}`;
}

export async function reasonableGroundsDeadline(db: Db): Promise<number> {
  const row = await db.selectFrom('country_settings').select('reasonable_grounds_deadline_days').where('id', '=', 1).executeTakeFirst();
  return row?.reasonable_grounds_deadline_days ?? 5;
}

export interface CubeBuild {
  readonly builtAt: Date;
  readonly sourceRows: number;
  readonly cubeRows: number;
}

/**
 * The dataset's cube, rebuilt first when its records or the deadline changed since it was built. `keys` assign the
 * record keys that records lack (see statistics.record-keys.ts); without them such a dataset cannot be built.
 */
export async function ensureCube(db: Db, datasetId: string, deadlineDays?: number, keys?: RecordKeys): Promise<CubeBuild> {
  const deadline = deadlineDays ?? (await reasonableGroundsDeadline(db));
  const fresh = await currentBuild(db, datasetId, deadline);
  if (fresh) return fresh;
  return db.isTransaction ? rebuild(db, datasetId, deadline, keys) : db.transaction().execute((tx) => rebuild(tx, datasetId, deadline, keys));
}

async function currentBuild(db: Db, datasetId: string, deadline: number): Promise<CubeBuild | undefined> {
  const row = await db
    .selectFrom('statistics_cube_builds')
    .select(['built_at', 'source_rows', 'cube_rows'])
    .where('dataset_id', '=', datasetId)
    .where('reasonable_grounds_deadline_days', '=', deadline)
    .executeTakeFirst();
  return row ? { builtAt: row.built_at, sourceRows: row.source_rows, cubeRows: row.cube_rows } : undefined;
}

async function rebuild(tx: Db, datasetId: string, deadline: number, keys: RecordKeys | undefined): Promise<CubeBuild> {
  // Waits for a refresh of this dataset in progress (which holds the row), and for another reader's rebuild.
  await sql`SELECT id FROM statistical_datasets WHERE id = ${datasetId} FOR UPDATE`.execute(tx);
  const again = await currentBuild(tx, datasetId, deadline);
  if (again) return again;
  await assignMissingRecordKeys(tx, datasetId, keys);
  await tx.deleteFrom('statistics_cube').where('dataset_id', '=', datasetId).execute();
  await tx.deleteFrom('statistics_cube_builds').where('dataset_id', '=', datasetId).execute();
  const inserted = await sql`
    INSERT INTO statistics_cube (dataset_id, year, gender, age_broad, exploitation, citizenship, country_of_exploitation,
      referring_organisation_type, stage, trafficking_status, persons, rg_decided, rg_days_sum, rg_late, reflection_persons,
      reflection_days_sum, persons_referred, referrals_sent, referrals_accepted, referrals_completed, follow_up_completed,
      follow_up_unreachable, follow_up_declined, key_sum)
    SELECT ${datasetId}::uuid, year, gender, age_broad, exploitation, citizenship, country_of_exploitation,
      referring_organisation_type, stage, trafficking_status, count(*), sum(rg_decided), sum(rg_days), sum(rg_late),
      sum(reflection_person), sum(reflection_days), sum(person_referred), sum(referrals_sent), sum(referrals_accepted),
      sum(referrals_completed), sum(follow_up_completed), sum(follow_up_unreachable), sum(follow_up_declined),
      (sum(record_key) % 256)::int
    FROM (${recordProjection(datasetId, deadline)}) p
    GROUP BY year, gender, age_broad, exploitation, citizenship, country_of_exploitation, referring_organisation_type,
      stage, trafficking_status`.execute(tx);
  const cubeRows = Number(inserted.numAffectedRows ?? 0n);
  const source = await tx.selectFrom('statistics_cube').select(sql<string>`coalesce(sum(persons), 0)`.as('n')).where('dataset_id', '=', datasetId).executeTakeFirstOrThrow();
  const row = await tx
    .insertInto('statistics_cube_builds')
    .values({ dataset_id: datasetId, reasonable_grounds_deadline_days: deadline, source_rows: Number(source.n), cube_rows: cubeRows })
    .returning(['built_at', 'source_rows', 'cube_rows'])
    .executeTakeFirstOrThrow();
  return { builtAt: row.built_at, sourceRows: row.source_rows, cubeRows: row.cube_rows };
}
