/**
 * Pure helpers of the figures: the live-training loss axis follows the data
 * below 1e-4 (it used to be fixed there, hiding smaller losses), and the arrow
 * keys' moves used by every keyboard-driven plot.
 */
import { describe, expect, it } from 'vitest';
import { lossYMin } from '../../src/components/figures/fit1d/live-charts';
import { arrowMove } from '../../src/components/figures/kit/keys';

describe('lossYMin', () => {
  it('keeps the 1e-4 floor while every loss is above it', () => {
    expect(lossYMin([0.5, 0.02, 0.0003], [1e-3])).toBe(1e-4);
  });
  it('extends the axis to the power of ten at or below the smallest loss', () => {
    const losses = [0.3, 0.001, 3.2e-6, 4e-5];
    const floor = lossYMin(losses);
    expect(floor).toBeCloseTo(1e-6, 15);
    expect(Math.min(...losses)).toBeGreaterThanOrEqual(floor);
    expect(lossYMin([1e-7])).toBeCloseTo(1e-7, 18);
  });
  it('ignores zero, negative and non-finite values and never goes below 1e-12', () => {
    expect(lossYMin([0, -1, NaN, Infinity, 0.5])).toBe(1e-4);
    expect(lossYMin([1e-30])).toBe(1e-12);
  });
});

describe('arrowMove', () => {
  it('maps arrows to maths directions (up is +y) and Shift to bigger steps', () => {
    expect(arrowMove({ key: 'ArrowRight', shiftKey: false })).toEqual([1, 0]);
    expect(arrowMove({ key: 'ArrowUp', shiftKey: false })).toEqual([0, 1]);
    expect(arrowMove({ key: 'ArrowDown', shiftKey: true })).toEqual([0, -4]);
    expect(arrowMove({ key: 'ArrowLeft', shiftKey: true }, 3)).toEqual([-3, 0]);
    expect(arrowMove({ key: 'Enter', shiftKey: false })).toBeNull();
  });
});
