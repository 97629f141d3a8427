/**
 * Inference helpers for the digits network, on a model from `loader.ts`.
 * No DOM and no static tfjs import: tfjs comes from `loaded.runtime`.
 */
import type * as TfCore from '@tensorflow/tfjs-core';
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import type { LoadedModel } from './loader';

/** One layer's output for one image. */
export interface LayerOutput {
  name: string;
  /** Output shape without the batch axis, e.g. `[24, 24, 8]` or `[128]`. */
  shape: number[];
  /** Values, row-major (channels last). */
  values: Float32Array;
}

/**
 * Class probabilities for a batch of 28×28 images.
 * @param images each a `Float32Array(784)` of ink in [0, 1]
 * @returns one `Float32Array(10)` per image (sums to 1)
 */
export function classify(loaded: LoadedModel, images: readonly Float32Array[]): Float32Array[] {
  if (images.length === 0) return [];
  const { tf } = loaded.runtime;
  const flat = new Float32Array(images.length * 784);
  images.forEach((img, i) => flat.set(img, i * 784));
  const probs = tf.tidy(() => (loaded.model.predict(tf.tensor4d(flat, [images.length, 28, 28, 1])) as TfCore.Tensor).dataSync() as Float32Array);
  return images.map((_, i) => probs.slice(i * 10, i * 10 + 10));
}

const probes = new WeakMap<LayersModel, Map<string, LayersModel>>();

/**
 * Outputs of some (default: all 11) layers for one image, in one forward pass
 * through a model whose outputs are those layers (built once per layer set
 * and cached).
 * @param image `Float32Array(784)` of ink in [0, 1]
 * @param names layer names to return (default: every layer, in order)
 * @returns the requested layer outputs, in the network's layer order
 */
export function layerOutputs(loaded: LoadedModel, image: Float32Array, names?: readonly string[]): LayerOutput[] {
  const { tf, tfl } = loaded.runtime;
  const layers = loaded.model.layers.filter((l) => !names || names.includes(l.name));
  const key = layers.map((l) => l.name).join(',');
  let cache = probes.get(loaded.model);
  if (!cache) probes.set(loaded.model, (cache = new Map()));
  let probe = cache.get(key);
  if (!probe) {
    probe = tfl.model({ inputs: loaded.model.inputs, outputs: layers.map((l) => l.output as SymbolicTensor) });
    cache.set(key, probe);
  }
  const model = probe;
  return tf.tidy(() => {
    const result = model.predict(tf.tensor4d(image, [1, 28, 28, 1]));
    const outs = Array.isArray(result) ? result : [result];
    return outs.map((t, i) => ({ name: layers[i]!.name, shape: t.shape.slice(1), values: t.dataSync() as Float32Array }));
  });
}

/**
 * A forward pass on a blank image through the whole network and through the
 * layer probe the drawing pad starts with (`conv1` + `softmax`), so that the first real drawing does
 * not pay for building the probe and the backend's first-run set-up. Meant
 * for idle time right after loading; results are discarded.
 * @param names the probe's layers (default: the pad's starting selection)
 */
export function warmUp(loaded: LoadedModel, names: readonly string[] = ['conv1', 'softmax']): void {
  const blank = new Float32Array(784);
  classify(loaded, [blank]);
  layerOutputs(loaded, blank, names);
}

/** Index of the largest value. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
