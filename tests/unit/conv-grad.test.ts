/**
 * The wasm conv gradient kernels of scripts/train/lib/conv-grad.ts against
 * the cpu backend's reference kernels, on small random tensors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initTrainingBackend } from '../../scripts/train/lib/backend';

/** Deterministic pseudo-random numbers in [-1, 1). */
function randomValues(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

interface Case {
  name: string;
  x: [number, number, number, number];
  f: [number, number, number, number];
  strides: number;
  pad: 'valid' | 'same';
}

const cases: Case[] = [
  { name: '5×5 valid, 1→4 channels', x: [2, 9, 9, 1], f: [5, 5, 1, 4], strides: 1, pad: 'valid' },
  { name: '3×3 same, 3→5 channels', x: [3, 7, 6, 3], f: [3, 3, 3, 5], strides: 1, pad: 'same' },
  { name: '4×4 same (asymmetric padding)', x: [1, 8, 8, 2], f: [4, 4, 2, 3], strides: 1, pad: 'same' },
  { name: '3×3 stride 2 valid (fallback paths)', x: [2, 9, 9, 2], f: [3, 3, 2, 3], strides: 2, pad: 'valid' },
  { name: '5×5 stride 2 same (fallback paths)', x: [2, 10, 10, 1], f: [5, 5, 1, 6], strides: 2, pad: 'same' },
];

/** Gradients of sum(conv2d(x, f) · r) with respect to x and f on the current backend. */
function gradients(c: Case, seed: number): { dx: Float32Array; df: Float32Array } {
  return tf.tidy(() => {
    const x = tf.tensor4d(randomValues(c.x.reduce((a, b) => a * b), seed), c.x);
    const f = tf.tensor4d(randomValues(c.f.reduce((a, b) => a * b), seed + 1), c.f);
    const yShape = tf.conv2d(x, f, c.strides, c.pad).shape;
    const r = tf.tensor(randomValues(yShape.reduce((a, b) => a * b), seed + 2), yShape);
    const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad), r)));
    const [dx, df] = g([x, f]);
    return { dx: dx!.dataSync() as Float32Array, df: df!.dataSync() as Float32Array };
  });
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('wasm conv gradient kernels', () => {
  beforeAll(async () => {
    await initTrainingBackend();
  });

  it.each(cases)('match the cpu reference: $name', async (c) => {
    await tf.setBackend('cpu');
    const ref = gradients(c, 7);
    await tf.setBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const got = gradients(c, 7);
    expect(maxAbsDiff(got.df, ref.df)).toBeLessThan(1e-4);
    expect(maxAbsDiff(got.dx, ref.dx)).toBeLessThan(1e-4);
    // Not all zeros: the comparison means something.
    expect(Math.max(...ref.df.map(Math.abs))).toBeGreaterThan(0.1);
  });

  it('leaves no tensors behind', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    gradients(cases[0]!, 3);
    expect(tf.memory().numTensors).toBe(before);
  });
});
