/**
 * Train the 1-D network of section 06 (`src/lib/models/fit1d.ts`) on the
 * plateau function (`src/lib/fit1d/target.ts`) and write to
 * `public/models/fit1d/`:
 *
 * - `model.json` + `weights.bin`: the trained network (float32);
 * - `random-0.bin` … `random-7.bin`: eight seeded random weight draws
 *   (figure 3); draw 0 is where training starts (figure 4's "reset");
 * - `step-NNNNN.bin`: the run's weights after chosen steps (figure 4's snapshots);
 * - `run.json`: their mean squared errors, the loss curve and the settings.
 *
 * Every file is listed with its sha256 in the manifest entry `fit1d`, whose
 * `extraMetrics` give each snapshot's and each draw's error.
 *
 * Adam on mini-batches drawn in the seeded order of `BatchOrder`, the same
 * order the browser's live run uses. Flags: `--steps=N` (default 10 000),
 * `--out=DIR` (another folder skips the manifest).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  BATCH_SEED, DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE, FIT1D_MODEL, FIT1D_SPEC, MSE_THRESHOLD, PRETRAIN_STEPS,
  RANDOM_DRAWS, RUN_FILE, SNAPSHOT_STEPS, buildFit1dModel, drawFile, drawSeed, snapshotFile, type Fit1dRun,
} from '../../../src/lib/models/fit1d';
import type { ManifestEntry, ManifestMetric } from '../../../src/lib/models/manifest';
import { countNeurons, NEURON_COUNT_RULE } from '../../../src/lib/models/summary';
import { meanSquaredError } from '../../../src/lib/fit1d/mlp';
import { BatchOrder } from '../../../src/lib/fit1d/session';
import { TRAIN_COUNT, trainingSet, X_MAX, X_MIN, STEP_UP, STEP_DOWN } from '../../../src/lib/fit1d/target';
import { paramsFromShard, shardFromParams, weightSpecsOf } from '../../../src/lib/fit1d/weights';
import { initTrainingBackend } from '../lib/backend';
import { describeLayers, updateManifestEntry } from '../lib/manifest';
import { REPO_ROOT } from '../lib/mnist';
import { fileLoadHandler, saveModel, sha256Hex } from '../lib/model-io';
import { flag, type TrainOptions } from '../lib/trainer';

/** One line for `npm run train`. */
export const description = '1 → 16 → 16 → 16 → 1 ReLU network fitted to a plateau function (section 06)';

/** All weights of a model, concatenated in save order, as float32 bytes. */
function weightBytes(model: tfl.LayersModel): Uint8Array {
  const values = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
  return shardFromParams(values);
}

/** Which steps of the loss curve to keep: every 5 of the first 100, then every 50. */
function keepInCurve(step: number): boolean {
  return step <= 100 ? step % 5 === 0 : step % 50 === 0;
}

/**
 * Draw, train, save and list the fit1d weights (see the file comment).
 * Takes ≈ 20 s of CPU (10 000 tfjs steps on the wasm backend).
 * @param args `--steps=N`, `--out=DIR`
 * @throws Error when the committed folder is asked for with another step count
 */
export async function train({ args }: TrainOptions): Promise<void> {
  const steps = Number(flag(args, 'steps', String(PRETRAIN_STEPS)));
  const outDir = resolve(REPO_ROOT, flag(args, 'out', `public/models/${FIT1D_MODEL}`));
  const official = outDir === resolve(REPO_ROOT, `public/models/${FIT1D_MODEL}`);
  if (official && steps !== PRETRAIN_STEPS) throw new Error(`the committed run has ${PRETRAIN_STEPS} steps; use --out=DIR for other lengths`);
  const backend = await initTrainingBackend();
  const data = trainingSet();
  const xAll = tf.tensor2d(Array.from(data.xs), [TRAIN_COUNT, 1]);
  console.log(`backend ${backend}; ${TRAIN_COUNT} examples; ${steps} steps of Adam, learning rate ${DEFAULT_LEARNING_RATE}, batch ${DEFAULT_BATCH_SIZE}, batch seed ${BATCH_SEED}`);
  await mkdir(outDir, { recursive: true });

  const files: Record<string, Uint8Array | string> = {};
  const fullMse = (model: tfl.LayersModel): number => {
    const yHat = tf.tidy(() => model.predict(xAll) as tf.Tensor);
    const v = yHat.dataSync();
    yHat.dispose();
    let s = 0;
    for (let i = 0; i < TRAIN_COUNT; i++) s += (v[i]! - data.ys[i]!) ** 2;
    return s / TRAIN_COUNT;
  };

  // Random draws (figure 3). Draw 0 is kept alive: it is the start of training.
  let model: tfl.Sequential | null = null;
  for (let k = 0; k < RANDOM_DRAWS; k++) {
    const m = buildFit1dModel(tfl, drawSeed(k));
    files[drawFile(k)] = weightBytes(m);
    if (k === 0) model = m;
    else m.dispose();
  }
  if (!model) throw new Error('no draw 0');

  const optimizer = tf.train.adam(DEFAULT_LEARNING_RATE);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  const order = new BatchOrder(TRAIN_COUNT, BATCH_SEED);
  const lossCurve: [number, number][] = [[0, fullMse(model)]];
  let stepsToThreshold: number | null = null;
  let trainMs = 0;
  for (let step = 1; step <= steps; step++) {
    const idx = order.next(DEFAULT_BATCH_SIZE);
    const t0 = performance.now();
    const x = tf.tensor2d(Array.from(idx, (i) => data.xs[i]!), [idx.length, 1]);
    const y = tf.tensor2d(Array.from(idx, (i) => data.ys[i]!), [idx.length, 1]);
    await model.trainOnBatch(x, y);
    x.dispose();
    y.dispose();
    trainMs += performance.now() - t0;
    if (keepInCurve(step) || (stepsToThreshold === null && step % 10 === 0)) {
      const mse = fullMse(model);
      if (keepInCurve(step)) lossCurve.push([step, Number(mse.toPrecision(5))]);
      if (stepsToThreshold === null && mse < MSE_THRESHOLD) stepsToThreshold = step;
    }
    if ((SNAPSHOT_STEPS as readonly number[]).includes(step) && step !== steps) files[snapshotFile(step)] = weightBytes(model);
    if (step % 500 === 0) process.stdout.write(`  step ${step}/${steps}  mse ${lossCurve[lossCurve.length - 1]![1].toExponential(3)}  ${(trainMs / 1000).toFixed(1)} s\r`);
  }
  process.stdout.write('\n');

  // The trained model: model.json + weights.bin, loaded back as the browser would.
  const saved = await saveModel(model, outDir, 'float32');
  const loaded = await tfl.loadLayersModel(fileLoadHandler(outDir));
  const finalMse = fullMse(loaded);
  const modelJson = JSON.parse(await (await import('node:fs/promises')).readFile(join(outDir, 'model.json'), 'utf8')) as unknown;
  const specs = weightSpecsOf(modelJson);

  // Errors of every kept set of weights, from the float32 values as saved (what the page draws).
  const mseOfFile = (bytes: Uint8Array): number => meanSquaredError(FIT1D_SPEC, paramsFromShard(bytes, specs, FIT1D_SPEC), data.xs, data.ys);
  const round = (v: number) => Number(v.toPrecision(5));
  const run: Fit1dRun = {
    draws: Array.from({ length: RANDOM_DRAWS }, (_, k) => ({ seed: drawSeed(k), file: drawFile(k), mse: round(mseOfFile(files[drawFile(k)] as Uint8Array)) })),
    snapshots: SNAPSHOT_STEPS.filter((s) => s <= steps).map((step) => {
      const file = step === steps ? 'weights.bin' : snapshotFile(step);
      const bytes = step === steps ? weightBytes(loaded) : (files[file] as Uint8Array);
      return { step, file, mse: round(mseOfFile(bytes)) };
    }),
    lossCurve,
    learningRate: DEFAULT_LEARNING_RATE,
    batchSize: DEFAULT_BATCH_SIZE,
    batchSeed: BATCH_SEED,
    stepsToThreshold,
    threshold: MSE_THRESHOLD,
  };
  const runText = JSON.stringify(run) + '\n';
  files[RUN_FILE] = runText;
  for (const [name, content] of Object.entries(files)) await writeFile(join(outDir, name), content);
  console.log(`final mse ${finalMse.toExponential(3)} (tfjs, loaded back); below ${MSE_THRESHOLD} from step ${stepsToThreshold ?? 'never'}; training ${(trainMs / 1000).toFixed(1)} s`);
  for (const s of run.snapshots) console.log(`  step ${String(s.step).padStart(5)}  mse ${s.mse}  ${s.file}`);
  for (const d of run.draws) console.log(`  draw ${d.file}  seed ${d.seed}  mse ${d.mse}`);

  if (!official) {
    console.log(`(saved to ${outDir}; manifest left unchanged)`);
    return;
  }
  const hashes: Record<string, string> = { ...saved.files };
  const sizes: Record<string, number> = { ...saved.sizes };
  for (const [name, content] of Object.entries(files)) {
    hashes[name] = sha256Hex(content);
    sizes[name] = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
  }
  const architecture = describeLayers(loaded, { hidden1: 'dense, 16 units, ReLU', hidden2: 'dense, 16 units, ReLU', hidden3: 'dense, 16 units, ReLU', output: 'dense, 1 unit, linear' });
  const split = `the ${TRAIN_COUNT} training points on [${X_MIN}, ${X_MAX}]`;
  const extraMetrics: ManifestMetric[] = [
    ...run.snapshots.map((s) => ({ name: `mean squared error after ${s.step} steps (${s.file})`, value: s.mse, split })),
    ...run.draws.map((d, k) => ({ name: `mean squared error of random draw ${k} (${d.file}, seed ${d.seed})`, value: d.mse, split })),
  ];
  const entry: ManifestEntry = {
    name: FIT1D_MODEL,
    path: `models/${FIT1D_MODEL}/model.json`,
    files: hashes,
    sizes,
    params: loaded.countParams(),
    neurons: countNeurons(architecture),
    neuronCountRule: NEURON_COUNT_RULE,
    dataset: `${TRAIN_COUNT} evenly spaced points x on [${X_MIN}, ${X_MAX}] with y = 1 for ${STEP_UP.toFixed(4)} ≤ x < ${STEP_DOWN.toFixed(4)}, else 0 (generated, no external data).`,
    licence: 'Generated data; no licence needed.',
    architecture,
    metric: { name: 'mean squared error', value: round(finalMse), split },
    extraMetrics,
    seed: drawSeed(0),
    epochs: Math.round((steps * DEFAULT_BATCH_SIZE) / TRAIN_COUNT),
    trainSeconds: Math.round(trainMs / 100) / 10,
    quantization: 'float32',
    trainedOn: `tfjs ${tf.version_core} ${backend} backend, Node ${process.versions.node}`,
    trainedAt: new Date().toISOString().slice(0, 10),
    notes: `Adam (learning rate ${DEFAULT_LEARNING_RATE}), ${steps} steps of ${DEFAULT_BATCH_SIZE} examples in the seeded order of BatchOrder (seed ${BATCH_SEED}); He-uniform kernels, biases uniform in [−1, 1]. Random draws: seeds ${run.draws.map((d) => d.seed).join(', ')}. Snapshots and draws share model.json's weight layout; their errors are in run.json and extraMetrics.`,
  };
  await updateManifestEntry(entry);
  console.log(`manifest entry "${FIT1D_MODEL}": ${entry.params} parameters, ${entry.neurons} neurons, ${Object.keys(hashes).length} files`);
  loaded.dispose();
  model.dispose();
  xAll.dispose();
}
