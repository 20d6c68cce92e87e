import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { ensureCube, type CubeBuild } from './statistics.cube.js';

/**
 * A synthetic statistical dataset (kind `synthetic`, named SYNTHETIC) for demonstrations and the benchmark: as many
 * de-identified records as asked, generated inside the database with generate_series (a million in seconds), with
 * skewed, plausible distributions: more recent years, a few citizenships dominating, mostly domestic exploitation,
 * decision times of days to weeks. No record stands for anyone. Deterministic for a given seed. The record keys of the
 * cell-key method are drawn with the records (uniform over 0..255): there is no person whose key must stay the same.
 */

export const SYNTHETIC_CREATED_BY = 'palermo demo statistics';

export interface SyntheticOptions {
  readonly records: number;
  /** Seed for PostgreSQL's random() (-1..1). */
  readonly seed?: number;
  /** Where most persons were exploited (ISO alpha-3). */
  readonly homeCountry?: string;
  /** Replace the synthetic datasets this generator made before (default true). */
  readonly replace?: boolean;
}

export interface SyntheticResult {
  datasetId: string;
  records: number;
  cube: CubeBuild;
}

const citizenships = ['NGA', 'ALB', 'VNM', 'ROU', 'GBR', 'ERI', 'SDN', 'CHN', 'IND', 'PHL', 'UKR', 'MDA', 'BGR', 'POL', 'SYR', 'AFG', 'PAK', 'BRA', 'THA', 'ETH', 'GHA', 'CMR', 'MAR', 'EGY', 'IRQ', 'IRN', 'BGD', 'LKA', 'NPL', 'KEN', 'UGA', 'SOM', 'COL', 'VEN', 'HND', 'GTM', 'SLV', 'MEX', 'HUN', 'SVK'];
const destinations = ['ITA', 'DEU', 'FRA', 'ESP', 'NLD', 'GRC', 'TUR', 'ARE', 'SAU', 'QAT', 'RUS', 'MYS'];

function textArray(values: readonly string[]) {
  return sql`ARRAY[${sql.join(values.map((v) => sql.lit(v)))}]::text[]`;
}

export async function generateSyntheticStatistics(db: Db, options: SyntheticOptions): Promise<SyntheticResult> {
  const records = options.records;
  if (!Number.isInteger(records) || records < 1 || records > 20_000_000) throw new Error('records must be an integer from 1 to 20,000,000');
  const home = options.homeCountry ?? 'GBR';
  if (!/^[A-Z]{3}$/u.test(home)) throw new Error('homeCountry must be an ISO 3166-1 alpha-3 code');
  const datasetId = randomUUID();
  const run = async (tx: Db) => {
    if (options.replace ?? true) await tx.deleteFrom('statistical_datasets').where('kind', '=', 'synthetic').where('created_by', '=', SYNTHETIC_CREATED_BY).execute();
    await tx
      .insertInto('statistical_datasets')
      .values({ id: datasetId, kind: 'synthetic', name: `SYNTHETIC demonstration data (${records.toLocaleString('en')} generated records, no real person)`, created_by: SYNTHETIC_CREATED_BY, rows_read: records, rows_imported: records })
      .execute();
    await sql`SELECT setseed(${options.seed ?? 0.42})`.execute(tx);
    const cit = citizenships.filter((c) => c !== home);
    await sql`
      INSERT INTO statistical_records (dataset_id, year_of_registration, datasource, gender, age_broad, majority_status, citizenship,
        country_of_exploitation, exploitation, stage, trafficking_status, referring_organisation_type, referred_on,
        reasonable_grounds_on, reasonable_grounds_outcome, conclusive_grounds_on, conclusive_grounds_outcome,
        reflection_started_on, reflection_ended_on, referrals_sent, referrals_accepted, referrals_completed, follow_up_outcome, record_key)
      SELECT ${datasetId}::uuid, year, 'Case management', gender, age, CASE WHEN age IN ('0--8', '09--17') THEN 'Minor' WHEN age IS NULL THEN NULL ELSE 'Adult' END,
        citizenship, coe, exploitation, stage,
        CASE WHEN stage = 'conclusive_positive' THEN 'ActualVictimOfTrafficking' WHEN stage LIKE '%negative' THEN 'NotAVictimOfTrafficking' ELSE 'PossibleVictimOfTrafficking' END,
        org, referred_on, rg_on,
        CASE WHEN rg_on IS NULL THEN NULL WHEN stage = 'reasonable_grounds_negative' THEN 'negative' ELSE 'positive' END,
        cg_on, CASE WHEN cg_on IS NULL THEN NULL WHEN stage = 'conclusive_positive' THEN 'positive' ELSE 'negative' END,
        CASE WHEN rg_on IS NOT NULL AND stage <> 'reasonable_grounds_negative' THEN rg_on END,
        CASE WHEN cg_on IS NOT NULL THEN rg_on + 30 + floor(r9 * 60)::int END,
        sent, LEAST(sent, floor(sent * (0.5 + r10 / 2))::int), LEAST(floor(sent * (0.5 + r10 / 2))::int, floor(sent * r10)::int),
        CASE WHEN r11 < 0.45 THEN NULL WHEN r11 < 0.82 THEN 'completed' WHEN r11 < 0.94 THEN 'person_unreachable' ELSE 'person_declined' END,
        floor(r16 * 256)::smallint
      FROM (
        SELECT *,
          make_date(year, 1, 1) + floor(r6 * 365)::int AS referred_on,
          CASE WHEN stage IN ('reasonable_grounds_positive', 'reasonable_grounds_negative', 'conclusive_positive', 'conclusive_negative')
            THEN make_date(year, 1, 1) + floor(r6 * 365)::int + floor(exp(r7 * 3.4))::int END AS rg_on,
          CASE WHEN stage IN ('conclusive_positive', 'conclusive_negative')
            THEN make_date(year, 1, 1) + floor(r6 * 365)::int + floor(exp(r7 * 3.4))::int + 45 + floor(r8 * 200)::int END AS cg_on,
          floor(r10 * r10 * 5)::int AS sent
        FROM (
          SELECT *,
            (2010 + floor(16 * sqrt(r1)))::int AS year,
            CASE WHEN r2 < 0.03 THEN NULL WHEN r2 < 0.56 THEN 'Woman' WHEN r2 < 0.98 THEN 'Man' ELSE 'Trans/Transgender/NonConforming' END AS gender,
            CASE WHEN r3 < 0.06 THEN NULL WHEN r3 < 0.09 THEN '0--8' WHEN r3 < 0.24 THEN '09--17' WHEN r3 < 0.36 THEN '18--20'
              WHEN r3 < 0.48 THEN '21--23' WHEN r3 < 0.59 THEN '24--26' WHEN r3 < 0.68 THEN '27--29' WHEN r3 < 0.86 THEN '30--38'
              WHEN r3 < 0.95 THEN '39--47' ELSE '48+' END AS age,
            CASE WHEN r4 < 0.05 THEN NULL WHEN r4 < 0.15 THEN ${home}
              ELSE (${textArray(cit)})[1 + floor(power(r5, 2.5) * ${cit.length})::int] END AS citizenship,
            CASE WHEN r12 < 0.03 THEN NULL WHEN r12 < 0.75 THEN ${home}
              ELSE (${textArray(destinations)})[1 + floor(power(r5, 1.5) * ${destinations.length})::int] END AS coe,
            CASE WHEN r13 < 0.45 THEN ARRAY['isSexualExploit'] WHEN r13 < 0.85 THEN ARRAY['isForcedLabour'] WHEN r13 < 0.95 THEN ARRAY['isOtherExploit']
              WHEN r13 < 0.98 THEN ARRAY['isForcedLabour', 'isSexualExploit'] ELSE ARRAY[]::text[] END AS exploitation,
            CASE WHEN r14 < 0.10 THEN 'reported' WHEN r14 < 0.25 THEN 'screened' WHEN r14 < 0.35 THEN 'reasonable_grounds_pending'
              WHEN r14 < 0.60 THEN 'reasonable_grounds_positive' WHEN r14 < 0.68 THEN 'reasonable_grounds_negative'
              WHEN r14 < 0.93 THEN 'conclusive_positive' ELSE 'conclusive_negative' END AS stage,
            CASE WHEN r15 < 0.40 THEN 'NGO' WHEN r15 < 0.70 THEN 'LawEnforcement' WHEN r15 < 0.80 THEN 'LocalGovernmentOrganisation'
              WHEN r15 < 0.88 THEN 'ImmigrationService' WHEN r15 < 0.93 THEN 'HealthServiceOrganisation' ELSE 'CentralGovernmentOrganisation' END AS org
          FROM (
            SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
              random() AS r7, random() AS r8, random() AS r9, random() AS r10, random() AS r11, random() AS r12,
              random() AS r13, random() AS r14, random() AS r15, random() AS r16
            FROM generate_series(1, ${records}::int) AS g
          ) draws
        ) person
      ) dated`.execute(tx);
    await tx.updateTable('statistical_datasets').set({ refreshed_at: new Date() }).where('id', '=', datasetId).execute();
    return ensureCube(tx, datasetId);
  };
  const cube = db.isTransaction ? await run(db) : await db.transaction().execute(run);
  return { datasetId, records, cube };
}
