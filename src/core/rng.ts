/**
 * The one random generator of spikelab: xoshiro128** 1.1 (Blackman & Vigna,
 * "Scrambled linear pseudorandom number generators", ACM TOMS 47(4), 2021;
 * reference C code at https://prng.di.unimi.it/xoshiro128starstar.c).
 *
 * Why this algorithm: its state and output are 32-bit words, so every step is
 * a handful of integer operations (`Math.imul`, shifts, xor) that JavaScript
 * engines execute exactly — the same seed gives the same stream on every
 * platform, in Node and in the browser. Period 2^128 − 1; `jump()` advances
 * by 2^64 steps to give non-overlapping streams.
 *
 * Seeding follows the authors' recommendation: the 4 state words are the
 * low and high halves of two consecutive SplitMix64 outputs started from the
 * seed (Steele, Lea & Flood 2014). Child generators for populations, workers
 * or layers are derived from the *seed* and a key (`derive`), so a stream does
 * not depend on how many numbers another stream has drawn.
 *
 * Floating-point distributions use only `Math.log`, `Math.sqrt` and `Math.exp`;
 * V8 (Node, Chromium) implements log/exp with the same fdlibm port on every
 * CPU, so derived streams are bit-identical across V8 platforms too.
 */

import { SpikelabError } from './errors.ts';

const MASK64 = (1n << 64n) - 1n;

/** SplitMix64 step: returns [next state, output]. BigInt is fine here: it only runs at seeding. */
function splitMix64(state: bigint): [bigint, bigint] {
  const s = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = s;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return [s, z ^ (z >> 31n)];
}

/** 2^-32 and 2^-53, exact. */
const TWO_POW_M32 = 2.3283064365386963e-10;
const TWO_POW_M53 = 1.1102230246251565e-16;

export type Seed = number | bigint;

function checkSeed(seed: Seed): bigint {
  if (typeof seed === 'bigint') {
    if (seed < 0n || seed > MASK64) {
      throw new SpikelabError(
        'INVALID_ARGUMENT',
        `seed: got ${seed}; allowed: an integer in [0, 2^64)`,
      );
    }
    return seed;
  }
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `seed: got ${seed}; allowed: a non-negative integer up to 2^53 − 1`,
    );
  }
  return BigInt(seed);
}

/** FNV-1a over UTF-16 code units: turns a string key into a stable 32-bit number. */
function hashKey(key: string | number): bigint {
  if (typeof key === 'number') {
    if (!Number.isSafeInteger(key) || key < 0) {
      throw new SpikelabError(
        'INVALID_ARGUMENT',
        `stream key: got ${key}; allowed: a non-negative integer or a string`,
      );
    }
    return BigInt(key);
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return BigInt(h) | (1n << 40n); // keep string keys apart from small numeric keys
}

export class Rng {
  /** The seed this generator (or its derivation chain) started from. */
  readonly seed: bigint;
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** Second value of the last polar normal pair (NaN when none is cached). */
  private spareNormal = Number.NaN;

  constructor(seed: Seed) {
    this.seed = checkSeed(seed);
    const [st, a] = splitMix64(this.seed);
    const [, b] = splitMix64(st);
    this.s0 = Number(a & 0xffffffffn) | 0;
    this.s1 = Number(a >> 32n) | 0;
    this.s2 = Number(b & 0xffffffffn) | 0;
    this.s3 = Number(b >> 32n) | 0;
  }

  /**
   * An independent generator for a named sub-stream (a population, a layer,
   * a sample). Depends only on this generator's seed and the key.
   */
  derive(key: string | number): Rng {
    const [, mixed] = splitMix64(this.seed ^ ((hashKey(key) * 0x9e3779b97f4a7c15n) & MASK64));
    return new Rng(mixed);
  }

  /** A copy with the same state: both then produce the same stream. */
  clone(): Rng {
    const r = Object.create(Rng.prototype) as Rng;
    (r as { seed: bigint }).seed = this.seed;
    r.s0 = this.s0;
    r.s1 = this.s1;
    r.s2 = this.s2;
    r.s3 = this.s3;
    r.spareNormal = this.spareNormal;
    return r;
  }

  /** The four state words (for checkpoints and golden tests). */
  getState(): [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }

  /** Next 32-bit output as an unsigned integer in [0, 2^32). */
  nextU32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9);
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.s1 = s1 ^ n2;
    this.s0 = s0 ^ n3;
    this.s2 = n2 ^ t;
    this.s3 = (n3 << 11) | (n3 >>> 21);
    return result >>> 0;
  }

  /** Uniform in [0, 1) with 53 random bits (two 32-bit outputs). */
  uniform(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) * TWO_POW_M53;
  }

  /** Uniform in [0, 1) with 32 random bits (one output): for hot loops where 2^-32 resolution is enough. */
  uniform32(): number {
    return this.nextU32() * TWO_POW_M32;
  }

  /** Uniform in [low, high). */
  range(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /** Unbiased integer in [0, n) for 1 ≤ n ≤ 2^32: modulo with rejection of the incomplete last block. */
  int(n: number): number {
    if (!(n >= 1 && n <= 4294967296 && Number.isInteger(n))) {
      throw new SpikelabError(
        'INVALID_ARGUMENT',
        `int(n): got ${n}; allowed: an integer in [1, 2^32]`,
      );
    }
    // Every value here is below 2^32, so the double arithmetic is exact.
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const x = this.nextU32();
      if (x < limit) return x % n;
    }
  }

  /** Standard normal by Marsaglia's polar method (one pair per two calls). */
  normal(mean = 0, sd = 1): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = Number.NaN;
      return mean + sd * z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return mean + sd * u * f;
  }

  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate = 1): number {
    return -Math.log(1 - this.uniform()) / rate;
  }

  /** Bernoulli trial with success probability p. */
  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** In-place Fisher–Yates shuffle. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** A permutation of 0..n−1 as a Uint32Array. */
  permutation(n: number): Uint32Array {
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /**
   * Advance by 2^64 steps: the generator then runs on a stream that does not
   * overlap the 2^64 numbers it would have produced (reference `jump()`).
   */
  jump(): void {
    const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];
    let t0 = 0;
    let t1 = 0;
    let t2 = 0;
    let t3 = 0;
    for (const word of JUMP) {
      for (let b = 0; b < 32; b++) {
        if ((word >>> b) & 1) {
          t0 ^= this.s0;
          t1 ^= this.s1;
          t2 ^= this.s2;
          t3 ^= this.s3;
        }
        this.nextU32();
      }
    }
    this.s0 = t0;
    this.s1 = t1;
    this.s2 = t2;
    this.s3 = t3;
    this.spareNormal = Number.NaN;
  }
}

/** Accepts a generator or a seed; every stochastic API takes one of them explicitly. */
export function toRng(rngOrSeed: Rng | Seed): Rng {
  return rngOrSeed instanceof Rng ? rngOrSeed : new Rng(rngOrSeed);
}
