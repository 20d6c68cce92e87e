/**
 * The overlap table a request names, as every estimation route reads it: the case records of a year grouped into
 * lists (overlap-from-cases.ts), or an uploaded table. With it, the words the audit entry uses for where the data came
 * from and for how many were observed: from the case records the observed total as displayed (perturbed), because the
 * audit log is readable by the rapporteur; an uploaded table's figures are the uploader's own.
 */
import type { Db } from '../../platform/db/database.js';
import { badRequest } from '../../platform/http/errors.js';
import type { RecordKeys } from '../../platform/crypto/record-keys.js';
import { EstimationError } from './errors.js';
import { countText, displayObserved } from './estimation.view.js';
import { overlapFromCases, type OverlapFromCases } from './overlap-from-cases.js';
import { parseOverlapTable, type OverlapTable } from './overlap-table.js';

export type TableRequest =
  | { source: 'cases'; year: number; lists: Parameters<typeof overlapFromCases>[2] }
  | { source: 'upload'; csv: string };

export interface RequestedTable {
  table: OverlapTable;
  /** The case records' linkage, or null for an upload. */
  fromCases: OverlapFromCases | null;
  /** "the case records of 2024" or "an uploaded overlap table". */
  from: string;
  /** The observed total as the audit may show it. */
  observed: string;
}

/** Reads the table; a file that is not an overlap table is refused naming the field `csv`. */
export async function tableForRequest(tx: Db, input: TableRequest, keys: RecordKeys): Promise<RequestedTable> {
  if (input.source === 'cases') {
    const fromCases = await overlapFromCases(tx, input.year, input.lists, keys);
    return {
      table: fromCases.table,
      fromCases,
      from: `the case records of ${input.year}`,
      observed: countText(displayObserved(fromCases.table, fromCases.keySums)),
    };
  }
  try {
    const table = parseOverlapTable(input.csv);
    return { table, fromCases: null, from: 'an uploaded overlap table', observed: String(table.observed) };
  } catch (error) {
    if (error instanceof EstimationError) throw badRequest('csv', error.message);
    throw error;
  }
}
