import type { FormOfExploitation, Gender } from '@palermo/contracts';
import { SYNTHETIC } from './synthetic-label.js';
import { aliases, poolOfCitizenship, type NamePool } from './synthetic-names.js';
import { addDays, type SyntheticRandom } from './synthetic-random.js';

/**
 * Who the synthetic people are. Shares are rounded from the published pictures of detected victims (UNODC GLOTIP and
 * IOM CTDC, data-standard.md §2-3): most are women and girls (about 70 %), about one in five is a child, sexual
 * exploitation and forced labour dominate (sexual exploitation most often for women and girls, forced labour for men),
 * and citizenships concentrate on a handful of countries of origin plus the country's own nationals. Good enough to
 * make screens, statistics and benchmarks look like a real caseload; not a statistical model of any country.
 */
export const shares = {
  gender: [
    ['Feminine', 68.5],
    ['Masculine', 30],
    ['TransgenderFeminine', 0.5],
    ['NonConforming', 0.3],
    ['NonSpecifiedUnknown', 0.7],
  ] as ReadonlyArray<readonly [Gender, number]>,
  child: 0.22,
  /** Citizenship of origin; `national` is the reporting country itself. */
  citizenship: [
    ['national', 24], ['NG', 12], ['RO', 10], ['VN', 8], ['UA', 6], ['AL', 5], ['BG', 4], ['CN', 4], ['MD', 4], ['SY', 3],
    ['PH', 3], ['IN', 3], ['ER', 3], ['MA', 3], ['TH', 2], ['GH', 2], ['BR', 2], ['CO', 2],
  ] as ReadonlyArray<readonly [string, number]>,
  /** A second form of exploitation alongside the first (most often sexual exploitation with forced labour). */
  secondForm: 0.06,
} as const;

type Forms = ReadonlyArray<readonly [FormOfExploitation, number]>;
const formsOf: Record<'woman' | 'man' | 'girl' | 'boy', Forms> = {
  woman: [['SexualExploitation', 62], ['ForcedLabour', 22], ['Servitude', 5], ['ForcedMarriage', 4], ['ForcedBegging', 2], ['Surrogacy', 1], ['OrganRemoval', 0.5], ['Other', 3.5]],
  man: [['ForcedLabour', 72], ['SexualExploitation', 8], ['ForcedBegging', 5], ['Servitude', 3], ['OrganRemoval', 1], ['Other', 11]],
  girl: [['SexualExploitation', 60], ['ForcedLabour', 8], ['ChildLabour', 8], ['ForcedMarriage', 10], ['ForcedBegging', 8], ['Other', 6]],
  boy: [['ForcedLabour', 25], ['ChildLabour', 20], ['ForcedBegging', 20], ['SexualExploitation', 12], ['ForcedMilitaryByNonStateActors', 3], ['Other', 20]],
};

/** Ages at intake: children mostly adolescents, adults mostly young. [from, to, weight]. */
const childAges: ReadonlyArray<readonly [readonly [number, number], number]> = [[[9, 13], 20], [[14, 17], 80]];
const adultAges: ReadonlyArray<readonly [readonly [number, number], number]> = [[[18, 24], 35], [[25, 34], 38], [[35, 44], 18], [[45, 62], 9]];

/** Where nationals were exploited when not at home (returnees). */
const abroad = ['DE', 'GB', 'IT', 'ES', 'NL', 'AE', 'TR'] as const;

export interface SyntheticPerson {
  readonly givenName: string | undefined;
  readonly familyName: string | undefined;
  readonly pseudonym: string;
  readonly birthDate: string;
  readonly phone: string | undefined;
  readonly address: string | undefined;
  readonly identityNumber: string | undefined;
  readonly notes: string;
  readonly gender: Gender;
  readonly isChild: boolean;
  readonly ageYears: number;
  readonly citizenships: string[];
  readonly formsOfExploitation: FormOfExploitation[];
  readonly countryOfExploitation: string;
}

const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

function nameOf(rng: SyntheticRandom, pool: NamePool, feminine: boolean): { given: string; family: string } {
  const given = rng.pick(feminine ? pool.feminine : pool.masculine);
  const index = pool.familyWeights ? rng.weighted(pool.family.map((_, i) => [i, pool.familyWeights?.[i] ?? 1] as const)) : rng.int(0, pool.family.length - 1);
  const family = (feminine ? pool.familyFeminine?.[index] : undefined) ?? pool.family[index] ?? rng.pick(pool.family);
  return { given, family };
}

/** One synthetic person as met at intake on `openedAt`, labelled synthetic in the pseudonym and the notes. */
export function drawPerson(rng: SyntheticRandom, openedAt: Date, homeCountry: string): SyntheticPerson {
  const gender = rng.weighted(shares.gender);
  const feminine = gender === 'Feminine' || gender === 'TransgenderFeminine' || (gender !== 'Masculine' && gender !== 'TransgenderMasculine' && rng.chance(0.5));
  const isChild = rng.chance(shares.child);
  const [from, to] = rng.weighted(isChild ? childAges : adultAges);
  const ageYears = rng.int(from, to);
  const birth = addDays(openedAt, -(ageYears * 365.25 + rng.int(0, 360)));
  const origin = rng.weighted(shares.citizenship);
  const primary = origin === 'national' ? homeCountry : origin;
  const citizenships = [primary];
  if (origin !== 'national' && rng.chance(0.02)) citizenships.push(homeCountry);

  const group = isChild ? (feminine ? 'girl' : 'boy') : feminine ? 'woman' : 'man';
  const first = rng.weighted(formsOf[group]);
  const forms: FormOfExploitation[] = [first];
  if (rng.chance(shares.secondForm)) {
    const second: FormOfExploitation = first === 'SexualExploitation' ? 'ForcedLabour' : first === 'ForcedLabour' ? 'SexualExploitation' : 'ForcedLabour';
    forms.push(second);
  }
  const countryOfExploitation = origin === 'national' && rng.chance(0.25) ? rng.pick(abroad) : homeCountry;

  // A few are known only by an alias at first contact (anonymous intake is allowed).
  const anonymous = rng.chance(0.04);
  const { given, family } = nameOf(rng, poolOfCitizenship(primary, homeCountry), feminine);
  return {
    givenName: anonymous ? undefined : given,
    familyName: anonymous ? undefined : family,
    pseudonym: anonymous ? `${SYNTHETIC} ${rng.pick(aliases)}` : SYNTHETIC,
    birthDate: isoDate(birth),
    phone: rng.chance(0.6) ? `+1555010${String(rng.int(0, 9999)).padStart(4, '0')}` : undefined,
    address: rng.chance(0.3) ? `${SYNTHETIC} ${rng.int(1, 120)} Example Street, Demoland` : undefined,
    identityNumber: !anonymous && rng.chance(0.4) ? `SYN-${rng.code('0123456789', 8)}` : undefined,
    notes: `${SYNTHETIC} demo record`,
    gender,
    isChild,
    ageYears,
    citizenships,
    formsOfExploitation: forms,
    countryOfExploitation,
  };
}
