/**
 * Seeded pseudo-random numbers and the few distributions the generator needs.
 *
 * sfc32 (Small Fast Counting, 32-bit) seeded through splitmix32: fast in JS (pure
 * 32-bit integer ops), passes PractRand, and reproducible across platforms, which is
 * what "same seed gives the same events" needs. Not for cryptography.
 */

/** Hashes any string or number into a 32-bit seed (FNV-1a over the UTF-16 units). */
export function seedFrom(value: string | number): number {
  const text = String(value);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string | number) {
    const next = splitmix32(seedFrom(seed));
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    // Warm up so that nearby seeds diverge immediately.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** Derives an independent stream, so adding draws in one place does not shift another. */
  fork(label: string): Random {
    return new Random(`${this.uint32()}:${label}`);
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Standard normal via Box-Muller (one value per call; simplicity over speed). */
  normal(mean = 0, sd = 1): number {
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  logNormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    let u = 0;
    while (u === 0) u = this.next();
    return -Math.log(u) * mean;
  }

  /** Poisson-ish small counts via Knuth (fine for means below ~30). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** A random RFC 4122 version-4 UUID built from this stream (deterministic per seed). */
  uuid(): string {
    const w0 = this.uint32();
    const w1 = this.uint32();
    const w2 = ((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0; // variant 10xx
    const w3 = this.uint32();
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const a = hex(w0);
    const b = hex(((w1 & 0xffff0fff) | 0x00004000) >>> 0); // version 4
    const c = hex(w2);
    const d = hex(w3);
    return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(
      4,
    )}${d}`;
  }
}

/**
 * Weighted sampling in O(log n) over a cumulative table. Weights are fixed at
 * construction; used for skewed (Zipf-like) customer and product popularity.
 */
export class WeightedTable<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(readonly items: readonly T[], weights: readonly number[]) {
    if (items.length === 0 || items.length !== weights.length) {
      throw new Error(
        'WeightedTable needs as many weights as items, and at least one',
      );
    }
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i] as number;
      if (!(w >= 0) || !Number.isFinite(w))
        throw new Error(`invalid weight ${w} at ${i}`);
      sum += w;
      this.cumulative[i] = sum;
    }
    if (sum <= 0)
      throw new Error('WeightedTable needs a positive total weight');
    this.total = sum;
  }

  sample(random: Random): T {
    const target = random.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}

/** Zipf weights 1/rank^s for ranks 1..n. */
export function zipfWeights(n: number, s: number): number[] {
  const weights = new Array<number>(n);
  for (let i = 0; i < n; i++) weights[i] = 1 / Math.pow(i + 1, s);
  return weights;
}
