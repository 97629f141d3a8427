/**
 * Pure helpers of the section-06 figures: the target and its data, the batch
 * order, the live run's pace, the plot paths and the curve fingerprint.
 */
import { describe, expect, it } from 'vitest';
import { LossHistory } from '../../src/lib/fit1d/loss-history';
import { linePath, logTicks, niceTicks, px, py, type Frame } from '../../src/lib/fit1d/plot';
import { MAX_RATE, MAX_STEPS, MIN_RATE, secondsToReach, stepRate, stepsForTick } from '../../src/lib/fit1d/pace';
import { PROBE_INDICES, probeText } from '../../src/lib/fit1d/probe';
import { seededUniform, shuffleInPlace } from '../../src/lib/fit1d/random';
import { BatchOrder } from '../../src/lib/fit1d/session';
import { linspace, STEP_DOWN, STEP_UP, target, targetOutline, trainingSet, TRAIN_COUNT } from '../../src/lib/fit1d/target';

describe('target', () => {
  it('is a plateau: 0, then 1 on [−1/3, 1/3), then 0', () => {
    expect(target(-1)).toBe(0);
    expect(target(STEP_UP - 1e-9)).toBe(0);
    expect(target(STEP_UP)).toBe(1);
    expect(target(0)).toBe(1);
    expect(target(STEP_DOWN - 1e-9)).toBe(1);
    expect(target(STEP_DOWN)).toBe(0);
    expect(target(1)).toBe(0);
    const o = targetOutline();
    expect(o).toHaveLength(6);
    for (const [x, y] of [o[0]!, o[5]!]) expect(target(x)).toBe(y);
  });

  it('has 200 training points at cell midpoints, none on a step, a third of them on the plateau', () => {
    const { xs, ys } = trainingSet();
    expect(xs.length).toBe(TRAIN_COUNT);
    expect(xs[0]).toBeCloseTo(-0.995, 12);
    expect(xs[TRAIN_COUNT - 1]).toBeCloseTo(0.995, 12);
    expect(Array.from(xs).every((x) => Math.abs(x - STEP_UP) > 1e-3 && Math.abs(x - STEP_DOWN) > 1e-3)).toBe(true);
    expect(Array.from(ys).filter((y) => y === 1).length).toBe(66);
  });

  it('linspace includes both ends and rejects fewer than 2 points', () => {
    const xs = linspace(-1, 1, 201);
    expect(xs[0]).toBe(-1);
    expect(xs[200]).toBe(1);
    expect(xs[100]).toBeCloseTo(0, 15);
    expect(() => linspace(0, 1, 1)).toThrow(RangeError);
  });
});

describe('random and batches', () => {
  it('the generator is seeded and uniform enough', () => {
    const a = seededUniform(42);
    const b = seededUniform(42);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    expect(seededUniform(43)()).not.toBe(seededUniform(42)());
  });

  it('shuffle is a permutation', () => {
    const arr = Uint32Array.from({ length: 50 }, (_, i) => i);
    shuffleInPlace(arr, seededUniform(1));
    expect(Array.from(arr).sort((p, q) => p - q)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(arr)).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('each epoch visits every example once, with a short last batch, and restart repeats the order', () => {
    const order = new BatchOrder(10, 3);
    const sizes: number[] = [];
    const seen: number[] = [];
    for (let k = 0; k < 3; k++) {
      const b = order.next(4);
      sizes.push(b.length);
      seen.push(...b);
    }
    expect(sizes).toEqual([4, 4, 2]);
    expect(seen.sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const again = new BatchOrder(10, 3);
    const first = Array.from(again.next(4));
    again.next(4);
    again.restart();
    expect(Array.from(again.next(4))).toEqual(first);
  });
});

describe('pace of the live run', () => {
  it('starts slowly, grows with the step count, and is capped', () => {
    expect(stepRate(0)).toBe(MIN_RATE);
    expect(stepRate(2000)).toBeGreaterThan(stepRate(1000));
    expect(stepRate(1e9)).toBe(MAX_RATE);
  });

  it('gives at least one step per tick, carries fractions, and stops at the limit', () => {
    expect(stepsForTick(0, 1).steps).toBe(1);
    const a = stepsForTick(0, 80, 0);
    expect(a.steps).toBe(Math.floor((MIN_RATE * 80) / 1000));
    expect(a.carry).toBeCloseTo((MIN_RATE * 80) / 1000 - a.steps, 9);
    expect(stepsForTick(MAX_STEPS - 3, 1000).steps).toBe(3);
    expect(stepsForTick(MAX_STEPS, 1000).steps).toBe(0);
  });

  it('reaches the pretrained run’s threshold step (≈ 1 240) well within 30 s', () => {
    expect(secondsToReach(1240)).toBeLessThan(10);
    expect(secondsToReach(1240)).toBeGreaterThan(3);
  });
});

describe('plots', () => {
  const frame: Frame = { x0: -1, x1: 1, y0: 0, y1: 1, left: 10, top: 20, width: 100, height: 50 };
  it('maps data to px with y upwards, and clamps curves to the frame', () => {
    expect(px(frame, -1)).toBe(10);
    expect(px(frame, 1)).toBe(110);
    expect(py(frame, 0)).toBe(70);
    expect(py(frame, 1)).toBe(20);
    expect(linePath(frame, [-1, 0, 1], [0, 5, -5])).toBe('M10 70L60 20L110 70');
    expect(linePath(frame, [], [])).toBe('');
  });

  it('chooses nice ticks', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-1, 1, 4)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(logTicks(1e-4, 10)).toEqual([1e-4, 1e-3, 1e-2, 0.1, 1, 10]);
    expect(() => logTicks(0, 1)).toThrow(RangeError);
  });
});

describe('probe', () => {
  it('reads 7 fixed points of a 201-point curve with 4 decimals', () => {
    const curve = linspace(-1, 1, 201);
    expect(probeText(curve)).toBe(PROBE_INDICES.map((i) => curve[i]!.toFixed(4)).join(' '));
    expect(probeText(curve).split(' ')).toEqual(['-0.9000', '-0.5000', '-0.2000', '0.0000', '0.2000', '0.5000', '0.9000']);
    expect(() => probeText([1, 2, 3])).toThrow(RangeError);
  });
});

describe('loss history', () => {
  it('keeps points in order, thins to at most the limit keeping the newest, and finds the first point below a goal', () => {
    const h = new LossHistory(10);
    const flat: number[] = [];
    for (let s = 0; s < 25; s++) flat.push(s, 1 / (s + 1));
    h.push(flat);
    expect(h.steps.length).toBeLessThanOrEqual(10);
    expect(h.steps.length).toBe(h.mses.length);
    expect(h.steps[h.steps.length - 1]).toBe(24);
    expect([...h.steps].sort((a, b) => a - b)).toEqual(h.steps);
    expect(h.mses[h.steps.indexOf(24)]).toBe(1 / 25);
    h.clear();
    expect(h.steps).toEqual([]);
    expect(LossHistory.firstBelow([0, 1, 10, 0.2, 20, 0.004, 30, 0.003], 0.005)).toBe(20);
    expect(LossHistory.firstBelow([0, 1, 10, 0.2], 0.005)).toBeNull();
  });
});
