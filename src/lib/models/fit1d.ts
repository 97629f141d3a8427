/**
 * The network of section 06 ("fit1d"): one input x, three hidden layers of
 * 16 ReLU units, one linear output — a Sequential model of 4 Dense layers:
 *
 *   x [batch, 1] → hidden1 (16, relu) → hidden2 (16, relu) → hidden3 (16, relu) → output (1) → ŷ [batch, 1]
 *
 * 49 neurons with weights (48 hidden + 1 output; the input only passes x on)
 * and 593 parameters. Kernels start He-uniform (He et al. 2015: U(±√(6/fanIn))),
 * biases uniform in [−1, 1] (not zero, so the ReLU kinks of different units
 * fall at different inputs and a random draw computes a varied function).
 *
 * Also: what the training script writes to `public/models/fit1d/` (file names,
 * the run summary `run.json` and its parser), shared by the script, the
 * build-time drawings and the islands. Imports tfjs only as types: the caller
 * passes the `@tensorflow/tfjs-layers` module to {@link buildFit1dModel}.
 */
import type * as TfLayers from '@tensorflow/tfjs-layers';
import type { MlpSpec } from '../fit1d/mlp';

/** Model id: folder `public/models/fit1d/`, manifest key `fit1d`. */
export const FIT1D_MODEL = 'fit1d';

/** Units per layer, input first. */
export const FIT1D_SIZES = [1, 16, 16, 16, 1] as const;

/** Names of the Dense layers, in order (their weights are `<name>/kernel`, `<name>/bias`). */
export const FIT1D_LAYER_NAMES = ['hidden1', 'hidden2', 'hidden3', 'output'] as const;

/** The network as the plain-TypeScript MLP sees it (same maths as the tfjs model). */
export const FIT1D_SPEC: MlpSpec = { sizes: FIT1D_SIZES, activation: 'relu' };

/** Half-width of the uniform bias initialiser. */
export const BIAS_RANGE = 1;

/** Seed of random draw `k` (k = 0 … {@link RANDOM_DRAWS} − 1); draw 0 is where training starts. */
export function drawSeed(k: number): number {
  return 1000 * (k + 1);
}

/** Number of random weight draws shown in the gallery. */
export const RANDOM_DRAWS = 8;

/** Defaults of the live run and the settings of the pretrained run. */
export const DEFAULT_LEARNING_RATE = 0.01;
/** Examples per step. */
export const DEFAULT_BATCH_SIZE = 16;
/** Seed of the order of the mini-batches. */
export const BATCH_SEED = 7;
/** Learning rates the reader can pick (Adam). */
export const LEARNING_RATES = [0.001, 0.003, 0.01, 0.03, 0.1] as const;
/** Batch sizes the reader can pick (200 = the whole training set). */
export const BATCH_SIZES = [1, 4, 16, 64, 200] as const;

/** The stated goal: mean squared error on the 200 training points below this. */
export const MSE_THRESHOLD = 0.005;

/** Steps of the pretrained run. */
export const PRETRAIN_STEPS = 10_000;
/** Steps at which the pretrained run's weights are kept. */
export const SNAPSHOT_STEPS = [0, 100, 300, 1000, 3000, 10_000] as const;

/** File of random draw `k` in the model folder. */
export function drawFile(k: number): string {
  return `random-${k}.bin`;
}

/** File of the pretrained run's weights after `step` steps (step 0 is draw 0, the last is the model's own shard). */
export function snapshotFile(step: number): string {
  if (step === 0) return drawFile(0);
  if (step === PRETRAIN_STEPS) return 'weights.bin';
  return `step-${String(step).padStart(5, '0')}.bin`;
}

/** Name of the run summary in the model folder. */
export const RUN_FILE = 'run.json';

/**
 * Build the network with the Layers API (not compiled).
 *
 * @param tfl the `@tensorflow/tfjs-layers` module
 * @param seed seed of the initialisers: layer i's kernel uses seed + 2i, its bias seed + 2i + 1
 * @returns a Sequential model mapping `[batch, 1]` → `[batch, 1]`
 */
export function buildFit1dModel(tfl: typeof TfLayers, seed: number): TfLayers.Sequential {
  const last = FIT1D_LAYER_NAMES.length - 1;
  return tfl.sequential({
    name: FIT1D_MODEL,
    layers: FIT1D_LAYER_NAMES.map((name, i) =>
      tfl.layers.dense({
        name,
        units: FIT1D_SIZES[i + 1]!,
        ...(i === 0 ? { inputShape: [FIT1D_SIZES[0]] } : {}),
        activation: i === last ? 'linear' : FIT1D_SPEC.activation,
        kernelInitializer: tfl.initializers.heUniform({ seed: seed + 2 * i }),
        biasInitializer: tfl.initializers.randomUniform({ minval: -BIAS_RANGE, maxval: BIAS_RANGE, seed: seed + 2 * i + 1 }),
      }),
    ),
  });
}

/** One set of weights kept by the training run. */
export interface Fit1dWeightsRecord {
  /** File in the model folder (float32, laid out like `weights.bin`). */
  file: string;
  /** Mean squared error on the 200 training points, computed from the saved float32 values. */
  mse: number;
}

/** `run.json`: what `npm run train -- fit1d` measured. */
export interface Fit1dRun {
  /** The random draws of figure 3, draw 0 first. */
  draws: (Fit1dWeightsRecord & { seed: number })[];
  /** The pretrained run's kept weights, by step (step 0 = draw 0). */
  snapshots: (Fit1dWeightsRecord & { step: number })[];
  /** Full-data mean squared error of the pretrained run, `[step, mse]`, thinned to a few hundred points. */
  lossCurve: [number, number][];
  /** Settings of the pretrained run. */
  learningRate: number;
  batchSize: number;
  batchSeed: number;
  /** First step at which the pretrained run's full-data error fell below {@link threshold} (null if never). */
  stepsToThreshold: number | null;
  threshold: number;
}

/**
 * Parse and check `run.json`.
 * @throws Error when a field is missing or has the wrong type
 */
export function parseFit1dRun(text: string): Fit1dRun {
  const data = JSON.parse(text) as Partial<Fit1dRun>;
  const isRecord = (r: unknown): r is Fit1dWeightsRecord =>
    !!r && typeof (r as Fit1dWeightsRecord).file === 'string' && typeof (r as Fit1dWeightsRecord).mse === 'number';
  if (!Array.isArray(data.draws) || !data.draws.every((d) => isRecord(d) && typeof d.seed === 'number')) throw new Error('run.json: bad "draws"');
  if (!Array.isArray(data.snapshots) || !data.snapshots.every((s) => isRecord(s) && typeof s.step === 'number')) throw new Error('run.json: bad "snapshots"');
  if (!Array.isArray(data.lossCurve) || !data.lossCurve.every((p) => Array.isArray(p) && p.length === 2)) throw new Error('run.json: bad "lossCurve"');
  for (const key of ['learningRate', 'batchSize', 'batchSeed', 'threshold'] as const) {
    if (typeof data[key] !== 'number') throw new Error(`run.json: "${key}" is not a number`);
  }
  return data as Fit1dRun;
}
