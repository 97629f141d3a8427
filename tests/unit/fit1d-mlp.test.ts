/**
 * The plain-TypeScript MLP that trains in the browser's worker
 * (src/lib/fit1d/mlp.ts, session.ts) against tfjs (cpu backend) on the
 * committed weights: same outputs, same Adam steps on the same batches.
 * Also a finite-difference check of the gradient that needs no tfjs.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { createWorkspace, forward, layerSlices, lossAndGradient, meanSquaredError, neuronCount, paramCount } from '../../src/lib/fit1d/mlp';
import { BatchOrder, TrainingSession } from '../../src/lib/fit1d/session';
import { linspace, trainingSet } from '../../src/lib/fit1d/target';
import { paramsFromShard, shardFromParams, weightSpecsOf } from '../../src/lib/fit1d/weights';
import { BATCH_SEED, FIT1D_SPEC, buildFit1dModel, drawFile, drawSeed } from '../../src/lib/models/fit1d';

const DIR = 'public/models/fit1d';
const modelJson = JSON.parse(readFileSync(`${DIR}/model.json`, 'utf8')) as tf.io.ModelJSON;
const specs = weightSpecsOf(modelJson);
const shard = (file: string) => new Uint8Array(readFileSync(`${DIR}/${file}`));

/** Build the committed network in tfjs from model.json and one weight file. */
async function tfjsModel(file: string): Promise<tfl.LayersModel> {
  const bytes = shard(file);
  return tfl.loadLayersModel(
    tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: specs as tf.io.WeightsManifestEntry[], weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer }),
  );
}

function flatWeights(model: tfl.LayersModel): Float64Array {
  return Float64Array.from(model.getWeights().flatMap((w) => Array.from(w.dataSync())));
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('network shape', () => {
  it('has 49 neurons and 593 parameters, in tfjs order', () => {
    expect(neuronCount(FIT1D_SPEC)).toBe(49);
    expect(paramCount(FIT1D_SPEC)).toBe(593);
    const model = buildFit1dModel(tfl, drawSeed(0));
    expect(model.countParams()).toBe(593);
    expect(model.weights.map((w) => w.shape.join('x'))).toEqual(layerSlices(FIT1D_SPEC).flatMap((s) => [`${s.fanIn}x${s.fanOut}`, `${s.fanOut}`]));
    model.dispose();
  });

  it('the committed draw 0 is what the model definition initialises with seed drawSeed(0)', () => {
    const model = buildFit1dModel(tfl, drawSeed(0));
    const fromFile = paramsFromShard(shard(drawFile(0)), specs, FIT1D_SPEC);
    expect(maxAbsDiff(flatWeights(model), fromFile)).toBe(0);
    model.dispose();
  });
});

describe('forward pass', () => {
  it.each(['random-0.bin', 'random-5.bin', 'step-00300.bin', 'weights.bin'])('matches tfjs predict for %s', async (file) => {
    const model = await tfjsModel(file);
    const xs = linspace(-1.2, 1.2, 241);
    const expected = (model.predict(tf.tensor2d(Array.from(xs), [xs.length, 1])) as tf.Tensor).dataSync();
    const params = paramsFromShard(shard(file), specs, FIT1D_SPEC);
    expect(maxAbsDiff(forward(FIT1D_SPEC, params, xs), expected)).toBeLessThan(2e-5);
    model.dispose();
  });
});

describe('gradient', () => {
  it('agrees with central finite differences', () => {
    const params = paramsFromShard(shard(drawFile(3)), specs, FIT1D_SPEC);
    const data = trainingSet();
    const idx = Uint32Array.from([3, 17, 40, 66, 99, 120, 150, 199]);
    const ws = createWorkspace(FIT1D_SPEC, idx.length);
    const grad = new Float64Array(params.length);
    lossAndGradient(FIT1D_SPEC, params, data.xs, data.ys, idx, idx.length, grad, ws);
    const g2 = new Float64Array(params.length);
    const h = 1e-6;
    let checked = 0;
    for (let i = 0; i < params.length; i += 7) {
      const p = Float64Array.from(params);
      p[i] = params[i]! + h;
      const up = lossAndGradient(FIT1D_SPEC, p, data.xs, data.ys, idx, idx.length, g2, ws);
      p[i] = params[i]! - h;
      const down = lossAndGradient(FIT1D_SPEC, p, data.xs, data.ys, idx, idx.length, g2, ws);
      expect(Math.abs((up - down) / (2 * h) - grad[i]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(grad[i]!)));
      checked++;
    }
    expect(checked).toBeGreaterThan(80);
    expect(grad.some((g) => Math.abs(g) > 1e-3)).toBe(true);
  });
});

describe('training', () => {
  it('takes the same Adam steps as tfjs trainOnBatch on the same batches', async () => {
    const model = await tfjsModel(drawFile(0));
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    const data = trainingSet();
    const session = new TrainingSession(FIT1D_SPEC, paramsFromShard(shard(drawFile(0)), specs, FIT1D_SPEC), data, { learningRate: 0.01, batchSize: 16 }, BATCH_SEED);
    const order = new BatchOrder(data.xs.length, BATCH_SEED);
    for (let s = 0; s < 25; s++) {
      const idx = order.next(16);
      await model.trainOnBatch(tf.tensor2d(Array.from(idx, (i) => data.xs[i]!), [idx.length, 1]), tf.tensor2d(Array.from(idx, (i) => data.ys[i]!), [idx.length, 1]));
      session.steps(1);
      if (s === 0) expect(maxAbsDiff(session.params, flatWeights(model))).toBeLessThan(1e-6);
    }
    // float32 (tfjs) and float64 (here) drift apart only slowly.
    expect(maxAbsDiff(session.params, flatWeights(model))).toBeLessThan(1e-3);
    expect(Math.abs(session.loss() - meanSquaredError(FIT1D_SPEC, flatWeights(model), data.xs, data.ys))).toBeLessThan(1e-3);
    model.dispose();
  });

  it('lowers the error, and reset returns exactly to the start', () => {
    const start = paramsFromShard(shard(drawFile(0)), specs, FIT1D_SPEC);
    const session = new TrainingSession(FIT1D_SPEC, start, trainingSet(), { learningRate: 0.01, batchSize: 16 }, BATCH_SEED);
    const before = session.loss();
    session.steps(300);
    expect(session.loss()).toBeLessThan(before / 10);
    session.reset();
    expect(session.step).toBe(0);
    expect(Array.from(session.params)).toEqual(Array.from(start));
    expect(session.loss()).toBe(before);
  });

  it('is reproducible: the same seed gives the same run, another batch size another run', () => {
    const start = paramsFromShard(shard(drawFile(0)), specs, FIT1D_SPEC);
    const run = (batchSize: number) => {
      const s = new TrainingSession(FIT1D_SPEC, start, trainingSet(), { learningRate: 0.01, batchSize }, BATCH_SEED);
      s.steps(50);
      return Array.from(s.params);
    };
    expect(run(16)).toEqual(run(16));
    expect(run(16)).not.toEqual(run(4));
  });

  it('restore continues from given weights with a step count', () => {
    const start = paramsFromShard(shard(drawFile(0)), specs, FIT1D_SPEC);
    const later = paramsFromShard(shard('step-01000.bin'), specs, FIT1D_SPEC);
    const s = new TrainingSession(FIT1D_SPEC, start, trainingSet(), { learningRate: 0.01, batchSize: 16 }, BATCH_SEED);
    s.restore(later, 1000);
    expect(s.step).toBe(1000);
    expect(s.loss()).toBeLessThan(0.02);
    s.reset();
    expect(Array.from(s.params)).toEqual(Array.from(start));
    expect(() => s.restore(new Float64Array(3), 1)).toThrow(RangeError);
  });
});

describe('weight files', () => {
  it('round-trip through float32 bytes, and reject wrong layouts', () => {
    const params = paramsFromShard(shard('weights.bin'), specs, FIT1D_SPEC);
    expect(Array.from(paramsFromShard(shardFromParams(params), specs, FIT1D_SPEC))).toEqual(Array.from(params));
    expect(() => paramsFromShard(shard('weights.bin').subarray(4), specs, FIT1D_SPEC)).toThrow(/bytes/);
    const swapped = [specs[1]!, specs[0]!, ...specs.slice(2)];
    expect(() => paramsFromShard(shard('weights.bin'), swapped, FIT1D_SPEC)).toThrow(/shape/);
    const half = specs.map((s) => ({ ...s, quantization: { dtype: 'float16' } }));
    expect(() => paramsFromShard(shard('weights.bin'), half, FIT1D_SPEC)).toThrow(/float32/);
  });
});
