/** Fault injection settings; rates are clamped to 0..1 and latency to 0..60 s so a typo cannot hang a test run. */
export interface FaultOptions {
  latencyMs?: number;
  dropRate?: number;
  errorRate?: number;
  badSignRate?: number;
  /** Seed of the PRNG: the same seed and request order give the same faults. */
  seed?: number;
}

/** The faults drawn for one request. */
export interface FaultDraw {
  drop: boolean;
  error: boolean;
  badSign: boolean;
  latencyMs: number;
}

const clamp = (v: number | undefined, max: number) =>
  Math.min(max, Math.max(0, Number.isFinite(v) ? (v as number) : 0));

/** mulberry32: small, fast, seeded; not for secrets. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws faults per transaction request, deterministically. */
export class Faults {
  private readonly next: () => number;
  private readonly o: Required<Omit<FaultOptions, 'seed'>>;

  constructor(options: FaultOptions = {}) {
    this.next = mulberry32(options.seed ?? 20180516);
    this.o = {
      latencyMs: clamp(options.latencyMs, 60_000),
      dropRate: clamp(options.dropRate, 1),
      errorRate: clamp(options.errorRate, 1),
      badSignRate: clamp(options.badSignRate, 1),
    };
  }

  get active(): boolean {
    return this.o.latencyMs > 0 || this.o.dropRate > 0 || this.o.errorRate > 0 || this.o.badSignRate > 0;
  }

  draw(): FaultDraw {
    if (!this.active) return { drop: false, error: false, badSign: false, latencyMs: 0 };
    // Three draws every time, so one rate never shifts the sequence of another.
    const d = this.next();
    const e = this.next();
    const b = this.next();
    return {
      drop: d < this.o.dropRate,
      error: e < this.o.errorRate,
      badSign: b < this.o.badSignRate,
      latencyMs: this.o.latencyMs,
    };
  }
}
