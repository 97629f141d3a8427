/**
 * The cat/dog network definition (src/lib/models/catdog.ts): its layer list,
 * its neuron count by the pipeline's rule, batch-norm folding, and the
 * committed weights and manifest entry when they exist.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  buildCatdogModel, buildCatdogTrainModel, CATDOG_CONFIG, CATDOG_LAYER1, CATDOG_LAYER10, catdogLayers, catdogNeuronCount, foldBatchNorm,
} from '../../src/lib/models/catdog';
import { countNeurons } from '../../src/lib/models/summary';
import { parseManifest } from '../../src/lib/models/manifest';
import { describeLayers } from '../../scripts/train/lib/manifest';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Deterministic pseudo-random numbers in [lo, hi). */
function randoms(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + ((hi - lo) * s) / 2 ** 32;
  }
  return out;
}

describe('catdog layer list', () => {
  const layers = catdogLayers();

  it('has at least 10 layers, numbered from 1, with layer 1 = conv1 and layer 10 spatial', () => {
    expect(layers.length).toBe(20);
    expect(layers.map((l) => l.number)).toEqual(layers.map((_, i) => i + 1));
    expect(layers[0]!.name).toBe(CATDOG_LAYER1);
    expect(layers[0]!.kind).toBe('conv');
    expect(layers[0]!.outputShape).toEqual([32, 32, 24]);
    expect(layers[9]!.name).toBe(CATDOG_LAYER10);
    expect(layers[9]!.outputShape).toEqual([8, 8, 72]);
    expect(layers[9]!.source).toBe('conv4');
  });

  it('has exactly 60 650 neurons, by the layer list and by the built tfjs model', () => {
    expect(catdogNeuronCount()).toBe(60_650);
    const model = buildCatdogModel(tfl);
    const arch = describeLayers(model);
    expect(countNeurons(arch)).toBe(60_650);
    expect(arch.map((l) => [l.name, l.outputShape])).toEqual(layers.map((l) => [l.name, l.outputShape]));
    model.dispose();
  });

  it('fits in 600 KB as float16 (2 bytes per parameter)', () => {
    const model = buildCatdogModel(tfl);
    expect(model.countParams() * 2).toBeLessThanOrEqual(600 * 1024);
    model.dispose();
  });
});

describe('foldBatchNorm', () => {
  it('scales each output channel and moves the mean into the bias', () => {
    // kernel [1, 1, 2 in, 2 out]: values ordered in0→(out0, out1), in1→(out0, out1)
    const kernel = new Float32Array([1, 2, 3, 4]);
    const { kernel: k, bias } = foldBatchNorm(kernel, {
      gamma: new Float32Array([2, 1]), beta: new Float32Array([0.5, -1]),
      movingMean: new Float32Array([1, 0]), movingVariance: new Float32Array([3, 0]), epsilon: 1,
    });
    // s = gamma / sqrt(var + eps) = [1, 1]
    expect(Array.from(k)).toEqual([1, 2, 3, 4]);
    expect(Array.from(bias)).toEqual([-0.5, -1]);
  });

  it('throws when the kernel does not end in the channel count', () => {
    expect(() => foldBatchNorm(new Float32Array(5), {
      gamma: new Float32Array(2), beta: new Float32Array(2), movingMean: new Float32Array(2), movingVariance: new Float32Array(2), epsilon: 1e-3,
    })).toThrow(/channels/);
  });

  it('makes the exported network compute what the training network computes at inference', () => {
    const train = buildCatdogTrainModel(tfl, 3, CATDOG_CONFIG);
    // Give every batch-norm layer non-trivial statistics.
    let seed = 10;
    for (const layer of train.layers.filter((l) => l.getClassName() === 'BatchNormalization')) {
      const n = layer.getWeights()[0]!.shape[0]!;
      layer.setWeights([
        tf.tensor1d(randoms(n, seed++, 0.5, 1.5)), tf.tensor1d(randoms(n, seed++, -0.2, 0.2)),
        tf.tensor1d(randoms(n, seed++, -0.1, 0.1)), tf.tensor1d(randoms(n, seed++, 0.5, 2)),
      ]);
    }
    const exported = buildCatdogModel(tfl);
    for (const layer of exported.layers) {
      if (layer.getClassName() === 'Conv2D') {
        const [k] = train.getLayer(layer.name).getWeights();
        const [g, b, m, v] = train.getLayer(`${layer.name}_bn`).getWeights().map((w) => w.dataSync() as Float32Array);
        const f = foldBatchNorm(k!.dataSync() as Float32Array, { gamma: g!, beta: b!, movingMean: m!, movingVariance: v!, epsilon: 1e-3 });
        layer.setWeights([tf.tensor(f.kernel, k!.shape), tf.tensor1d(f.bias)]);
      } else if (layer.getClassName() === 'Dense') {
        layer.setWeights(train.getLayer(layer.name).getWeights());
      }
    }
    const x = tf.tensor4d(randoms(2 * 32 * 32 * 3, 99, 0, 1), [2, 32, 32, 3]);
    const a = (train.predict(x) as tf.Tensor).dataSync();
    const b = (exported.predict(x) as tf.Tensor).dataSync();
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i]!, 4);
    train.dispose();
    exported.dispose();
  });
});

const manifestPath = 'public/models/manifest.json';
const committed = existsSync(manifestPath) && parseManifest(readFileSync(manifestPath, 'utf8')).models['catdog'];

describe.skipIf(!committed)('committed catdog weights', () => {
  const entry = committed || null;
  it('states 60 650 neurons, the rule, and ≥ 85 % test accuracy', () => {
    expect(entry!.neurons).toBe(60_650);
    expect(entry!.neuronCountRule).toMatch(/neuron/);
    expect(entry!.metric.value).toBeGreaterThanOrEqual(0.85);
  });
  it('keeps weights ≤ 600 KB and matches the manifest hashes', () => {
    for (const [file, hash] of Object.entries(entry!.files)) {
      const bytes = readFileSync(`public/models/catdog/${file}`);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(hash);
      expect(bytes.byteLength).toBe(entry!.sizes[file]);
    }
    expect(entry!.sizes['weights.bin']).toBeLessThanOrEqual(600 * 1024);
  });
  it('has static fallbacks computed from these weights, with one sprite tile per channel', () => {
    const fallback = JSON.parse(readFileSync('src/components/figures/catdog/fallback.json', 'utf8')) as {
      weightsSha256: string; probs: Record<string, [number, number]>;
      layer1: { shape: number[]; limits: number[]; sprite: string }; layer10: { shape: number[]; limits: number[]; sprite: string };
    };
    expect(fallback.weightsSha256).toBe(entry!.files['weights.bin']);
    expect(fallback.probs['cat-chelsea']![0]).toBeGreaterThan(0.5);
    expect(fallback.probs['dog-bicycle']![1]).toBeGreaterThan(0.5);
    for (const layer of [fallback.layer1, fallback.layer10]) {
      expect(layer.limits.length).toBe(layer.shape[2]);
      expect(existsSync(`public/${layer.sprite}`)).toBe(true);
    }
  });
});
