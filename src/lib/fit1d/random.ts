/**
 * A small seeded pseudo-random generator for reproducible batch orders: a
 * Weyl sequence (step 0x9E3779B9, the golden ratio in 32 bits) passed through
 * the 32-bit finaliser of MurmurHash3 (Austin Appleby, public domain).
 * Pure; the same seed gives the same numbers in Node and in every browser.
 */

/**
 * A generator of uniform numbers in [0, 1).
 * @param seed any integer (taken modulo 2³²)
 */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  };
}

/**
 * Shuffle `arr` in place (Fisher–Yates).
 * @param random uniform generator in [0, 1)
 * @returns `arr`
 */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(arr: T, random: () => number): T {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = arr[i]!;
    arr[i] = arr[j]!;
    arr[j] = t;
  }
  return arr;
}
