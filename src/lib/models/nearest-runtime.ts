/**
 * The nearest-point networks in the browser: loaded through the shared loader
 * (`./loader.ts`: lazy tfjs, wasm backend, sha256 check, per-page cache),
 * then used two ways:
 *
 * - whole maps: one batched tfjs prediction of the `[n·n, 2]` grid
 *   ({@link predictGrid}), not n·n calls;
 * - single points with every neuron's value: the hand-written forward pass of
 *   `src/lib/nearest/dense.ts` on the same weights ({@link LoadedNearest.net}).
 *
 * No DOM.
 */
import type * as TfLayers from '@tensorflow/tfjs-layers';
import type * as TfCore from '@tensorflow/tfjs-core';
import { loadModel, type LoadedModel, type LoadOptions } from './loader';
import type { DenseLayer, DenseNet } from '../nearest/dense';
import { validateNet } from '../nearest/dense';
import { denseActivation } from '../nearest/weights';
import { gridInputs } from '../nearest/geometry';

/** A loaded nearest-point network. */
export interface LoadedNearest {
  /** What the loader returned (tfjs model, manifest entry, runtime). */
  loaded: LoadedModel;
  /** The same weights as plain arrays, for {@link traceDense}. */
  net: DenseNet;
}

/**
 * Copy the weights of a Sequential model of Dense layers into a {@link DenseNet}.
 * @param model a tfjs Layers model whose layers are all `Dense`
 * @throws Error when a layer is of another kind or has an unsupported activation
 */
export function denseNetFromLayersModel(model: TfLayers.LayersModel): DenseNet {
  const layers: DenseLayer[] = [];
  for (const layer of model.layers) {
    const kind = layer.getClassName();
    if (kind === 'InputLayer') continue;
    if (kind !== 'Dense') throw new Error(`layer ${layer.name}: ${kind} is not supported (Dense only)`);
    const [kernelT, biasT] = layer.getWeights();
    if (!kernelT || !biasT) throw new Error(`layer ${layer.name}: missing kernel or bias`);
    const [inputs, units] = kernelT.shape as [number, number];
    layers.push({
      name: layer.name,
      inputs,
      units,
      kernel: Float32Array.from(kernelT.dataSync() as Float32Array),
      bias: Float32Array.from(biasT.dataSync() as Float32Array),
      activation: denseActivation(String(layer.getConfig()['activation'] ?? 'linear')),
    });
  }
  const net = { layers };
  validateNet(net);
  return net;
}

const nets = new Map<string, Promise<LoadedNearest>>();

/**
 * Load a nearest-point network by its manifest name (cached per page, like the loader).
 * @param name e.g. `nearest-17`
 * @param options byte progress (runtime, then model files)
 * @throws ModelLoadError from the loader; Error when the model is not a stack of Dense layers
 */
export function loadNearest(name: string, options: LoadOptions = {}): Promise<LoadedNearest> {
  const cached = nets.get(name);
  if (cached) return cached;
  const promise = loadModel(name, options).then((loaded) => ({ loaded, net: denseNetFromLayersModel(loaded.model) }));
  nets.set(name, promise);
  promise.catch(() => nets.delete(name));
  return promise;
}

const gridTensors = new Map<number, TfCore.Tensor2D>();

/** The network's output on an n × n grid and how long it took. */
export interface GridPrediction {
  /** `[n·n, 3]` softmax probabilities, row 0 of the grid (top, y = 1) first. */
  probs: Float32Array;
  /** Wall-clock time of the prediction in ms (tensor upload excluded after the first call). */
  ms: number;
}

/**
 * Predict the whole n × n grid in one batch (`model.predict` with batch size n·n).
 * The grid's input tensor is built once per page and size, and kept.
 * @param n grid side, e.g. 200
 * @returns probabilities `[n·n, 3]` and the time taken
 */
export function predictGrid(model: LoadedNearest, n: number): GridPrediction {
  const { tf } = model.loaded.runtime;
  let grid = gridTensors.get(n);
  if (!grid || grid.isDisposed) {
    grid = tf.keep(tf.tensor2d(gridInputs(n), [n * n, 2]));
    gridTensors.set(n, grid);
  }
  const input = grid;
  const t0 = performance.now();
  const out = tf.tidy(() => model.loaded.model.predict(input, { batchSize: n * n }) as TfCore.Tensor);
  const probs = out.dataSync() as Float32Array;
  out.dispose();
  return { probs, ms: performance.now() - t0 };
}

const warmed = new WeakMap<LoadedNearest, Set<number>>();

/**
 * Run {@link predictGrid} once, untimed, the first time a model meets a grid
 * size: the first batched call allocates the backend's buffers and the grid
 * tensor, which later calls reuse. Later calls do nothing.
 */
export function warmGrid(model: LoadedNearest, n: number): void {
  let sizes = warmed.get(model);
  if (!sizes) warmed.set(model, (sizes = new Set()));
  if (sizes.has(n)) return;
  predictGrid(model, n);
  sizes.add(n);
}
