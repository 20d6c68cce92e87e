/**
 * Small-cell suppression of count tables: no published count below the threshold (the CTDC rule: 11), and nothing
 * published that lets a suppressed count be worked out again. Pure functions, no I/O.
 *
 * A table is a grid of counts (rows x columns; a one-way table is one row) with, optionally, row totals, column
 * totals and the grand total. Each total is a published linear relation ("line"): the cells of a row add up to the
 * row total, the cells of a column to the column total, the row totals and the column totals to the grand total.
 *
 * 1. Primary suppression: every count from 1 to threshold - 1 - cells and totals alike - is suppressed. A zero is
 *    published by default: it is no group of persons (CTDC tables leave empty combinations out altogether), and
 *    suppressing structural zeros would cascade through every table with empty combinations (year x stage). With
 *    `suppressZeros` they are suppressed too; everything below then holds either way.
 *
 * 2. Secondary suppression, by lines: a line holding exactly one suppressed count gives it away (total minus the
 *    others), so the smallest other count of that line is suppressed too (a cell before the total, so that totals stay
 *    published as long as possible). Repeat until no line holds exactly one suppressed count.
 *
 * 3. Audit: lines are not enough. A suppressed count can still be pinned down through several lines at once (two
 *    suppressed blocks joined by one cell) or by the fact that counts are never negative (a suppressed 0 beside a
 *    suppressed 5 in a line that adds up to 5). A suppressed count x is NOT determined exactly when the published
 *    relations allow another table in which x differs, and for relations of this shape (every count sits in at most
 *    two lines: a network matrix) that happens exactly when there is a simple cycle of suppressed counts through x
 *    along which x can move by one while every line keeps its sum and no count goes below zero:
 *      - think of each line as a node and each suppressed count as an edge between its two lines (a count that sits
 *        in only one line - a cell of a one-way table - leads to a "free" node that has no sum to keep);
 *      - going round the cycle, the change alternates sign between two counts of the same line (+1 on one, -1 on the
 *        other, or +1/+1 when one is the line's total), and can be chosen freely at the free node;
 *      - a count whose change is -1 must be at least 1.
 *    Each suppressed count is checked both ways (x + 1 and x - 1). When every suppressed count is at least 1 (the
 *    usual case: zeros are published), no change of one can make a count negative, and the question becomes whether
 *    x's edge lies on any cycle at all, answered for every count at once by finding the graph's bridges (linear time);
 *    otherwise a bounded depth-first search looks for the cycle. When no cycle exists, x is determined: the smallest
 *    published count of one of x's lines (or, failing that, of the table) is suppressed too, and the audit runs again.
 *    Every step suppresses one more count, so this ends; a fully suppressed table reveals nothing.
 *
 * The property-based test (suppression.test.ts) checks the outcome independently, by linear programming: for every
 * suppressed count, the smallest and largest values the published figures allow differ.
 */
import { must } from './must.js';

export type CellState = 'published' | 'primary' | 'secondary';

export interface SuppressedValue {
  /** The count, or null when suppressed. */
  readonly value: number | null;
  readonly state: CellState;
}

export interface CountTable {
  /** rows x columns of counts (non-negative integers). */
  readonly cells: readonly (readonly number[])[];
  /** Publish the row totals (sums of each row). */
  readonly rowTotals: boolean;
  /** Publish the column totals (sums of each column). */
  readonly columnTotals: boolean;
  /** Publish the grand total (always published when both kinds of totals are). */
  readonly grandTotal?: boolean;
  /** Suppress zeros as well (default: zeros are published, see above). */
  readonly suppressZeros?: boolean;
  /**
   * Totals that another table, sharing them, had to suppress: suppressed here too (secondary), so that linked tables
   * never publish what one of them withholds.
   */
  readonly forced?: { readonly rowTotals?: readonly boolean[]; readonly columnTotals?: readonly boolean[]; readonly grandTotal?: boolean };
}

export interface SuppressedTable {
  readonly cells: SuppressedValue[][];
  readonly rowTotals: SuppressedValue[] | null;
  readonly columnTotals: SuppressedValue[] | null;
  readonly grandTotal: SuppressedValue | null;
  readonly threshold: number;
}

/** A count of the extended table: a cell, a row total, a column total or the grand total. */
interface Entry {
  readonly value: number;
  readonly isTotal: boolean;
  /** The lines it belongs to, each with the count's coefficient in the line's sum (cells +1, the line's total -1). */
  readonly lines: Array<{ line: number; coefficient: 1 | -1 }>;
  state: CellState;
}

const FREE = -1;
/** Upper bound on cycle-search steps per count; past it the count is treated as determined (the safe side). */
const SEARCH_BUDGET = 1_000;

/** Suppresses a table (see the file's comment). */
export function suppressTable(table: CountTable, threshold: number): SuppressedTable {
  validate(table, threshold);
  const rows = table.cells.length;
  const columns = rows === 0 ? 0 : must(table.cells[0]).length;
  const layout = buildEntries(table, rows, columns);
  const { entries } = layout;

  for (const entry of entries) if (entry.value < threshold && (entry.value > 0 || table.suppressZeros)) entry.state = 'primary';
  const force = (index: number | undefined, yes: boolean | undefined) => {
    if (index !== undefined && yes && must(entries[index]).state === 'published') must(entries[index]).state = 'secondary';
  };
  layout.rowTotalIndex?.forEach((index, r) => force(index, table.forced?.rowTotals?.[r]));
  layout.columnTotalIndex?.forEach((index, c) => force(index, table.forced?.columnTotals?.[c]));
  force(layout.grandIndex, table.forced?.grandTotal);

  // A count found able to move stays able: suppressing more only adds edges, and its cycle remains one.
  const movable = new Set<number>();
  for (;;) {
    lineRule(entries, layout.lineCount);
    const determined = entries.every((e) => e.state === 'published' || e.value >= 1)
      ? firstBridge(entries, layout.lineCount)
      : firstDetermined(entries, movable);
    // Nothing left to suppress: a table with no cells, whose (zero) total any reader can tell.
    if (determined < 0 || !suppressNextTo(entries, determined)) break;
  }

  const out = (index: number | undefined): SuppressedValue => {
    const entry = must(entries[must(index)]);
    return { value: entry.state === 'published' ? entry.value : null, state: entry.state };
  };
  return {
    cells: layout.cellIndex.map((row) => row.map(out)),
    rowTotals: layout.rowTotalIndex ? layout.rowTotalIndex.map(out) : null,
    columnTotals: layout.columnTotalIndex ? layout.columnTotalIndex.map(out) : null,
    grandTotal: layout.grandIndex === undefined ? null : out(layout.grandIndex),
    threshold,
  };
}

/** The first suppressed count that cannot move, by the cycle search (any suppressed counts). -1 when none. */
function firstDetermined(entries: Entry[], movable: Set<number>): number {
  const incident = incidence(entries);
  return entries.findIndex((e, i) => {
    if (e.state === 'published' || movable.has(i)) return false;
    if (!canMove(entries, incident, i)) return true;
    movable.add(i);
    return false;
  });
}

/**
 * The first suppressed count that cannot move when every suppressed count is at least 1, so that no count can be
 * pushed below zero by a change of one. Then the sign rule never binds, and x can move exactly when its edge lies on a
 * cycle of the graph (lines as nodes, the free node as one node): the lines' coefficients can be turned into those of
 * a directed graph (multiply the column lines and the column-totals line by -1), in which every cycle carries a
 * circulation of +1/-1 in either direction. An edge on no cycle is a bridge. -1 when none.
 */
function firstBridge(entries: Entry[], lineCount: number): number {
  const free = lineCount;
  const adjacent: Array<Array<{ edge: number; to: number }>> = Array.from({ length: lineCount + 1 }, () => []);
  entries.forEach((entry, i) => {
    if (entry.state === 'published') return;
    const [a, b] = endsOf(entry).map((end) => (end.node === FREE ? free : end.node)) as [number, number];
    must(adjacent[a]).push({ edge: i, to: b });
    if (a !== b) must(adjacent[b]).push({ edge: i, to: a });
  });
  // Bridges by depth-first discovery times and low links (Tarjan), iteratively; a loop or a parallel edge is never one.
  const discovered = new Array<number>(lineCount + 1).fill(-1);
  const low = new Array<number>(lineCount + 1).fill(0);
  const bridges = new Set<number>();
  let time = 0;
  for (let root = 0; root <= lineCount; root++) {
    if (must(discovered[root]) >= 0) continue;
    const stack: Array<{ node: number; via: number; next: number }> = [{ node: root, via: -1, next: 0 }];
    discovered[root] = low[root] = time++;
    while (stack.length > 0) {
      const top = must(stack[stack.length - 1]);
      const neighbours = must(adjacent[top.node]);
      if (top.next < neighbours.length) {
        const { edge, to } = must(neighbours[top.next++]);
        if (edge === top.via) continue;
        if (must(discovered[to]) < 0) {
          discovered[to] = low[to] = time++;
          stack.push({ node: to, via: edge, next: 0 });
        } else low[top.node] = Math.min(must(low[top.node]), must(discovered[to]));
        continue;
      }
      stack.pop();
      const parent = stack[stack.length - 1];
      if (!parent) continue;
      low[parent.node] = Math.min(must(low[parent.node]), must(low[top.node]));
      if (must(low[top.node]) > must(discovered[parent.node])) bridges.add(top.via);
    }
  }
  return entries.findIndex((e, i) => e.state !== 'published' && bridges.has(i));
}

/** A one-way table: counts with (or without) their total. */
export function suppressSeries(values: readonly number[], threshold: number, withTotal = true, suppressZeros = false): { values: SuppressedValue[]; total: SuppressedValue | null } {
  const result = suppressTable({ cells: [values], rowTotals: withTotal, columnTotals: false, suppressZeros }, threshold);
  return { values: result.cells[0] ?? [], total: result.rowTotals ? must(result.rowTotals[0]) : null };
}

/** Suppression of a single count that enters no table with totals (a count shown on its own). */
export function suppressCount(value: number, threshold: number): SuppressedValue {
  return value < threshold && value > 0 ? { value: null, state: 'primary' } : { value, state: 'published' };
}

function validate(table: CountTable, threshold: number): void {
  if (!Number.isInteger(threshold) || threshold < 1) throw new Error('The threshold must be a positive integer');
  const columns = table.cells[0]?.length ?? 0;
  for (const row of table.cells) {
    if (row.length !== columns) throw new Error('Every row of a table must have the same number of cells');
    for (const value of row) if (!Number.isInteger(value) || value < 0) throw new Error('Counts must be non-negative integers');
  }
}

function buildEntries(table: CountTable, rows: number, columns: number) {
  const entries: Entry[] = [];
  let lineCount = 0;
  const rowLine = table.rowTotals ? Array.from({ length: rows }, () => lineCount++) : null;
  const columnLine = table.columnTotals ? Array.from({ length: columns }, () => lineCount++) : null;
  const grand = table.grandTotal ?? (table.rowTotals && table.columnTotals);
  // The row totals add up to the grand total (a line), and so do the column totals (another line).
  const rowTotalsLine = table.rowTotals && grand ? lineCount++ : null;
  const columnTotalsLine = table.columnTotals && grand ? lineCount++ : null;
  const add = (value: number, isTotal: boolean, lines: Entry['lines']) => {
    entries.push({ value, isTotal, lines, state: 'published' });
    return entries.length - 1;
  };
  const cellIndex = table.cells.map((row, r) =>
    row.map((value, c) => {
      const lines: Entry['lines'] = [];
      if (rowLine) lines.push({ line: must(rowLine[r]), coefficient: 1 });
      if (columnLine) lines.push({ line: must(columnLine[c]), coefficient: 1 });
      return add(value, false, lines);
    }),
  );
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const rowTotalIndex = rowLine
    ? table.cells.map((row, r) => add(sum([...row]), true, [{ line: must(rowLine[r]), coefficient: -1 }, ...(rowTotalsLine === null ? [] : [{ line: rowTotalsLine, coefficient: 1 as const }])]))
    : null;
  const columnTotalIndex = columnLine
    ? Array.from({ length: columns }, (_, c) =>
        add(sum(table.cells.map((row) => must(row[c]))), true, [{ line: must(columnLine[c]), coefficient: -1 }, ...(columnTotalsLine === null ? [] : [{ line: columnTotalsLine, coefficient: 1 as const }])]),
      )
    : null;
  let grandIndex: number | undefined;
  if (grand) {
    const lines: Entry['lines'] = [];
    if (rowTotalsLine !== null) lines.push({ line: rowTotalsLine, coefficient: -1 });
    if (columnTotalsLine !== null) lines.push({ line: columnTotalsLine, coefficient: -1 });
    grandIndex = add(sum(table.cells.map((row) => sum([...row]))), true, lines);
  }
  return { entries, lineCount, cellIndex, rowTotalIndex, columnTotalIndex, grandIndex };
}

function membersOf(entries: Entry[], lineCount: number): number[][] {
  const members: number[][] = Array.from({ length: lineCount }, () => []);
  entries.forEach((e, i) => {
    for (const { line } of e.lines) must(members[line]).push(i);
  });
  return members;
}

/** Step 2: no line with exactly one suppressed count. */
function lineRule(entries: Entry[], lineCount: number): void {
  const members = membersOf(entries, lineCount);
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of members) {
      const suppressed = line.filter((i) => must(entries[i]).state !== 'published');
      if (suppressed.length !== 1) continue;
      const next = smallestPublished(entries, line);
      if (next === undefined) continue;
      must(entries[next]).state = 'secondary';
      changed = true;
    }
  }
}

/** The smallest published count among these (cells before totals, then positive before zero, then by value). */
function smallestPublished(entries: Entry[], candidates: readonly number[]): number | undefined {
  let best: number | undefined;
  const rank = (i: number) => {
    const e = must(entries[i]);
    return [e.isTotal ? 1 : 0, e.value > 0 ? 0 : 1, e.value, i] as const;
  };
  for (const i of candidates) {
    if (must(entries[i]).state !== 'published') continue;
    if (best === undefined || compare(rank(i), rank(best)) < 0) best = i;
  }
  return best;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return must(a[k]) - must(b[k]);
  return 0;
}

/** Step 3's remedy: suppress the smallest published count of one of the determined count's lines, else of the table. */
function suppressNextTo(entries: Entry[], index: number): boolean {
  const lines = new Set(must(entries[index]).lines.map((l) => l.line));
  const neighbours = entries.map((e, i) => (e.lines.some((l) => lines.has(l.line)) ? i : -1)).filter((i) => i >= 0);
  const next = smallestPublished(entries, neighbours) ?? smallestPublished(entries, entries.map((_, i) => i));
  if (next === undefined) return false;
  must(entries[next]).state = 'secondary';
  return true;
}

/** The two ends of a count's edge: its lines, or the free node for a missing second line. */
function endsOf(entry: Entry): [{ node: number; coefficient: number }, { node: number; coefficient: number }] {
  const [a, b] = entry.lines;
  return [a ? { node: a.line, coefficient: a.coefficient } : { node: FREE, coefficient: 0 }, b ? { node: b.line, coefficient: b.coefficient } : { node: FREE, coefficient: 0 }];
}

/** Can suppressed count `index` move (up or down) while every published relation holds and no count is negative? */
function canMove(entries: Entry[], incident: Map<number, number[]>, index: number): boolean {
  return cycleExists(entries, incident, index, 1) || (must(entries[index]).value >= 1 && cycleExists(entries, incident, index, -1));
}

/** The suppressed counts at each line (node of the graph), the free node included. */
function incidence(entries: Entry[]): Map<number, number[]> {
  const incident = new Map<number, number[]>();
  entries.forEach((entry, i) => {
    if (entry.state === 'published') return;
    for (const end of endsOf(entry)) {
      const list = incident.get(end.node) ?? [];
      if (!list.includes(i)) list.push(i);
      incident.set(end.node, list);
    }
  });
  return incident;
}

function cycleExists(entries: Entry[], incident: Map<number, number[]>, start: number, startChange: 1 | -1): boolean {
  const [from, to] = endsOf(must(entries[start]));
  // Walk from `to` back to `from` without reusing a node; `change` is the change of the edge just taken.
  const visited = new Set<number>([to.node]);
  let budget = SEARCH_BUDGET;
  // The change of the next edge at `node`, given the change of the edge arriving there: a line keeps its sum, so
  // coefficient(arriving) * change(arriving) + coefficient(leaving) * change(leaving) = 0. Free: either.
  const nextChanges = (node: number, arriving: number, change: number, leaving: number): Array<1 | -1> => {
    if (node === FREE) return [1, -1];
    const ca = coefficientAt(must(entries[arriving]), node);
    const cl = coefficientAt(must(entries[leaving]), node);
    return [(-(ca * change) / cl) as 1 | -1];
  };
  const feasible = (i: number, change: number) => change > 0 || must(entries[i]).value >= 1;

  const walk = (node: number, arriving: number, change: number): boolean => {
    if (--budget < 0) return false;
    for (const edge of incident.get(node) ?? []) {
      if (edge === arriving || edge === start) continue;
      const other = otherEnd(must(entries[edge]), node);
      for (const next of nextChanges(node, arriving, change, edge)) {
        if (!feasible(edge, next)) continue;
        if (other === from.node) {
          // Closing the cycle: the start line must keep its sum too (or be free).
          if (from.node === FREE) return true;
          const closing = coefficientAt(must(entries[edge]), from.node) * next + coefficientAt(must(entries[start]), from.node) * startChange;
          if (closing === 0) return true;
          continue;
        }
        if (visited.has(other)) continue;
        visited.add(other);
        if (walk(other, edge, next)) return true;
        visited.delete(other);
      }
    }
    return false;
  };
  if (from.node === to.node) return from.node === FREE; // a count alone between two free ends moves freely
  // Quick refusal: if no walk at all (simple or not) closes the cycle, no simple cycle does either.
  if (!walkExists(entries, incident, start, startChange, from, to)) return false;
  return walk(to.node, start, startChange);
}

/**
 * Breadth-first search over (line, signed change arriving) states, edges allowed to repeat: a necessary condition for
 * the cycle, linear in the table's size, which settles the common "determined" case without the depth-first search.
 */
function walkExists(
  entries: Entry[],
  incident: Map<number, number[]>,
  start: number,
  startChange: number,
  from: { node: number; coefficient: number },
  to: { node: number; coefficient: number },
): boolean {
  const seen = new Set<string>();
  const queue: Array<{ node: number; arriving: number; change: number }> = [{ node: to.node, arriving: start, change: startChange }];
  for (let head = 0; head < queue.length; head++) {
    const { node, arriving, change } = must(queue[head]);
    for (const edge of incident.get(node) ?? []) {
      // (Going back along the arriving edge is allowed here: states merge walks, and the test must only over-approximate.)
      if (edge === start) continue;
      const other = otherEnd(must(entries[edge]), node);
      const options: number[] = node === FREE ? [1, -1] : [-(coefficientAt(must(entries[arriving]), node) * change) / coefficientAt(must(entries[edge]), node)];
      for (const next of options) {
        if (next < 0 && must(entries[edge]).value < 1) continue;
        if (other === from.node) {
          if (from.node === FREE) return true;
          if (coefficientAt(must(entries[edge]), from.node) * next + coefficientAt(must(entries[start]), from.node) * startChange === 0) return true;
          continue;
        }
        // The state: where we are and the signed change flowing in (what decides the next edge's change).
        const inflow = other === FREE ? 0 : coefficientAt(must(entries[edge]), other) * next;
        const key = `${other}:${inflow}`;
        if (seen.has(key)) continue;
        seen.add(key);
        queue.push({ node: other, arriving: edge, change: next });
      }
    }
  }
  return false;
}

function coefficientAt(entry: Entry, node: number): number {
  return entry.lines.find((l) => l.line === node)?.coefficient ?? 0;
}

function otherEnd(entry: Entry, node: number): number {
  const [a, b] = endsOf(entry);
  return a.node === node ? b.node : a.node;
}
