import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plus>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The synthetic data's only source of chance: pure-rand's xoroshiro128+ seeded once, so that one seed always gives
 * the same cases. Never used for anything secret (keys, IVs and tokens come from node:crypto).
 */
export class SyntheticRandom {
  private constructor(private readonly rng: Generator) {}

  static fromSeed(seed: number): SyntheticRandom {
    return new SyntheticRandom(xoroshiro128plus(seed | 0));
  }

  /** An independent stream far from this one (2^64 draws away), leaving this one as it was. */
  fork(): SyntheticRandom {
    const copy = this.rng.clone();
    copy.jump();
    this.rng.jump();
    this.rng.jump();
    return new SyntheticRandom(copy);
  }

  /** In [0, 1). */
  float(): number {
    return uniformFloat64(this.rng);
  }

  /** An integer in [from, to], both included. */
  int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** One value, with probability proportional to its weight. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let roll = this.float() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = entries.at(-1);
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  /** `count` distinct items, in the list's order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    const wanted = Math.min(count, items.length);
    while (chosen.size < wanted) chosen.add(this.int(0, items.length - 1));
    return items.filter((_, index) => chosen.has(index));
  }

  /** A version-4-shaped UUID drawn from the seeded stream (deterministic, so re-running a seed gives the same ids). */
  uuid(): string {
    const a = this.word();
    const b = this.word();
    const c = this.word();
    const d = this.word();
    const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');
    return `${hex(a, 8)}-${hex(b >>> 16, 4)}-${hex(0x4000 | (b & 0x0fff), 4)}-${hex(0x8000 | ((c >>> 16) & 0x3fff), 4)}-${hex(c & 0xffff, 4)}${hex(d, 8)}`;
  }

  /** 32 random bits as an unsigned integer. */
  private word(): number {
    return this.rng.next() >>> 0;
  }

  /** `count` characters from the alphabet. */
  code(alphabet: string, count: number): string {
    let out = '';
    for (let i = 0; i < count; i += 1) out += alphabet.charAt(this.int(0, alphabet.length - 1));
    return out;
  }

  /** A moment between `minDays` and `maxDays` days after `from` (negative days go back), to the second. */
  after(from: Date, minDays: number, maxDays: number): Date {
    const ms = (minDays + this.float() * (maxDays - minDays)) * DAY_MS;
    return new Date(Math.floor((from.getTime() + ms) / 1000) * 1000);
  }

  /** A few minutes after `from` (successive steps of one meeting). */
  minutesAfter(from: Date, min: number, max: number): Date {
    return new Date(from.getTime() + this.int(min * 60, max * 60) * 1000);
  }
}

export const daysBetween = (from: Date, to: Date): number => (to.getTime() - from.getTime()) / DAY_MS;
export const addDays = (from: Date, days: number): Date => new Date(from.getTime() + days * DAY_MS);
