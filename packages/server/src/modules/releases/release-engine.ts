import { stringify } from 'csv-stringify/sync';
import { countCombinations, encodeRows, ValueDictionary } from './combinations.js';
import { noisyAggregates, type DpCalibration, type DpParameters } from './dp-marginals.js';
import { generalise, kAnonymise } from './k-anonymity.js';
import type { ReleaseRandom } from './noise.js';
import type { AttributeRow, ReleaseAttribute } from './release-attributes.js';
import { synthesize } from './synthesis.js';
import { utilityFromCounts, utilityReport, type UtilityReport } from './utility-report.js';

/** What one release did besides the utility report: how the noise was set, or how far records were generalised. */
export type ReleaseMechanism =
  | {
      readonly kind: 'synthetic';
      readonly rho: number;
      readonly totalSigma: number;
      readonly lengths: ReadonlyArray<{ length: number; cap: number; sigma: number; threshold: number; present: number; droppedByThreshold: number }>;
    }
  | {
      readonly kind: 'k_anonymous';
      readonly levels: Record<string, number>;
      readonly recordsSuppressed: number;
      readonly classes: number;
      readonly smallestClass: number;
    };

export interface ReleaseOutcome {
  readonly rows: AttributeRow[];
  readonly mechanism: ReleaseMechanism;
  readonly utility: UtilityReport;
}

function describeCalibration(calibration: DpCalibration, lengths: ReadonlyArray<{ present: number; droppedByThreshold: number }>): ReleaseMechanism {
  return {
    kind: 'synthetic',
    rho: calibration.rho,
    totalSigma: calibration.totalSigma,
    lengths: calibration.sigma.slice(1).map((sigma, index) => ({
      length: index + 1,
      cap: calibration.caps[index + 1] as number,
      sigma,
      threshold: calibration.threshold[index + 1] as number,
      present: lengths[index + 1]?.present ?? 0,
      droppedByThreshold: lengths[index + 1]?.droppedByThreshold ?? 0,
    })),
  };
}

/** A differentially private synthetic release: noisy counts, thresholding, aggregate-seeded synthesis. */
export function syntheticRelease(rows: readonly AttributeRow[], attributes: readonly ReleaseAttribute[], parameters: DpParameters, random: ReleaseRandom): ReleaseOutcome {
  const dictionary = new ValueDictionary();
  const records = encodeRows(rows, dictionary);
  // One exact count of the real records serves both the noisy counts (after the caps) and the utility report.
  const exact = countCombinations(records, parameters.reportingLength);
  const aggregates = noisyAggregates(records, parameters, attributes.length, random, exact);
  const synthetic = synthesize(aggregates, dictionary, attributes.length, random);
  const syntheticCounts = countCombinations(encodeRows(synthetic, dictionary), parameters.reportingLength);
  return {
    rows: synthetic,
    mechanism: describeCalibration(aggregates.calibration, aggregates.lengths),
    utility: utilityFromCounts(exact, syntheticCounts, parameters.reportingLength, rows.length, synthetic.length),
  };
}

/** UTILITY_LENGTH: k-anonymous releases are compared on combinations of up to three values, like synthetic ones. */
const UTILITY_LENGTH = 3;

/**
 * A k-anonymous release. Its utility is measured against the real records generalised to the same levels (so the
 * report shows what suppression cost; what generalisation cost is in the levels).
 */
export function kAnonymousRelease(rows: readonly AttributeRow[], attributes: readonly ReleaseAttribute[], k: number, quasiIdentifiers: readonly string[]): ReleaseOutcome {
  const names = attributes.map((attribute) => attribute.name);
  const columns = quasiIdentifiers.map((name) => {
    const column = names.indexOf(name);
    if (column < 0) throw new RangeError(`quasi-identifier "${name}" is not one of the release's attributes`);
    return column;
  });
  const result = kAnonymise(rows, { k, quasiIdentifiers: columns, attributeNames: names });
  const generalisedReal = rows.map((row) =>
    row.map((value, column) => {
      const index = columns.indexOf(column);
      return index < 0 ? value : generalise(names[column] as string, value, result.levels[names[column] as string] ?? 0);
    }),
  );
  return {
    rows: result.rows,
    mechanism: { kind: 'k_anonymous', levels: result.levels, recordsSuppressed: result.recordsSuppressed, classes: result.classes, smallestClass: result.smallestClass },
    utility: utilityReport(generalisedReal, result.rows, UTILITY_LENGTH),
  };
}

/** Missing scalars are written NULL and flags 1 or empty, as in the CTDC Global Synthetic Dataset v2 CSV. */
export function releaseCsv(attributes: readonly ReleaseAttribute[], rows: readonly AttributeRow[]): string {
  const records = rows.map((row) => attributes.map((attribute, column) => row[column] ?? (attribute.kind === 'flag' ? '' : 'NULL')));
  return stringify(records, { header: true, columns: attributes.map((attribute) => attribute.name) });
}
