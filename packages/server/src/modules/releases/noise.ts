import { randomFillSync } from 'node:crypto';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { mersenne } from 'pure-rand/generator/mersenne';
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plus>;

/**
 * The chance behind a release: pure-rand's xoroshiro128+ generator. Releases seed it with 128 bits from node:crypto
 * that are never stored or shown (knowing them would give the noise away); tests seed it with a number so that a run
 * can be repeated.
 */
export class ReleaseRandom {
  private spare: number | null = null;

  private constructor(private readonly rng: Generator) {}

  static seeded(seed: number): ReleaseRandom {
    // xoroshiro128+'s first outputs from nearby small seeds are alike; the Mersenne Twister spreads the seed over the state.
    const spread = mersenne(seed | 0);
    return new ReleaseRandom(xoroshiro128plusFromState([spread.next(), spread.next(), spread.next(), spread.next() | 1]));
  }

  static secure(): ReleaseRandom {
    const state = randomFillSync(new Int32Array(4));
    if (state.every((word) => word === 0)) state[0] = 1; // the all-zero state is the generator's one fixed point
    return new ReleaseRandom(xoroshiro128plusFromState(Array.from(state)));
  }

  /** Uniform in [0, 1). */
  float(): number {
    return uniformFloat64(this.rng);
  }

  /** Uniform integer in [0, n). */
  index(n: number): number {
    return uniformInt(this.rng, 0, n - 1);
  }

  /** Standard normal, by the Box-Muller transform (both values of a pair are used). */
  normal(): number {
    if (this.spare !== null) {
      const value = this.spare;
      this.spare = null;
      return value;
    }
    const u = 1 - this.float(); // (0, 1]: log(u) is finite
    const v = this.float();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  /** Gaussian noise with standard deviation sigma. */
  gaussian(sigma: number): number {
    return sigma * this.normal();
  }

  /** Laplace noise with scale b, by inverting the distribution function. */
  laplace(scale: number): number {
    let u = this.float() - 0.5;
    while (u === -0.5) u = this.float() - 0.5; // log(0) otherwise
    return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
  }
}
