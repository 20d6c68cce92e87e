/**
 * Record linkage for counting people across organisations. Each organisation records its own `persons` row, so one
 * person may appear as several rows. Two rows are the same person when
 *   (a) their birth-date blind indexes are equal (both known) and their name indexes share at least
 *       MIN_SHARED_TOKENS tokens (a token is a normalised name part or one of its phonetic codes), making up at least
 *       half of the tokens of the row with fewer. Very common tokens (held by more than COMMON_TOKEN_SHARE of the
 *       rows, and by more than COMMON_TOKEN_MIN_ROWS rows) are not evidence and are left out of both counts: a
 *       particle ("al", "de", "bint"), a ubiquitous given name, a word every pseudonym of a source carries. Rows
 *       whose whole name indexes are identical are linked whatever the frequency of their tokens; or
 *   (b) a match request between them was answered `confirmed_same_person` by the organisation asked.
 * Linkage is transitive (union-find): if A links to B and B to C, all three are one person.
 *
 * Why so strict: the same birth date is common (placeholder dates, large caseloads), and one shared name part is
 * weak evidence: a family name (twins, siblings), a particle ("al", "de", "bint") or a common given name gives two
 * tokens (the part and its phonetic code). Requiring most of the name to agree links spelling variants ("Amina
 * Haddad" and "Ameena Haddad": the family name and the given name's sound) but not two people who share one name.
 * Rows without a birth date are linked only by confirmation (the case search's "possible match" suggestion is for
 * people to confirm, not for statistics). Only HMAC tokens are compared: no name is read.
 *
 * Known limits: a person recorded with another birth date, or with only part of the name, by a second organisation
 * and never confirmed is counted twice (also when most of their name is made of very common parts); twins recorded
 * with the same given and family names are merged.
 */

export interface PersonKeys {
  readonly id: string;
  readonly nameIndex: readonly string[];
  readonly birthDateIndex: string | null;
}

export interface Linkage {
  /** The linked person (a representative row id) of every row id given. */
  readonly personOf: ReadonlyMap<string, string>;
  /** Distinct linked people. */
  readonly people: number;
  /** Rows merged into another by the keys rule (each merge of two distinct groups counts once). */
  readonly mergedByKeys: number;
  /** Merges made by confirmed match requests that the keys had not already made. */
  readonly mergedByConfirmation: number;
}

/** Tokens two rows must share (a name part and its phonetic code are two; a spelling variant adds the sound). */
export const MIN_SHARED_TOKENS = 3;
/** A token held by more than this share of the rows (and more than COMMON_TOKEN_MIN_ROWS rows) is not evidence. */
export const COMMON_TOKEN_SHARE = 0.05;
export const COMMON_TOKEN_MIN_ROWS = 50;

/** Enough of the name agrees: at least MIN_SHARED_TOKENS shared, and at least half of the shorter token set. */
export function sameName(shared: number, tokensA: number, tokensB: number): boolean {
  return shared >= MIN_SHARED_TOKENS && 2 * shared >= Math.min(tokensA, tokensB);
}

class UnionFind {
  private readonly parent: number[];
  private readonly rank: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
    this.rank = new Array<number>(size).fill(0);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] ?? root;
    let node = i;
    while (this.parent[node] !== root) {
      const next = this.parent[node] ?? root;
      this.parent[node] = root;
      node = next;
    }
    return root;
  }
  /** Joins the two groups; false when they already were one. */
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    const rankA = this.rank[ra] ?? 0;
    const rankB = this.rank[rb] ?? 0;
    if (rankA < rankB) this.parent[ra] = rb;
    else if (rankA > rankB) this.parent[rb] = ra;
    else {
      this.parent[rb] = ra;
      this.rank[ra] = rankA + 1;
    }
    return true;
  }
}

/** Links the rows; confirmed pairs naming a row not among `persons` are ignored. */
export function linkPersons(persons: readonly PersonKeys[], confirmedPairs: ReadonlyArray<readonly [string, string]>): Linkage {
  const indexOf = new Map<string, number>();
  persons.forEach((person, i) => indexOf.set(person.id, i));
  const sets = new UnionFind(persons.length);
  let mergedByKeys = 0;
  // (a) Within each birth date, count the tokens each pair of rows shares.
  const byBirthDate = new Map<string, number[]>();
  persons.forEach((person, i) => {
    if (person.birthDateIndex === null || person.nameIndex.length === 0) return;
    const group = byBirthDate.get(person.birthDateIndex);
    if (group) group.push(i);
    else byBirthDate.set(person.birthDateIndex, [i]);
  });
  const frequency = new Map<string, number>();
  for (const person of persons) for (const token of new Set(person.nameIndex)) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  const common = Math.max(COMMON_TOKEN_MIN_ROWS, COMMON_TOKEN_SHARE * persons.length);
  const tokensOf = persons.map((person) => [...new Set(person.nameIndex)].filter((token) => (frequency.get(token) ?? 0) <= common));
  for (const group of byBirthDate.values()) {
    if (group.length < 2) continue;
    const holders = new Map<string, number[]>();
    const identical = new Map<string, number>();
    for (const i of group) {
      const whole = [...new Set(persons[i]?.nameIndex ?? [])].sort().join(' ');
      const twin = identical.get(whole);
      if (twin === undefined) identical.set(whole, i);
      else if (sets.union(twin, i)) mergedByKeys++;
      const shared = new Map<number, number>();
      for (const token of tokensOf[i] ?? []) {
        const earlier = holders.get(token);
        if (earlier) for (const j of earlier) shared.set(j, (shared.get(j) ?? 0) + 1);
        if (earlier) earlier.push(i);
        else holders.set(token, [i]);
      }
      for (const [j, count] of shared) {
        if (sameName(count, tokensOf[i]?.length ?? 0, tokensOf[j]?.length ?? 0) && sets.union(i, j)) mergedByKeys++;
      }
    }
  }
  // (b) Confirmed matches.
  let mergedByConfirmation = 0;
  for (const [a, b] of confirmedPairs) {
    const i = indexOf.get(a);
    const j = indexOf.get(b);
    if (i === undefined || j === undefined) continue;
    if (sets.union(i, j)) mergedByConfirmation++;
  }
  const personOf = new Map<string, string>();
  const roots = new Set<number>();
  persons.forEach((person, i) => {
    const root = sets.find(i);
    roots.add(root);
    personOf.set(person.id, persons[root]?.id ?? person.id);
  });
  return { personOf, people: roots.size, mergedByKeys, mergedByConfirmation };
}
