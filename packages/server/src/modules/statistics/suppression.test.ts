import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rangeOf } from './linear-program.test-support.js';
import { suppressCount, suppressSeries, suppressTable, type SuppressedTable } from './suppression.js';
import { must } from './must.js';

/**
 * Independent check of a suppressed table: the published cells and totals as linear equations over the suppressed
 * values (all >= 0); a suppressed value can be recomputed when its smallest and largest feasible values coincide.
 */
function recomputable(table: SuppressedTable, original: number[][], withRowTotals: boolean, withColumnTotals: boolean): string[] {
  const rows = original.length;
  const columns = must(original[0]).length;
  const variables: Array<{ name: string; actual: number }> = [];
  type Term = { variable: number } | { constant: number };
  const term = (name: string, published: number | null, actual: number): Term => {
    if (published !== null) return { constant: published };
    variables.push({ name, actual });
    return { variable: variables.length - 1 };
  };
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const cells = original.map((row, r) => row.map((v, c) => term(`cell ${r},${c}`, must(must(table.cells[r])[c]).value, v)));
  const rowTotals = withRowTotals ? original.map((row, r) => term(`row total ${r}`, must(must(table.rowTotals)[r]).value, sum(row))) : null;
  const columnTotals = withColumnTotals
    ? Array.from({ length: columns }, (_, c) => term(`column total ${c}`, must(must(table.columnTotals)[c]).value, sum(original.map((row) => must(row[c])))))
    : null;
  const grand = table.grandTotal ? term('grand total', table.grandTotal.value, sum(original.map(sum))) : null;

  // Each equation: sum(parts) - total = 0.
  const equations: Array<{ parts: Term[]; total: Term }> = [];
  if (rowTotals) for (let r = 0; r < rows; r++) equations.push({ parts: must(cells[r]), total: must(rowTotals[r]) });
  if (columnTotals) for (let c = 0; c < columns; c++) equations.push({ parts: cells.map((row) => must(row[c])), total: must(columnTotals[c]) });
  if (grand && rowTotals) equations.push({ parts: rowTotals, total: grand });
  if (grand && columnTotals) equations.push({ parts: columnTotals, total: grand });

  const n = variables.length;
  if (n === 0) return [];
  const A: number[][] = [];
  const b: number[] = [];
  for (const { parts, total } of equations) {
    const row = Array.from({ length: n }, () => 0);
    let rhs = 0;
    for (const [t, coefficient] of [...parts.map((p) => [p, 1] as const), [total, -1] as const]) {
      if ('variable' in t) row[t.variable] = must(row[t.variable]) + coefficient;
      else rhs -= coefficient * t.constant;
    }
    if (row.every((v) => v === 0)) {
      expect(rhs).toBe(0);
      continue;
    }
    A.push(row);
    b.push(rhs);
  }
  const found: string[] = [];
  variables.forEach((v, k) => {
    if (A.length === 0) return; // nothing constrains any suppressed value
    const { min, max } = rangeOf(A, b, k, n);
    expect(min, 'the published table must be consistent').not.toBe('infeasible');
    if (typeof min === 'number' && typeof max === 'number' && Math.abs(max - min) < 1e-6) found.push(`${v.name} = ${v.actual}`);
  });
  return found;
}

function publishedValues(table: SuppressedTable): number[] {
  return [
    ...table.cells.flat(),
    ...(table.rowTotals ?? []),
    ...(table.columnTotals ?? []),
    ...(table.grandTotal ? [table.grandTotal] : []),
  ]
    .map((v) => v.value)
    .filter((v): v is number => v !== null);
}

/** Counts with many small values, some zeros and a few large ones, like real disaggregations. */
const count = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 12 }), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 60 }), weight: 2 }, { arbitrary: fc.constant(0), weight: 1 });

describe('small-cell suppression', () => {
  it('suppresses every count from 1 to the threshold - 1, and zeros when asked to', () => {
    const result = suppressSeries([40, 3, 25, 0, 18], 11);
    expect(result.values.map((v) => v.value)).toEqual([40, null, 25, 0, null]);
    expect(must(result.values[1]).state).toBe('primary');
    expect(must(result.values[4]).state).toBe('secondary');
    expect(result.total).toEqual({ value: 86, state: 'published' });
    const zeros = suppressSeries([40, 3, 25, 0, 18], 11, true, true);
    expect(zeros.values.map((v) => v.value)).toEqual([40, null, 25, null, 18]);
    expect(must(zeros.values[3]).state).toBe('primary');
  });

  it('suppresses the next smallest cell when one suppressed cell could be recomputed from the total', () => {
    const result = suppressSeries([40, 3, 25, 18], 11);
    expect(result.values.map((v) => v.value)).toEqual([40, null, 25, null]);
    expect(must(result.values[3]).state).toBe('secondary');
    expect(must(result.total).value).toBe(86);
  });

  it('suppresses the total when a single count is all that stands beside it', () => {
    const result = suppressSeries([4], 11);
    expect(must(result.values[0]).value).toBeNull();
    expect(must(result.total).value).toBeNull();
    const alone = suppressSeries([30, 5], 11);
    expect(alone.values.map((v) => v.value)).toEqual([null, null]);
    expect(must(alone.total).value).toBe(35);
  });

  it('protects a cell in both its row and its column', () => {
    const cells = [
      [50, 40, 30],
      [60, 4, 70],
      [80, 90, 100],
    ];
    const table = suppressTable({ cells, rowTotals: true, columnTotals: true }, 11);
    expect(must(must(table.cells[1])[1]).value).toBeNull();
    const suppressed = table.cells.flat().filter((c) => c.value === null).length;
    expect(suppressed).toBeGreaterThanOrEqual(4);
    expect(recomputable(table, cells, true, true)).toEqual([]);
  });

  it('catches a suppressed zero beside a suppressed count that the line rule alone would leave exposed', () => {
    // Row 0 holds 5 and 0, both below 11; its total 5 is below 11 too. Column totals pin the rest down unless more goes.
    const cells = [
      [5, 0, 20],
      [30, 40, 50],
    ];
    const table = suppressTable({ cells, rowTotals: true, columnTotals: true, suppressZeros: true }, 11);
    expect(recomputable(table, cells, true, true)).toEqual([]);
  });

  it('a single count is suppressed below the threshold', () => {
    expect(suppressCount(10, 11)).toEqual({ value: null, state: 'primary' });
    expect(suppressCount(11, 11)).toEqual({ value: 11, state: 'published' });
    expect(suppressCount(0, 11)).toEqual({ value: 0, state: 'published' });
  });

  it('refuses counts that are not non-negative integers and thresholds below one', () => {
    expect(() => suppressSeries([1.5], 11)).toThrow(/non-negative integers/);
    expect(() => suppressSeries([-1], 11)).toThrow(/non-negative integers/);
    expect(() => suppressSeries([1], 0)).toThrow(/threshold/);
  });

  it('property: in a one-way table with its total, nothing published is below the threshold and no suppressed count can be recomputed', () => {
    fc.assert(
      fc.property(fc.array(count, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 15 }), fc.boolean(), (values, threshold, suppressZeros) => {
        const result = suppressSeries(values, threshold, true, suppressZeros);
        const table: SuppressedTable = { cells: [result.values], rowTotals: [must(result.total)], columnTotals: null, grandTotal: null, threshold };
        for (const v of publishedValues(table)) expect(v >= threshold || (v === 0 && !suppressZeros)).toBe(true);
        result.values.forEach((v, i) => {
          if (v.value !== null) expect(v.value).toBe(values[i]);
        });
        expect(recomputable(table, [values], true, false)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('property: in a two-way table with row, column and grand totals, nothing published is below the threshold and no suppressed count can be recomputed', () => {
    const table = fc.integer({ min: 1, max: 4 }).chain((columns) => fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 4 }));
    fc.assert(
      fc.property(table, fc.integer({ min: 1, max: 15 }), fc.boolean(), (cells, threshold, suppressZeros) => {
        const result = suppressTable({ cells, rowTotals: true, columnTotals: true, suppressZeros }, threshold);
        for (const v of publishedValues(result)) expect(v >= threshold || (v === 0 && !suppressZeros)).toBe(true);
        result.cells.forEach((row, r) =>
          row.forEach((v, c) => {
            if (v.value !== null) expect(v.value).toBe(must(cells[r])[c]);
          }),
        );
        expect(recomputable(result, cells, true, true)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('property: larger two-way tables (up to 10 x 7, like years x stages) with all totals are protected too', () => {
    // Published zeros and many small counts: the shape of the statistics page's tables, where suppressed counts are all
    // at least 1 and the audit decides by the cycles of the graph of lines.
    const small = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 13, max: 400 }));
    const table = fc.integer({ min: 2, max: 7 }).chain((columns) => fc.array(fc.array(small, { minLength: columns, maxLength: columns }), { minLength: 2, maxLength: 10 }));
    fc.assert(
      fc.property(table, (cells) => {
        const result = suppressTable({ cells, rowTotals: true, columnTotals: true }, 11);
        for (const v of publishedValues(result)) expect(v >= 11 || v === 0).toBe(true);
        expect(recomputable(result, cells, true, true)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('property: a two-way table with row totals only (no column totals) is protected row by row', () => {
    const table = fc.integer({ min: 1, max: 5 }).chain((columns) => fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 4 }));
    fc.assert(
      fc.property(table, fc.integer({ min: 1, max: 15 }), fc.boolean(), (cells, threshold, suppressZeros) => {
        const result = suppressTable({ cells, rowTotals: true, columnTotals: false, suppressZeros }, threshold);
        for (const v of publishedValues(result)) expect(v >= threshold || (v === 0 && !suppressZeros)).toBe(true);
        expect(recomputable(result, cells, true, false)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('the linear-programming check does find a recomputable cell when only primary suppression is applied', () => {
    // Guard against a checker that never finds anything: publish everything except one small cell.
    const cells = [[40, 3, 25]];
    const naive: SuppressedTable = {
      cells: [must(cells[0]).map((v) => (v < 11 ? { value: null, state: 'primary' as const } : { value: v, state: 'published' as const }))],
      rowTotals: [{ value: 68, state: 'published' }],
      columnTotals: null,
      grandTotal: null,
      threshold: 11,
    };
    expect(recomputable(naive, cells, true, false)).toEqual(['cell 0,1 = 3']);
  });
});
