/**
 * The faster wasm Tile kernel of scripts/train/catdog-kernels.ts against the
 * cpu backend's Tile, including the shapes it hands back to the original kernel.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-layers' Node bundle registers the op gradients.
import '@tensorflow/tfjs-layers';
import { isWholeRepeat, registerFastWasmKernels, repeatInto } from '../../scripts/train/catdog-kernels';

beforeAll(async () => {
  registerFastWasmKernels();
  await tf.setBackend('wasm');
});

async function onBackend<T>(name: string, f: () => T): Promise<T> {
  const prev = tf.getBackend();
  await tf.setBackend(name);
  try {
    return f();
  } finally {
    await tf.setBackend(prev);
  }
}

describe('isWholeRepeat / repeatInto', () => {
  it('recognises repeats of leading size-1 axes only', () => {
    expect(isWholeRepeat([1, 1, 1, 48], [64, 16, 16, 1])).toBe(true);
    expect(isWholeRepeat([5], [3])).toBe(true);
    expect(isWholeRepeat([2, 3], [2, 1])).toBe(true);
    expect(isWholeRepeat([2, 3], [1, 2])).toBe(false);
    expect(isWholeRepeat([1, 2, 1], [1, 1, 3])).toBe(false);
  });
  it('fills by doubling, including a partial last copy', () => {
    const out = new Float32Array(7 * 3);
    repeatInto([1, 2, 3], out);
    expect(Array.from(out)).toEqual(Array.from({ length: 21 }, (_, i) => (i % 3) + 1));
  });
});

describe('wasm Tile with the fast path', () => {
  const cases: [number[], number[]][] = [
    [[1, 1, 1, 5], [2, 3, 4, 1]],
    [[3], [4]],
    [[2, 3], [1, 2]],
    [[1, 2, 1], [2, 1, 3]],
  ];
  for (const [shape, reps] of cases) {
    it(`tiles ${JSON.stringify(shape)} by ${JSON.stringify(reps)} like the cpu backend`, async () => {
      const n = shape.reduce((a, b) => a * b, 1);
      const values = Array.from({ length: n }, (_, i) => i * 0.5 - 1);
      const wasm = tf.tile(tf.tensor(values, shape), reps);
      const cpu = await onBackend('cpu', () => tf.tile(tf.tensor(values, shape), reps).dataSync());
      expect(wasm.shape).toEqual(shape.map((d, i) => d * reps[i]!));
      expect(Array.from(wasm.dataSync())).toEqual(Array.from(cpu));
    });
  }
  it('gives the batch-norm gradient the cpu backend gives', async () => {
    const x = Array.from({ length: 2 * 3 * 3 * 4 }, (_, i) => Math.sin(i));
    const grad = () => {
      const xt = tf.tensor4d(x, [2, 3, 3, 4]);
      const g = tf.grad((v: tf.Tensor) => tf.sum(tf.square(tf.batchNorm(v as tf.Tensor4D, tf.moments(v, [0, 1, 2]).mean, tf.moments(v, [0, 1, 2]).variance, tf.tensor1d([0, 1, 2, 3]), tf.tensor1d([1, 2, 3, 4]), 1e-3))));
      return g(xt).dataSync();
    };
    const a = grad();
    const b = await onBackend('cpu', grad);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i]!, 3);
  });
});
