import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generalise, kAnonymise, SUPPRESSED, topLevel } from './k-anonymity.js';
import { kAnonymousRelease, releaseCsv } from './release-engine.js';
import { recordToRow, selectAttributes, type AttributeRow } from './release-attributes.js';

const names = ['ageBroad', 'yearOfRegistration', 'citizenship', 'gender', 'isForcedLabour'];
const rowArbitrary = fc.tuple(
  fc.constantFrom('0--8', '09--17', '18--20', '30--38', '48+', null),
  fc.constantFrom('2015', '2016', '2019', '2020', '2022', null),
  fc.constantFrom('UKR', 'NGA', 'VNM', 'ROU', 'BRA', 'XKX', null),
  fc.constantFrom('Woman', 'Man', null),
  fc.constantFrom('1', null),
);

const classSizes = (rows: readonly AttributeRow[], columns: readonly number[]) => {
  const sizes = new Map<string, number>();
  for (const row of rows) {
    const key = JSON.stringify(columns.map((column) => row[column]));
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  return sizes;
};

describe('k-anonymity', () => {
  it('leaves every equivalence class with at least k records, whatever the data, k and quasi-identifiers', () => {
    fc.assert(
      fc.property(
        fc.array(rowArbitrary, { maxLength: 300 }),
        fc.integer({ min: 2, max: 12 }),
        fc.subarray([0, 1, 2, 3, 4], { minLength: 1 }),
        fc.constantFrom(0, 0.05, 0.2),
        (rows, k, quasiIdentifiers, maxSuppressedShare) => {
          const result = kAnonymise(rows, { k, quasiIdentifiers, attributeNames: names, maxSuppressedShare });
          for (const size of classSizes(result.rows, quasiIdentifiers).values()) expect(size).toBeGreaterThanOrEqual(k);
          expect(result.recordsSuppressed).toBe(rows.length - result.rows.length);
          // Attributes that are not quasi-identifiers are never changed, and the suppression allowance is respected
          // unless every quasi-identifier is fully generalised.
          const others = [0, 1, 2, 3, 4].filter((column) => !quasiIdentifiers.includes(column));
          const keptOthers = result.rows.map((row) => others.map((column) => row[column]));
          const allOthers = rows.map((row) => others.map((column) => row[column]));
          for (const kept of keptOthers) expect(allOthers).toContainEqual(kept);
          const fullyGeneralised = Object.entries(result.levels).every(([name, level]) => level === topLevel(name));
          if (!fullyGeneralised) expect(result.recordsSuppressed).toBeLessThanOrEqual(Math.floor(maxSuppressedShare * rows.length));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('generalises along the hierarchies: age band to minor/adult, year to a period, country to subregion then region', () => {
    expect(generalise('ageBroad', '09--17', 1)).toBe('Minor');
    expect(generalise('ageBroad', '18--20', 1)).toBe('Adult');
    expect(generalise('ageBroad', '18--20', 2)).toBe(SUPPRESSED);
    expect(generalise('yearOfRegistration', '2017', 1)).toBe('2015--2019');
    expect(generalise('citizenship', 'UKR', 1)).toBe('Eastern Europe');
    expect(generalise('citizenship', 'UKR', 2)).toBe('Europe');
    expect(generalise('citizenship', 'UKR', 3)).toBe(SUPPRESSED);
    expect(generalise('gender', 'Woman', 1)).toBe(SUPPRESSED);
    expect(generalise('gender', null, 1)).toBeNull();
  });

  it('suppresses the one record that stands out and reports it', () => {
    const rows: AttributeRow[] = [...Array.from({ length: 11 }, (): AttributeRow => ['18--20', 'UKR']), ['48+', 'UKR']];
    const result = kAnonymise(rows, { k: 11, quasiIdentifiers: [0], attributeNames: ['ageBroad', 'citizenship'], maxSuppressedShare: 0.1 });
    expect(result.recordsSuppressed).toBe(1);
    expect(result.rows).toHaveLength(11);
    expect(result.levels).toEqual({ ageBroad: 0 });
  });

  it('writes a CTDC synthetic-v2 style file, measured against the real records generalised the same way', () => {
    const attributes = selectAttributes(['ageBroad', 'citizenship', 'meansThreats']);
    const record = {
      year_of_registration: 2020,
      gender: 'Woman',
      age_broad: '18--20',
      majority_status: 'Adult' as const,
      citizenship: 'UKR',
      country_of_exploitation: null,
      traffick_months: null,
      datasource: null,
      stage: null,
      trafficking_status: null,
      referring_organisation_type: null,
      means_of_control: ['meansOfControlThreatOfLawEnforcement'],
      exploitation: [],
      labour_sectors: [],
      sex_types: [],
      recruiter_relations: [],
    };
    const rows = [...Array.from({ length: 3 }, () => recordToRow(record, attributes)), recordToRow({ ...record, citizenship: 'ROU', means_of_control: [] }, attributes)];
    expect(rows[0]).toEqual(['18--20', 'UKR', '1']);
    const outcome = kAnonymousRelease(rows, attributes, 2, ['citizenship']);
    expect(outcome.mechanism).toMatchObject({ kind: 'k_anonymous', levels: { citizenship: 1 }, recordsSuppressed: 0 });
    expect(outcome.utility.lengths[0]).toMatchObject({ meanAbsoluteError: 0, suppressedShare: 0, fabricatedShare: 0 });
    expect(releaseCsv(attributes, outcome.rows)).toBe(
      'ageBroad,citizenship,meansThreats\n18--20,Eastern Europe,1\n18--20,Eastern Europe,1\n18--20,Eastern Europe,1\n18--20,Eastern Europe,\n',
    );
    expect(releaseCsv(selectAttributes(['gender']), [[null]])).toBe('gender\nNULL\n');
  });
});
