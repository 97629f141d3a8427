/**
 * Train the nearest-point networks of section 05 (`src/lib/models/nearest.ts`):
 * 2 inputs {x, y} → hidden ReLU layers → 3 softmax outputs, one per fixed point.
 *
 * Data are generated here: uniform random positions in the square [-1, 1]²
 * (seeded), each labelled by its truly nearest fixed point. Every network
 * gets the same data and the same training budget; each is trained from
 * several initialisation seeds and the run that agrees best with the ideal
 * function on the 200×200 grid is kept. Agreement is measured on the saved
 * (float32) weights and stored in the manifest.
 *
 * Flags: `--only=nearest-17,nearest-4` (default: every network), `--seeds=N`
 * seeds per network (default 3), `--epochs=N` (default 30), `--batch=N`
 * (default 128), `--lr=X` peak learning rate (default 0.01), `--backend=wasm|cpu`
 * (default wasm: measured 1.7× faster than cpu here for 2→7→7→3, batch 128),
 * `--out=DIR` write there instead of public/models (skips the manifest).
 */
import { resolve, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  buildNearestModel,
  NEAREST_CLASSES,
  NEAREST_GALLERY,
  NEAREST_MAIN,
  nearestLayerSizes,
  type NearestNetConfig,
} from '../../../src/lib/models/nearest';
import type { ManifestEntry } from '../../../src/lib/models/manifest';
import { countNeurons, NEURON_COUNT_RULE } from '../../../src/lib/models/summary';
import { classesOf } from '../../../src/lib/nearest/dense';
import { AGREEMENT_GRID, agreement, gridInputs, idealMap, nearestIndex, NEAREST_POINTS, PLANE, UNDECIDED_BELOW, undecidedFraction } from '../../../src/lib/nearest/geometry';
import { initTrainingBackend } from '../lib/backend';
import { describeLayers, updateManifestEntry } from '../lib/manifest';
import { REPO_ROOT } from '../lib/mnist';
import { saveModel } from '../lib/model-io';
import { permutation, seededRandom } from '../lib/random';
import { flag, type TrainOptions } from '../lib/trainer';

export const description = 'nearest-point networks of section 05 (2 → ReLU layers → 3), 4 to 267 neurons';

/** Training positions (uniform in the square), the same for every network. */
const TRAIN_POINTS = 40_000;
/** Seed of the training positions. */
const DATA_SEED = 2023;
/** First initialisation seed: a network's runs use seeds FIRST_SEED … FIRST_SEED + N − 1 (independent of DATA_SEED). */
const FIRST_SEED = 1;

/**
 * Uniform positions in the plane and their nearest-point labels.
 * @param count number of positions
 * @param seed seed of the generator (mulberry32)
 * @returns `xs`: `[count, 2]` positions; `labels`: `[count]` index of the nearest fixed point
 */
export function makeData(count: number, seed: number): { xs: Float32Array; labels: Uint8Array } {
  const random = seededRandom(seed);
  const xs = new Float32Array(count * 2);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const x = PLANE.xMin + random() * (PLANE.xMax - PLANE.xMin);
    const y = PLANE.yMin + random() * (PLANE.yMax - PLANE.yMin);
    xs[2 * i] = x;
    xs[2 * i + 1] = y;
    labels[i] = nearestIndex(NEAREST_POINTS, x, y);
  }
  return { xs, labels };
}

/** Class map and top probability of `model` on the agreement grid (one batched prediction). */
function gridOutputs(model: tfl.LayersModel, grid: tf.Tensor2D): { classes: Uint8Array; confidence: Float32Array } {
  const probs = tf.tidy(() => model.predict(grid, { batchSize: grid.shape[0] }) as tf.Tensor);
  const out = classesOf(probs.dataSync() as Float32Array, NEAREST_CLASSES);
  probs.dispose();
  return out;
}

/** Class map of `model` on the agreement grid. */
function gridClasses(model: tfl.LayersModel, grid: tf.Tensor2D): Uint8Array {
  return gridOutputs(model, grid).classes;
}

/** One training run: its seed, measured agreement, last-epoch loss, seconds, and the model. */
interface RunResult {
  seed: number;
  agreement: number;
  loss: number;
  seconds: number;
  model: tfl.Sequential;
}

/** Learning rate of epoch `e` of `epochs`: cosine decay from `peak` to peak/100. */
function learningRate(peak: number, e: number, epochs: number): number {
  const t = epochs <= 1 ? 1 : e / (epochs - 1);
  return peak * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * t)));
}

/** Train one network from one initialisation seed with the given budget; print progress every 10 epochs. */
async function trainOne(
  config: NearestNetConfig,
  seed: number,
  data: { xs: Float32Array; labels: Uint8Array },
  grid: tf.Tensor2D,
  ideal: Uint8Array,
  opts: { epochs: number; batch: number; lr: number },
): Promise<RunResult> {
  const model = buildNearestModel(tfl, config, seed);
  const optimizer = tf.train.adam(opts.lr);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const random = seededRandom(seed * 7919 + 17);
  const count = data.labels.length;
  const steps = Math.ceil(count / opts.batch);
  let seconds = 0;
  let lastLoss = NaN;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    (optimizer as unknown as { learningRate: number }).learningRate = learningRate(opts.lr, epoch, opts.epochs);
    const order = permutation(count, random);
    const t0 = performance.now();
    let lossSum = 0;
    for (let step = 0; step < steps; step++) {
      const from = step * opts.batch;
      const n = Math.min(opts.batch, count - from);
      const xs = new Float32Array(n * 2);
      const ys = new Float32Array(n * NEAREST_CLASSES);
      for (let k = 0; k < n; k++) {
        const idx = order[from + k]!;
        xs[2 * k] = data.xs[2 * idx]!;
        xs[2 * k + 1] = data.xs[2 * idx + 1]!;
        ys[k * NEAREST_CLASSES + data.labels[idx]!] = 1;
      }
      const x = tf.tensor2d(xs, [n, 2]);
      const y = tf.tensor2d(ys, [n, NEAREST_CLASSES]);
      const loss = (await model.trainOnBatch(x, y)) as number;
      x.dispose();
      y.dispose();
      lossSum += loss * n;
    }
    seconds += (performance.now() - t0) / 1000;
    lastLoss = lossSum / count;
    if ((epoch + 1) % 10 === 0 || epoch === opts.epochs - 1) {
      const agr = agreement(gridClasses(model, grid), ideal);
      process.stdout.write(`    ${config.name} seed ${seed} epoch ${epoch + 1}/${opts.epochs} loss ${lastLoss.toFixed(4)} agreement ${(agr * 100).toFixed(2)} % (${seconds.toFixed(1)} s)\n`);
    }
  }
  optimizer.dispose();
  return { seed, agreement: agreement(gridClasses(model, grid), ideal), loss: lastLoss, seconds, model };
}

/**
 * Train every network of `NEAREST_GALLERY` (or those named by `--only`), keep
 * the best seed of each, save its float32 weights to `public/models/<name>/`
 * and update its manifest entry (agreement, undecided fraction, seconds, …).
 * @param args command-line flags (see the file's header)
 * @throws Error for an unknown network name or when a tfjs backend cannot start
 */
export async function train({ args }: TrainOptions): Promise<void> {
  const only = flag(args, 'only', '').split(',').filter(Boolean);
  const seeds = Number(flag(args, 'seeds', '3'));
  const epochs = Number(flag(args, 'epochs', '30'));
  const batch = Number(flag(args, 'batch', '128'));
  const lr = Number(flag(args, 'lr', '0.01'));
  const backendWanted = flag(args, 'backend', 'wasm');
  const outRoot = resolve(REPO_ROOT, flag(args, 'out', 'public/models'));
  const official = outRoot === resolve(REPO_ROOT, 'public/models');

  let backend: string;
  if (backendWanted === 'wasm') backend = await initTrainingBackend();
  else {
    if (!(await tf.setBackend('cpu'))) throw new Error('tfjs: the cpu backend failed to start');
    await tf.ready();
    backend = tf.getBackend();
  }
  const configs = NEAREST_GALLERY.filter((c) => only.length === 0 || only.includes(c.name));
  const unknown = only.filter((n) => !NEAREST_GALLERY.some((c) => c.name === n));
  if (unknown.length) throw new Error(`nearest: unknown network(s) ${unknown.join(', ')}`);

  const data = makeData(TRAIN_POINTS, DATA_SEED);
  const ideal = idealMap(AGREEMENT_GRID);
  const grid = tf.tensor2d(gridInputs(AGREEMENT_GRID), [AGREEMENT_GRID * AGREEMENT_GRID, 2]);
  console.log(`backend ${backend}; ${TRAIN_POINTS} training positions (seed ${DATA_SEED}); ${epochs} epochs, batch ${batch}, Adam peak lr ${lr} (cosine to 1 %), seeds ${FIRST_SEED}…${FIRST_SEED + seeds - 1}`);

  for (const config of configs) {
    console.log(`  ${config.name}: ${nearestLayerSizes(config.hidden).join('→')}`);
    let best: RunResult | null = null;
    let totalSeconds = 0;
    const tried: string[] = [];
    for (let s = FIRST_SEED; s < FIRST_SEED + seeds; s++) {
      const run = await trainOne(config, s, data, grid, ideal, { epochs, batch, lr });
      totalSeconds += run.seconds;
      tried.push(`seed ${s}: ${(run.agreement * 100).toFixed(2)} %`);
      if (!best || run.agreement > best.agreement || (run.agreement === best.agreement && run.loss < best.loss)) {
        best?.model.dispose();
        best = run;
      } else run.model.dispose();
    }
    if (!best) continue;
    const dir = join(outRoot, config.name);
    const saved = await saveModel(best.model, dir, 'float32');
    const layers = describeLayers(best.model, Object.fromEntries(
      best.model.layers.map((l) => {
        const units = (l.outputShape as number[])[1];
        return [l.name, l.name === 'output' ? `dense, ${units} units, softmax` : `dense, ${units} units, ReLU`];
      }),
    ));
    const neurons = countNeurons(layers);
    const params = best.model.countParams();
    const undecided = undecidedFraction(gridOutputs(best.model, grid).confidence);
    console.log(`  ${config.name}: kept seed ${best.seed}, agreement ${(best.agreement * 100).toFixed(2)} %, undecided ${(undecided * 100).toFixed(2)} %, ${neurons} neurons, ${params} params, ${saved.weightBytes} bytes (${tried.join('; ')})`);
    if (official) {
      const entry: ManifestEntry = {
        name: config.name,
        path: `models/${config.name}/model.json`,
        files: saved.files,
        sizes: saved.sizes,
        params,
        neurons,
        neuronCountRule: NEURON_COUNT_RULE,
        dataset: `${TRAIN_POINTS} uniform random positions in [-1, 1]² (seed ${DATA_SEED}), each labelled by the nearest of ${NEAREST_POINTS.map((p) => `${p.id} (${p.x}, ${p.y})`).join(', ')}; generated by the training script`,
        licence: 'Synthetic data generated by scripts/train/models/nearest.ts (no third-party data).',
        architecture: layers,
        metric: { name: 'agreement', value: best.agreement, split: `${AGREEMENT_GRID}×${AGREEMENT_GRID} grid of cell centres over [-1, 1]², argmax vs the ideal nearest-point function` },
        extraMetrics: [
          { name: 'undecided', value: undecided, split: `fraction of the ${AGREEMENT_GRID}×${AGREEMENT_GRID} grid where the top probability is below ${UNDECIDED_BELOW}` },
          { name: 'cross-entropy', value: Number(best.loss.toFixed(5)), split: 'training positions, last epoch' },
        ],
        seed: best.seed,
        epochs,
        trainSeconds: Number(totalSeconds.toFixed(1)),
        quantization: 'float32',
        trainedOn: `${backend} (node)`,
        trainedAt: new Date().toISOString().slice(0, 10),
        notes: `Best of ${seeds} initialisation seeds (${tried.join('; ')}); trainSeconds covers all of them. Adam, batch ${batch}, learning rate ${lr} with cosine decay to ${lr / 100}. ${config.name === NEAREST_MAIN.name ? 'The 17-neuron network of figures 4, 5, 7 and 9 of section 05.' : 'Gallery network of figure 10 of section 05.'}`,
      };
      await updateManifestEntry(entry);
    }
    best.model.dispose();
  }
  grid.dispose();
}
