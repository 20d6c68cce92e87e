import { describe, expect, it } from 'vitest';
import { linkPersons } from './linkage.js';
import { countText, displayCounting, displayTable, presentEstimate } from './estimation.view.js';
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

  it('suppresses 1 to 10, hides a second cell when only one is small, and shows zeros', () => {
    const table = buildOverlapTable(['A', 'B', 'C'], rows([[[1, 0, 0], 40], [[0, 1, 0], 30], [[0, 0, 1], 20], [[1, 1, 0], 12], [[1, 0, 1], 5], [[0, 1, 1], 0], [[1, 1, 1], 11]]));
    const shown = displayTable(table, true);
    const at = (name: string) => shown.find((cell) => cell.lists.join('+') === name)?.count;
    expect(at('A+C')).toEqual({ value: null, suppressed: 'small' });
    expect(at('B+C')).toEqual({ value: 0, suppressed: null });
    expect(at('A+B+C')).toEqual({ value: null, suppressed: 'secondary' });
    expect(at('A+B')).toEqual({ value: 12, suppressed: null });
    expect(displayTable(table, false).every((cell) => cell.count.suppressed === null)).toBe(true);
  });

  it('no secondary suppression when two cells are already small', () => {
    const table = buildOverlapTable(['A', 'B'], rows([[[1, 0], 4], [[0, 1], 3], [[1, 1], 20]]));
    expect(displayTable(table, true).map((cell) => cell.count.suppressed)).toEqual(['small', 'small', null]);
  });

  it('names each pair of lists that never overlap', () => {
    const table = buildOverlapTable(['A', 'B', 'C'], rows([[[1, 0, 0], 40], [[0, 1, 0], 30], [[0, 0, 1], 20], [[1, 1, 0], 12], [[1, 0, 1], 15], [[0, 1, 1], 0], [[1, 1, 1], 0]]));
    const result = estimateHiddenPopulation(table);
    const view = presentEstimate({ source: 'upload', year: null, lists: [], table, result, counting: null });
    expect(view.caveats.filter((c) => c.code === 'no-overlap').map((c) => c.lists)).toEqual([['B', 'C']]);
  });

  it('hides the people on no list when only the people left out for consent are few (and the other way round)', () => {
    const base = { personRecords: 60, people: 50, linkedByKeys: 10, linkedByConfirmation: 0 };
    const few = displayCounting({ ...base, excludedNoConsent: 3, notOnAnyList: 0 }, true);
    expect([few.excludedNoConsent.suppressed, few.notOnAnyList.suppressed]).toEqual(['small', 'secondary']);
    expect([countText(few.excludedNoConsent), countText(few.notOnAnyList)]).toEqual(['<11', 'hidden']);
    const other = displayCounting({ ...base, excludedNoConsent: 14, notOnAnyList: 2 }, true);
    expect([other.excludedNoConsent.suppressed, other.notOnAnyList.suppressed]).toEqual(['secondary', 'small']);
    const both = displayCounting({ ...base, excludedNoConsent: 14, notOnAnyList: 12 }, true);
    expect([both.excludedNoConsent.value, both.notOnAnyList.value]).toEqual([14, 12]);
    expect(displayCounting({ ...base, excludedNoConsent: 3, notOnAnyList: 0 }, false).excludedNoConsent.value).toBe(3);
  });
});
