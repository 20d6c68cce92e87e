import { describe, expect, it } from 'vitest';
import { linkPersons } from './linkage.js';
import { countText, displayCounting, displayTable, presentEstimate } from './estimation.view.js';
import { MAX_CHANGE, perturb } from '../statistics/cell-key.js';
import { buildOverlapTable } from './overlap-table.js';
import { estimateHiddenPopulation } from './estimate.js';

describe('linking person records', () => {
  it('links the same birth date with most of the name shared, transitively, and confirmed pairs', () => {
    const linkage = linkPersons(
      [
        { id: 'a', nameIndex: ['g1', 'g1p', 'f1', 'f1p'], birthDateIndex: 'd1' },
        { id: 'b', nameIndex: ['g2', 'g1p', 'f1', 'f1p'], birthDateIndex: 'd1' }, // a spelling variant of a
        { id: 'c', nameIndex: ['g2', 'g1p', 'f1', 'f1p', 'x1', 'x1p'], birthDateIndex: 'd1' }, // b with another name part
        { id: 'd', nameIndex: ['g1', 'g1p', 'f1', 'f1p'], birthDateIndex: 'd2' }, // another birth date
        { id: 'e', nameIndex: ['g1', 'g1p', 'f1', 'f1p'], birthDateIndex: null }, // no birth date: never by the keys
        { id: 'f', nameIndex: ['t9'], birthDateIndex: null },
      ],
      [
        ['e', 'f'],
        ['a', 'c'], // already linked
        ['a', 'unknown'],
      ],
    );
    expect(linkage.people).toBe(3);
    expect(linkage.mergedByKeys).toBe(2);
    expect(linkage.mergedByConfirmation).toBe(1);
    const of = (id: string) => linkage.personOf.get(id);
    expect(of('a')).toBe(of('c'));
    expect(of('b')).toBe(of('a'));
    expect(of('d')).not.toBe(of('a'));
    expect(of('e')).toBe(of('f'));
    expect(of('e')).not.toBe(of('d'));
  });

  it('does not link people born the same day who share one name part only (twins, a particle, a common given name)', () => {
    const linkage = linkPersons(
      [
        { id: 'amina', nameIndex: ['amina', 'AMN', 'haddad', 'HTT'], birthDateIndex: 'd1' },
        { id: 'fatima', nameIndex: ['fatima', 'FTM', 'haddad', 'HTT'], birthDateIndex: 'd1' }, // her twin: 2 tokens
        { id: 'aisha', nameIndex: ['aisha', 'AX', 'bint', 'PNT', 'omar', 'AMR', 'synthetic'], birthDateIndex: 'd1' },
        { id: 'khadija', nameIndex: ['khadija', 'KTJ', 'bint', 'PNT', 'ali', 'AL', 'synthetic'], birthDateIndex: 'd1' }, // 3 of 7
      ],
      [],
    );
    expect(linkage.people).toBe(4);
    expect(linkage.mergedByKeys).toBe(0);
  });

  it('does not count a token that most records carry as evidence', () => {
    // 60 different people, all born the same day, whose records all carry the same three tokens (a pseudonym word).
    const persons = Array.from({ length: 60 }, (_, i) => ({ id: `p${i}`, nameIndex: [`g${i}`, `g${i}p`, `f${i}`, `f${i}p`, 'w', 'wp1', 'wp2'], birthDateIndex: 'd1' }));
    // ... and one of them recorded a second time.
    persons.push({ id: 'p0-again', nameIndex: ['g0', 'g0p', 'f0', 'f0p', 'w', 'wp1', 'wp2'], birthDateIndex: 'd1' });
    const linkage = linkPersons(persons, []);
    expect(linkage.people).toBe(60);
    expect(linkage.personOf.get('p0-again')).toBe(linkage.personOf.get('p0'));
    // With few records nothing counts as common: the shared word alone (3 of 5 tokens) links.
    const few = [
      { id: 'a', nameIndex: ['a', 'ap', 'w', 'wp1', 'wp2'], birthDateIndex: 'd1' },
      { id: 'b', nameIndex: ['b', 'bp', 'w', 'wp1', 'wp2'], birthDateIndex: 'd1' },
    ];
    expect(linkPersons(few, []).people).toBe(1);
    // Identical names are linked even when every token is common.
    const allCommon = [...persons, { id: 'p1-short', nameIndex: ['w', 'wp1', 'wp2'], birthDateIndex: 'd1' }, { id: 'p1-short-again', nameIndex: ['wp2', 'w', 'wp1'], birthDateIndex: 'd1' }];
    const linked = linkPersons(allCommon, []);
    expect(linked.people).toBe(61);
    expect(linked.personOf.get('p1-short-again')).toBe(linked.personOf.get('p1-short'));
  });
});

describe('what the rapporteur sees', () => {
  const rows = (cells: Array<[number[], number]>) => cells.map(([combination, count]) => ({ combination, count }));

  it('shows every cell perturbed at its people\'s key sum: at most 2 off, never below zero, zeros as zeros', () => {
    const table = buildOverlapTable(['A', 'B', 'C'], rows([[[1, 0, 0], 40], [[0, 1, 0], 30], [[0, 0, 1], 20], [[1, 1, 0], 12], [[1, 0, 1], 5], [[0, 1, 1], 0], [[1, 1, 1], 1]]));
    const keySums = { cells: [0, 17, 200, 3, 999, 45, 0, 511], excludedNoConsent: 0, notOnAnyList: 0 };
    const shown = displayTable(table, keySums);
    for (const [mask, cell] of shown.entries()) {
      const exact = table.counts[mask + 1] ?? 0;
      expect(cell.count).toEqual({ value: perturb(exact, keySums.cells[mask + 1] ?? 0), suppressed: null });
      expect(Math.abs((cell.count.value ?? 0) - exact)).toBeLessThanOrEqual(MAX_CHANGE);
    }
    expect(shown.find((cell) => cell.lists.join('+') === 'B+C')?.count).toEqual({ value: 0, suppressed: null });
    // The same people, the same value; an uploaded table (no keys) as given.
    expect(displayTable(table, keySums)).toEqual(shown);
    expect(displayTable(table, null).map((cell) => cell.count.value)).toEqual([40, 30, 12, 20, 5, 0, 1]);
    // Some cell does move (keys that changed nothing would prove nothing).
    expect(shown.some((cell, i) => cell.count.value !== table.counts[i + 1])).toBe(true);
  });

  it('names each pair of lists that never overlap', () => {
    const table = buildOverlapTable(['A', 'B', 'C'], rows([[[1, 0, 0], 40], [[0, 1, 0], 30], [[0, 0, 1], 20], [[1, 1, 0], 12], [[1, 0, 1], 15], [[0, 1, 1], 0], [[1, 1, 1], 0]]));
    const result = estimateHiddenPopulation(table);
    const view = presentEstimate({ source: 'upload', year: null, lists: [], table, result, counting: null, keySums: null });
    // B and C never overlap, far fewer than independence predicts: the stepwise search selects B:C at minus infinity.
    expect(result.model.emptyTerms).toEqual(['B:C']);
    expect(view.caveats.filter((c) => c.code === 'no-overlap-in-model').map((c) => c.lists)).toEqual([['B', 'C']]);
    expect(view.caveats.filter((c) => c.code === 'no-overlap')).toEqual([]);
    // Main effects only: the same pair is named as treated as independent.
    const main = presentEstimate({ source: 'upload', year: null, lists: [], table, result: estimateHiddenPopulation(table, { model: 'main' }), counting: null, keySums: null });
    expect(main.caveats.filter((c) => c.code === 'no-overlap').map((c) => c.lists)).toEqual([['B', 'C']]);
    expect(main.caveats.filter((c) => c.code === 'no-overlap-in-model')).toEqual([]);
  });

  it('perturbs the people left out for consent and those on no list like the cells', () => {
    const base = { personRecords: 60, people: 50, linkedByKeys: 10, linkedByConfirmation: 0 };
    const keySums = { cells: [], excludedNoConsent: 250, notOnAnyList: 7 };
    const few = displayCounting({ ...base, excludedNoConsent: 3, notOnAnyList: 0 }, keySums);
    expect(few.excludedNoConsent).toEqual({ value: perturb(3, 250), suppressed: null });
    expect(few.notOnAnyList).toEqual({ value: 0, suppressed: null });
    expect(countText(few.excludedNoConsent)).toBe(String(perturb(3, 250)));
    expect(displayCounting({ ...base, excludedNoConsent: 3, notOnAnyList: 0 }, null).excludedNoConsent.value).toBe(3);
  });
});
