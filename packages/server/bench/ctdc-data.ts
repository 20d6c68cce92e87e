/**
 * A realistic CTDC file for the import benchmark: the Global Synthetic Dataset v2 layout (27 columns,
 * data-standard.md §2.3), with distributions shaped like the published CTDC data: mostly women, sexual exploitation
 * and forced labour dominant, a few origin and destination countries holding most records, many values missing
 * (NULL), multi-label flags per group, registrations rising over 2002–2022. A small share of rows carries the values
 * the import must report (codes in the 2017 spelling, lower case, stray spaces, unknown codes), as real files do.
 * Deterministic: the same seed writes the same file.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { ctdc2024Columns } from '@palermo/contracts';

export const CTDC_COLUMNS = ctdc2024Columns.codes.map((c) => c.code as string);

type Weighted<T> = ReadonlyArray<readonly [T, number]>;

function picker<T>(items: Weighted<T>): (u: number) => T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const [, w] of items) cumulative.push((acc += w / total));
  return (u) => {
    for (let i = 0; i < cumulative.length; i += 1) if (u < (cumulative[i] as number)) return (items[i] as readonly [T, number])[0];
    return (items[items.length - 1] as readonly [T, number])[0];
  };
}

const gender = picker<string>([['Woman', 68], ['Man', 29], ['Trans/Transgender/NonConforming', 0.6], ['', 2.4]]);
const age = picker<string>([['', 38], ['0--8', 2], ['09--17', 14], ['18--20', 8], ['21--23', 8], ['24--26', 7], ['27--29', 6], ['30--38', 10], ['39--47', 5], ['48+', 2]]);
const citizenship = picker<string>([
  ['PHL', 14], ['UKR', 11], ['MDA', 8], ['IDN', 7], ['KHM', 5], ['MMR', 5], ['NGA', 5], ['USA', 6], ['MEX', 4], ['HTI', 2],
  ['BLR', 2], ['ROU', 2], ['LAO', 2], ['VNM', 2], ['THA', 2], ['GHA', 1.5], ['AFG', 1], ['ETH', 1], ['KGZ', 1], ['UZB', 1],
  ['BGD', 1], ['NPL', 1], ['SRB', 0.5], ['BGR', 0.5], ['ALB', 0.5], ['', 14],
]);
const destination = picker<string>([
  ['USA', 28], ['RUS', 9], ['PHL', 7], ['UKR', 6], ['IDN', 5], ['MYS', 4], ['THA', 4], ['ARE', 3], ['TUR', 3], ['POL', 2],
  ['KAZ', 2], ['SAU', 2], ['MDA', 2], ['KHM', 2], ['GHA', 1], ['NGA', 1], ['ITA', 1], ['DEU', 1], ['GBR', 1], ['', 16],
]);
const months = picker<string>([['', 82], ['0--12 (0-1 yr)', 11], ['13--24 (1-2 yrs)', 4], ['25+ (2+ yrs)', 3]]);
const purpose = picker<'sex' | 'labour' | 'both' | 'other' | 'none'>([['sex', 47], ['labour', 38], ['both', 3], ['other', 5], ['none', 7]]);
/** Years of registration, rising: weight grows with the year. */
const year = picker<number>(Array.from({ length: 21 }, (_, i) => [2002 + i, 1 + i * i * 0.1] as const));

const MEANS = ['meansDebtBondageEarnings', 'meansThreats', 'meansAbusePsyPhySex', 'meansFalsePromises', 'meansDrugsAlcohol', 'meansDenyBasicNeeds', 'meansExcessiveWorkHours', 'meansWithholdDocs'];
const MEANS_P = [0.12, 0.22, 0.2, 0.1, 0.05, 0.15, 0.06, 0.08];
const LABOUR = ['typeOfLabourAgriculture', 'typeOfLabourConstruction', 'typeOfLabourDomesticWork', 'typeOfLabourHospitality'];
const LABOUR_P = [0.18, 0.15, 0.3, 0.08];
const SEX = ['typeOfSexProstitution', 'typeOfSexPornography'];
const SEX_P = [0.75, 0.08];
const RECRUITER = ['recruiterRelationIntimatePartner', 'recruiterRelationFriend', 'recruiterRelationFamily', 'recruiterRelationOther'];
const RECRUITER_P = [0.06, 0.08, 0.09, 0.12];

/** Values that real files hold and the import must report, with how often they appear per cell of their column. */
const ODD_RATE = 0.002;
const oddGender = ['Female', 'Male', ' Woman', 'woman', 'Unknown'];
const oddCountry = ['ZZ', 'ph', 'XXX', 'UK', ' USA'];

/** Writes `rows` records (plus the header) to `path`; returns the file's size in bytes. */
export async function writeCtdcFile(path: string, rows: number, seed = 20240201): Promise<number> {
  const rng = xoroshiro128plus(seed);
  const u = () => uniformFloat64(rng);
  const out = createWriteStream(path, { encoding: 'utf8' });
  let bytes = 0;
  const write = async (line: string) => {
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(`${CTDC_COLUMNS.join(',')}\n`);
  const index = new Map(CTDC_COLUMNS.map((c, i) => [c, i]));
  const cells: string[] = new Array<string>(CTDC_COLUMNS.length).fill('');
  const set = (column: string, value: string) => {
    cells[index.get(column) as number] = value;
  };
  let chunk = '';
  for (let r = 0; r < rows; r += 1) {
    cells.fill('');
    set('yearOfRegistration', String(year(u())));
    set('gender', u() < ODD_RATE ? (oddGender[Math.floor(u() * oddGender.length)] as string) : gender(u()));
    set('ageBroad', age(u()));
    set('citizenship', u() < ODD_RATE ? (oddCountry[Math.floor(u() * oddCountry.length)] as string) : citizenship(u()));
    set('CountryOfExploitation', destination(u()));
    set('traffickMonths', months(u()));
    if (u() < 0.55) MEANS.forEach((m, i) => u() < (MEANS_P[i] as number) * 1.8 && set(m, '1'));
    const p = purpose(u());
    if (p === 'sex' || p === 'both') {
      set('isSexualExploit', '1');
      SEX.forEach((s, i) => u() < (SEX_P[i] as number) && set(s, '1'));
    }
    if (p === 'labour' || p === 'both') {
      set('isForcedLabour', '1');
      LABOUR.forEach((s, i) => u() < (LABOUR_P[i] as number) && set(s, '1'));
    }
    if (p === 'other') set('isOtherExploit', '1');
    if (u() < 0.3) RECRUITER.forEach((s, i) => u() < (RECRUITER_P[i] as number) * 3 && set(s, '1'));
    chunk += `${cells.join(',')}\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  if (chunk) await write(chunk);
  out.end();
  await once(out, 'finish');
  return bytes;
}
