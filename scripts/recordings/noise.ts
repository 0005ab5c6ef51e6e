/**
 * Deterministic noise for the generated recordings: the same seed and key give the same number
 * on every run and platform, so regenerating the files changes nothing unless a scenario does.
 */

/** FNV-1a hash of a string, 32 bits. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Returns a number in [0, 1) for `key` under `seed` (one mulberry32 step on the hash). */
export function unitNoise(seed: string, key: string): number {
  let state = (hashText(`${seed}|${key}`) + 0x6d2b79f5) >>> 0;
  state = Math.imul(state ^ (state >>> 15), state | 1);
  state ^= state + Math.imul(state ^ (state >>> 7), state | 61);
  return ((state ^ (state >>> 14)) >>> 0) / 4294967296;
}

/** Returns `base` moved by at most `spread` either way. */
export function around(seed: string, key: string, base: number, spread: number): number {
  return base + (2 * unitNoise(seed, key) - 1) * spread;
}

/** Returns `length` hex digits derived from `seed`, for identifiers such as instance IDs and ARNs. */
export function hexId(seed: string, length: number): string {
  let hex = '';
  for (let part = 0; hex.length < length; part++) {
    hex += Math.floor(unitNoise(seed, `hex:${part}`) * 4294967296).toString(16).padStart(8, '0');
  }
  return hex.slice(0, length);
}
