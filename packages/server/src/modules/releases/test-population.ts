import type { Insertable } from 'kysely';
import { releaseAttributeNames } from '@palermo/contracts';
import type { Db } from '../../platform/db/database.js';
import type { StatisticalRecordsTable } from '../../platform/db/schema.js';
import { ReleaseRandom } from './noise.js';

/**
 * A made-up population of de-identified records with CTDC-like shares and dependencies (women more often sexually
 * exploited, men more often in forced labour, minors by age band), for tests and benchmarks of releases. Seeded, so
 * a seed always gives the same people. Nobody in it is real.
 */
export type PopulationRecord = Insertable<StatisticalRecordsTable>;

const CITIZENSHIPS = ['UKR', 'NGA', 'VNM', 'ROU', 'ALB', 'PHL', 'IND', 'BGD', 'CHN', 'MDA', 'BRA', 'COL', 'MEX', 'HND', 'GTM', 'ERI', 'ETH', 'SDN', 'SOM', 'KEN', 'GHA', 'SEN', 'MLI', 'NPL', 'PAK', 'AFG', 'IRQ', 'SYR', 'THA', 'KHM', 'MMR', 'IDN', 'UZB', 'KGZ', 'BLR', 'RUS', 'BGR', 'POL', 'HUN', 'SVK'];
const EXPLOITATION = ['GBR', 'ITA', 'ESP', 'DEU', 'FRA', 'NLD', 'BEL', 'USA', 'THA', 'MYS', 'SAU', 'ARE', 'QAT', 'TUR', 'RUS', 'POL', 'UKR', 'NGA', 'LBY', 'MEX'];
const AGES = [['0--8', 2], ['09--17', 14], ['18--20', 14], ['21--23', 13], ['24--26', 12], ['27--29', 11], ['30--38', 20], ['39--47', 9], ['48+', 5]] as const;
const MONTHS = ['0--12 (0-1 yr)', '13--24 (1-2 yrs)', '25+ (2+ yrs)'];
const MEANS = [
  'meansOfControlDebtBondage',
  'meansOfControlThreats',
  'meansOfControlPhysicalAbuse',
  'meansOfControlFalsePromises',
  'meansOfControlPsychoactiveSubstances',
  'meansOfControlRestrictsMovement',
  'meansOfControlExcessiveWorkingHours',
  'meansOfControlWithholdsDocuments',
];

function zipf(random: ReleaseRandom, items: readonly string[]): string {
  const roll = random.float() * items.length * 0.999;
  return items[Math.floor((roll * roll) / items.length)] as string;
}

function weighted(random: ReleaseRandom, entries: ReadonlyArray<readonly [string, number]>): string {
  let total = 0;
  for (const [, weight] of entries) total += weight;
  let roll = random.float() * total;
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (entries.at(-1) as readonly [string, number])[0];
}

export function populationRecords(datasetId: string, count: number, seed: number): PopulationRecord[] {
  const random = ReleaseRandom.seeded(seed);
  const chance = (p: number) => random.float() < p;
  return Array.from({ length: count }, (): PopulationRecord => {
    const genderRoll = random.float();
    const gender = genderRoll < 0.05 ? null : genderRoll < 0.62 ? 'Woman' : genderRoll < 0.98 ? 'Man' : 'Trans/Transgender/NonConforming';
    const woman = gender === 'Woman';
    const age = chance(0.2) ? null : weighted(random, AGES);
    const sexual = chance(woman ? 0.75 : 0.12);
    const labour = chance(woman ? 0.25 : 0.75);
    const means = MEANS.filter((_, index) => chance(0.08 + index * 0.03));
    const citizenship = chance(0.1) ? null : zipf(random, CITIZENSHIPS);
    return {
      dataset_id: datasetId,
      year_of_registration: 2010 + Math.floor(random.float() * 15),
      gender,
      age_broad: age,
      majority_status: age === null ? (chance(0.5) ? null : 'Adult') : age === '0--8' || age === '09--17' ? 'Minor' : 'Adult',
      citizenship,
      country_of_exploitation: chance(0.15) ? null : chance(0.2) ? citizenship : zipf(random, EXPLOITATION),
      traffick_months: chance(0.6) ? null : (MONTHS[Math.floor(random.float() * 3)] as string),
      datasource: chance(0.5) ? 'Case Management' : 'Hotline',
      means_of_control: means,
      exploitation: [...(labour ? ['isForcedLabour'] : []), ...(sexual ? ['isSexualExploit'] : []), ...(chance(0.04) ? ['isOtherExploit'] : [])],
      labour_sectors: labour ? [...(chance(0.3) ? ['typeOfLabourAgriculture'] : []), ...(chance(0.25) ? ['typeOfLabourConstruction'] : [])] : [],
      sex_types: [],
      recruiter_relations: [],
    };
  });
}

/** Inserts a dataset of the given kind and its records; returns the dataset id. */
export async function insertPopulation(db: Db, options: { count: number; seed: number; kind?: 'ctdc_import' | 'synthetic'; name?: string }): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto('statistical_datasets')
    .values({ id, kind: options.kind ?? 'synthetic', name: options.name ?? `Test population ${id.slice(0, 8)}`, created_by: 'test population' })
    .execute();
  const records = populationRecords(id, options.count, options.seed);
  for (let start = 0; start < records.length; start += 1000) {
    await db.insertInto('statistical_records').values(records.slice(start, start + 1000)).execute();
  }
  return id;
}

/** The 20 attributes of the benchmark: the CTDC scalars, the means, the purposes and two labour sectors (the first 20 a release can hold). */
export const benchmarkAttributes = releaseAttributeNames.slice(0, 20);
