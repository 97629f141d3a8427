/**
 * How fast the live run advances, so a reader can watch it: slowly at first
 * (the big early changes are visible), then faster and faster (each doubling
 * of the step count takes about the same time, ≈ 1.4 s), as on the
 * logarithmic loss axis. Pure.
 */

/** Slowest pace, steps per second (the first ≈ 2 s). */
export const MIN_RATE = 60;
/** Fastest pace, steps per second. */
export const MAX_RATE = 5000;
/** Growth: the pace is this many steps per second per step already taken. */
export const GROWTH = 0.5;
/** The live run stops by itself after this many steps. */
export const MAX_STEPS = 30_000;

/**
 * Steps per second at a given step: clamp(GROWTH · step, MIN_RATE, MAX_RATE).
 * @param step steps taken so far
 */
export function stepRate(step: number): number {
  return Math.min(MAX_RATE, Math.max(MIN_RATE, GROWTH * step));
}

/**
 * Steps to take in a tick of `dtMs` milliseconds starting at `step`
 * (at least 1, never past {@link MAX_STEPS}).
 * @param carry fraction of a step left over from the previous tick, in [0, 1)
 * @returns whole steps now and the fraction to carry to the next tick
 */
export function stepsForTick(step: number, dtMs: number, carry = 0): { steps: number; carry: number } {
  const exact = (stepRate(step) * Math.max(0, dtMs)) / 1000 + carry;
  let steps = Math.max(1, Math.floor(exact));
  const left = steps === 1 && exact < 1 ? 0 : exact - steps;
  steps = Math.min(steps, Math.max(0, MAX_STEPS - step));
  return { steps, carry: Math.max(0, Math.min(0.999, left)) };
}

/**
 * Seconds the schedule needs to go from step 0 to `target` if every tick
 * computes what it asks for (for the figure's text and the benchmark).
 */
export function secondsToReach(target: number): number {
  let step = 0;
  let t = 0;
  const dt = 0.01;
  while (step < target && t < 3600) {
    step += stepRate(step) * dt;
    t += dt;
  }
  return t;
}
