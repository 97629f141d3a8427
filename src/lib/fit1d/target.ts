/**
 * The function the 1-D network learns (section 06, figure "fit1d-target"), and
 * the data it is trained on. Pure: no DOM, no tfjs.
 *
 * The target is a plateau ("bump") on the input range [−1, 1]:
 *
 *   f(x) = 1  for −1/3 ≤ x < 1/3,
 *   f(x) = 0  elsewhere.
 *
 * Flat, a sharp step up, flat, a sharp step down, flat: a shape that a network
 * built from smooth units can only approximate by combining many of them,
 * which is the point the figures make.
 */

/** Smallest input shown and trained on. */
export const X_MIN = -1;
/** Largest input shown and trained on. */
export const X_MAX = 1;
/** Input where the function steps up. */
export const STEP_UP = -1 / 3;
/** Input where the function steps back down. */
export const STEP_DOWN = 1 / 3;
/** Value outside the plateau. */
export const LOW = 0;
/** Value on the plateau. */
export const HIGH = 1;

/** Number of training examples. */
export const TRAIN_COUNT = 200;

/**
 * The target function.
 * @param x input (any real; the figures use [{@link X_MIN}, {@link X_MAX}])
 * @returns {@link HIGH} on [{@link STEP_UP}, {@link STEP_DOWN}), else {@link LOW}
 */
export function target(x: number): number {
  return x >= STEP_UP && x < STEP_DOWN ? HIGH : LOW;
}

/**
 * The corner points of the target on [{@link X_MIN}, {@link X_MAX}], in order,
 * for drawing it exactly as straight segments (vertical at the steps).
 * @returns 6 points `[x, y]`
 */
export function targetOutline(): [number, number][] {
  return [
    [X_MIN, LOW],
    [STEP_UP, LOW],
    [STEP_UP, HIGH],
    [STEP_DOWN, HIGH],
    [STEP_DOWN, LOW],
    [X_MAX, LOW],
  ];
}

/**
 * `n` evenly spaced inputs covering [lo, hi], both ends included.
 * @param n number of points, ≥ 2
 * @throws RangeError when n < 2
 */
export function linspace(lo: number, hi: number, n: number): Float64Array {
  if (!(n >= 2)) throw new RangeError(`linspace needs at least 2 points, got ${n}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + ((hi - lo) * i) / (n - 1);
  return out;
}

/** Training examples: inputs and target values, same length. */
export interface Dataset {
  xs: Float64Array;
  ys: Float64Array;
}

/**
 * The training set: {@link TRAIN_COUNT} inputs at the midpoints of equal
 * cells of [{@link X_MIN}, {@link X_MAX}] (so no input falls exactly on a
 * step), each with its target value. The mean squared error quoted in the
 * figures is measured on these points.
 * @param n number of examples (default {@link TRAIN_COUNT})
 */
export function trainingSet(n = TRAIN_COUNT): Dataset {
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const w = (X_MAX - X_MIN) / n;
  for (let i = 0; i < n; i++) {
    xs[i] = X_MIN + (i + 0.5) * w;
    ys[i] = target(xs[i]!);
  }
  return { xs, ys };
}
