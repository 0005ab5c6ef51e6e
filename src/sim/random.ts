/**
 * Seeded pseudo-random numbers for the simulator. Same seed, same sequence, on every machine:
 * the generator is mulberry32 (Tommy Ettinger's 32-bit generator, public domain), which is fast,
 * passes the usual statistical batteries for this use and needs no dependency.
 */

/** Returns a uniform number in [0, 1). */
export type Random = () => number;

/** Creates a mulberry32 generator from a 32-bit seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Derives an independent stream for one purpose (arrivals, service times, boots) from a run seed. */
export function deriveSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Standard normal variate (Box-Muller; the second value is discarded to keep streams simple). */
export function standardNormal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Lognormal variate with the given mean and coefficient of variation (standard deviation ÷
 * mean). `cv` 0 returns `mean` exactly, without drawing, so deterministic runs stay exact.
 */
export function lognormal(random: Random, mean: number, cv: number): number {
  if (cv <= 0) return mean;

  const sigmaSquared = Math.log(1 + cv * cv);
  const mu = Math.log(mean) - sigmaSquared / 2;
  return Math.exp(mu + Math.sqrt(sigmaSquared) * standardNormal(random));
}

/** Uniform variate in [mean - jitter, mean + jitter]; `jitter` 0 returns `mean` without drawing. */
export function uniformAround(random: Random, mean: number, jitter: number): number {
  if (jitter <= 0) return mean;
  return mean + jitter * (2 * random() - 1);
}

/** Rounds `value` up or down at random so that the expected result equals `value`. */
export function stochasticRound(random: Random, value: number): number {
  const whole = Math.floor(value);
  const fraction = value - whole;
  if (fraction === 0) return whole;
  return random() < fraction ? whole + 1 : whole;
}
