/**
 * A short, exact fingerprint of a curve sampled on the 201-point grid of
 * [−1, 1] (step 0.01): its values at x = −0.9, −0.5, −0.2, 0, 0.2, 0.5, 0.9.
 * The static gallery and the live figure both write it into a `data-probe`
 * attribute, so a test can check that "reset" in the live figure returns to
 * exactly the function of the gallery's first random draw. Pure.
 */

/** Indices into the 201-point grid. */
export const PROBE_INDICES = [10, 50, 80, 100, 120, 150, 190] as const;

/**
 * The fingerprint text, e.g. `0.1234 -0.5000 …` (4 decimals, space-separated).
 * @param curve 201 values on the grid
 * @throws RangeError when the curve is shorter than 191 values
 */
export function probeText(curve: ArrayLike<number>): string {
  if (curve.length <= PROBE_INDICES[PROBE_INDICES.length - 1]!) throw new RangeError(`curve has ${curve.length} values, expected 201`);
  return PROBE_INDICES.map((i) => curve[i]!.toFixed(4)).join(' ');
}
