/**
 * Train the learned digit codec (`src/lib/models/codec.ts`): a convolutional
 * autoencoder with a 32-value bottleneck quantised to 4 bits per value, usable
 * at 8, 16 or 32 values (4, 8 or 16 bytes per image). Trained on MNIST training
 * images 10 000–29 999 (mean squared error, Adam), measured on the MNIST test
 * split with the float16 weights as saved: PSNR (dB) and SSIM of the decoded
 * 8-bit image for each rate.
 *
 * Writes `public/models/codec-encoder/`, `public/models/codec-decoder/`, their
 * manifest entries, and `public/data/codec/mnist-test-100.bin` (the first 100
 * MNIST test images, 784 bytes each, the figure's digits).
 *
 * Flags: `--epochs=N` (default 7), `--seed=N` (default 1), `--batch=N` (default 64),
 * `--train=N` (training images, default 20000), `--out=DIR` (default public/models;
 * a different folder skips the manifest).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  buildCodecDecoder, buildCodecEncoder, buildCodecTrainer, CODEC_BITS, CODEC_DECODER, CODEC_ENCODER, CODEC_LATENTS,
  CODEC_LAYER_DETAILS, CODEC_RATES, codeBytes,
} from '../../../src/lib/models/codec';
import { evaluateCodec, type CodecEvaluation } from '../../../src/lib/codec/evaluate';
import type { ManifestEntry, ManifestMetric } from '../../../src/lib/models/manifest';
import { countNeurons, NEURON_COUNT_RULE } from '../../../src/lib/models/summary';
import { initTrainingBackend } from '../lib/backend';
import { describeLayers, updateManifestEntry } from '../lib/manifest';
import { loadMnist, REPO_ROOT } from '../lib/mnist';
import { fileLoadHandler, saveModel } from '../lib/model-io';
import { permutation, seededRandom } from '../lib/random';
import { flag, type TrainOptions } from '../lib/trainer';

export const description = 'convolutional autoencoder codec, 32 latents × 4 bits (rates 8/16/32), on MNIST train 10 000–29 999';

const PIXELS = 784;
const TRAIN_FROM = 10_000;
/** Test images re-measured by tests/unit/codec-model.test.ts. */
export const CHECK_COUNT = 200;
/** Test images shown by the figure. */
export const FIGURE_COUNT = 100;

function metricsOf(ev: CodecEvaluation, split: string, withSsim: boolean): ManifestMetric[] {
  return ev.rates.flatMap((r) => [
    { name: `PSNR dB, ${r.latents} latents = ${r.bytes} bytes`, value: Number(r.psnr.toFixed(3)), split },
    ...(withSsim ? [{ name: `SSIM, ${r.latents} latents = ${r.bytes} bytes`, value: Number(r.ssim.toFixed(4)), split }] : []),
  ]);
}

export async function train({ args }: TrainOptions): Promise<void> {
  const epochs = Number(flag(args, 'epochs', '7'));
  const seed = Number(flag(args, 'seed', '1'));
  const batchSize = Number(flag(args, 'batch', '64'));
  const trainCount = Number(flag(args, 'train', '20000'));
  const outRoot = resolve(REPO_ROOT, flag(args, 'out', 'public/models'));
  const official = outRoot === resolve(REPO_ROOT, 'public/models');

  const backend = await initTrainingBackend();
  const trainSet = loadMnist('train', TRAIN_FROM, TRAIN_FROM + trainCount);
  const testSet = loadMnist('test');
  console.log(`backend ${backend}; train ${trainSet.count} images (MNIST train ${TRAIN_FROM}–${TRAIN_FROM + trainSet.count - 1}), test ${testSet.count}; epochs ${epochs}, batch ${batchSize}, seed ${seed}; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  const encoder = buildCodecEncoder(tfl, seed);
  const decoder = buildCodecDecoder(tfl, seed);
  const model = buildCodecTrainer(tfl, encoder, decoder);
  const optimizer = tf.train.adam(2e-3);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  const random = seededRandom(seed);
  const steps = Math.ceil(trainSet.count / batchSize);
  let trainSeconds = 0;
  const loads: number[] = [];

  for (let epoch = 0; epoch < epochs; epoch++) {
    const lr = 2e-3 * 0.5 * (1 + Math.cos((Math.PI * epoch) / epochs));
    (optimizer as unknown as { learningRate: number }).learningRate = lr;
    const order = permutation(trainSet.count, random);
    const t0 = performance.now();
    let lossSum = 0, seen = 0;
    for (let step = 0; step < steps; step++) {
      const from = step * batchSize;
      const n = Math.min(batchSize, trainSet.count - from);
      const xs = new Float32Array(n * PIXELS);
      const mask = new Float32Array(n * CODEC_LATENTS);
      for (let k = 0; k < n; k++) {
        const idx = order[from + k]!;
        for (let p = 0; p < PIXELS; p++) xs[k * PIXELS + p] = trainSet.images[idx * PIXELS + p]! / 255;
        const keep = CODEC_RATES[Math.floor(random() * CODEC_RATES.length)]!;
        mask.fill(1, k * CODEC_LATENTS, k * CODEC_LATENTS + keep);
      }
      const x = tf.tensor4d(xs, [n, 28, 28, 1]);
      const m = tf.tensor2d(mask, [n, CODEC_LATENTS]);
      const loss = (await model.trainOnBatch([x, m], x)) as number;
      tf.dispose([x, m]);
      lossSum += loss * n;
      seen += n;
      if ((step + 1) % 50 === 0) process.stdout.write(`  epoch ${epoch + 1} step ${step + 1}/${steps} mse ${(lossSum / seen).toFixed(5)} ${((performance.now() - t0) / 1000).toFixed(1)} s\r`);
    }
    const seconds = (performance.now() - t0) / 1000;
    trainSeconds += seconds;
    loads.push(loadavg()[0]!);
    const quick = evaluateCodec({ tf, encoder, decoder }, testSet.images.subarray(0, CHECK_COUNT * PIXELS), false);
    console.log(`epoch ${epoch + 1}/${epochs}  lr ${lr.toExponential(1)}  mse ${(lossSum / seen).toFixed(5)}  test[0,200) PSNR ${quick.rates.map((r) => `${r.latents}:${r.psnr.toFixed(2)}`).join(' ')} dB  ${seconds.toFixed(1)} s  load ${loadavg()[0]!.toFixed(2)}`);
  }

  const encDir = resolve(outRoot, CODEC_ENCODER);
  const decDir = resolve(outRoot, CODEC_DECODER);
  const encSaved = await saveModel(encoder, encDir, 'float16');
  const decSaved = await saveModel(decoder, decDir, 'float16');
  const encLoaded = await tfl.loadLayersModel(fileLoadHandler(encDir));
  const decLoaded = await tfl.loadLayersModel(fileLoadHandler(decDir));
  const full32 = evaluateCodec({ tf, encoder, decoder }, testSet.images, false);
  const full = evaluateCodec({ tf, encoder: encLoaded, decoder: decLoaded }, testSet.images, true);
  const check = evaluateCodec({ tf, encoder: encLoaded, decoder: decLoaded }, testSet.images.subarray(0, CHECK_COUNT * PIXELS), true);
  for (const r of full.rates) console.log(`${r.latents} latents = ${r.bytes} bytes: test PSNR ${r.psnr.toFixed(3)} dB, SSIM ${r.ssim.toFixed(4)} (float16 weights); float32 ${full32.rates.find((q) => q.latents === r.latents)!.psnr.toFixed(3)} dB`);
  for (const r of check.rates) console.log(`  test 0–199: ${r.latents} latents: PSNR ${r.psnr.toFixed(3)} dB, SSIM ${r.ssim.toFixed(4)}`);
  const meanLoad = loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length);
  console.log(`training ${trainSeconds.toFixed(1)} s, mean 1-min load average ${meanLoad.toFixed(2)}`);

  if (!official) {
    console.log(`(saved to ${outRoot}; manifest left unchanged)`);
    return;
  }

  const top = full.rates.at(-1)!;
  const testSplit = `MNIST test set (10 000 images), float16 weights as saved; mean over images of the PSNR of the decoded 8-bit image`;
  const checkSplit = `MNIST test images 0–199, float16 weights as saved (re-measured by tests/unit/codec-model.test.ts)`;
  const common = {
    neuronCountRule: NEURON_COUNT_RULE,
    dataset: `MNIST training images ${TRAIN_FROM}–${TRAIN_FROM + trainSet.count - 1} (${trainSet.count} digits, no augmentation); quality measured on the 10 000 MNIST test images.`,
    licence: 'MNIST database, Y. LeCun, C. Cortes, C. J. C. Burges; CC BY-SA 3.0.',
    metric: { name: `PSNR dB, ${top.latents} latents = ${top.bytes} bytes`, value: Number(top.psnr.toFixed(3)), split: testSplit },
    extraMetrics: [
      ...metricsOf(full, 'MNIST test set (10 000 images), float16 weights as saved', true),
      ...metricsOf(check, checkSplit, true),
      ...full32.rates.map((r) => ({ name: `PSNR dB, ${r.latents} latents, float32 weights before saving`, value: Number(r.psnr.toFixed(3)), split: 'MNIST test set (10 000 images)' })),
    ],
    seed,
    epochs,
    trainSeconds: Math.round(trainSeconds),
    quantization: 'float16' as const,
    trainedOn: `tfjs ${tf.version_core} ${backend} backend, Node ${process.versions.node}; mean 1-min load average ${meanLoad.toFixed(1)} on 2 cores`,
    trainedAt: new Date().toISOString().slice(0, 10),
    notes:
      `A codec in two halves: ${CODEC_ENCODER} maps a 28×28 digit to ${CODEC_LATENTS} values in [−1, 1], each sent as ${CODEC_BITS} bits (16 uniform levels); ` +
      `${CODEC_DECODER} maps them back. Sending only the first 8, 16 or 32 values gives ${CODEC_RATES.map((k) => codeBytes(k)).join(', ')} bytes per image exactly ` +
      `(ceil(values × ${CODEC_BITS} / 8); no header, since model, rate and image size are fixed). Trained as one network with quantisation simulated by Gaussian noise ` +
      `and a random prefix of 8, 16 or 32 values kept per image (nested dropout); mean squared error, Adam, batch ${batchSize}, learning rate 2e-3 with cosine decay.`,
  };
  const entryFor = (name: string, loaded: tfl.LayersModel, saved: typeof encSaved): ManifestEntry => {
    const architecture = describeLayers(loaded, CODEC_LAYER_DETAILS);
    return {
      name,
      path: `models/${name}/model.json`,
      files: saved.files,
      sizes: saved.sizes,
      params: loaded.countParams(),
      neurons: countNeurons(architecture),
      architecture,
      ...common,
    };
  };
  await updateManifestEntry(entryFor(CODEC_ENCODER, encLoaded, encSaved));
  await updateManifestEntry(entryFor(CODEC_DECODER, decLoaded, decSaved));
  console.log(`manifest entries "${CODEC_ENCODER}" (${encLoaded.countParams()} parameters) and "${CODEC_DECODER}" (${decLoaded.countParams()} parameters)`);

  const dataDir = resolve(REPO_ROOT, 'public/data/codec');
  await mkdir(dataDir, { recursive: true });
  await writeFile(resolve(dataDir, 'mnist-test-100.bin'), testSet.images.subarray(0, FIGURE_COUNT * PIXELS));
  console.log(`wrote public/data/codec/mnist-test-100.bin (${FIGURE_COUNT} MNIST test images)`);
  model.dispose();
  encLoaded.dispose();
  decLoaded.dispose();
}
