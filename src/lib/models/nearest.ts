/**
 * The nearest-point networks of section 05: input `[batch, 2]` (a position
 * {x, y} in the square [-1, 1]², see `src/lib/nearest/geometry.ts`), hidden
 * dense layers with the ramp (ReLU) activation, and a dense output layer of
 * 3 units with softmax: `[batch, 3]` probabilities that point A, B or C is
 * the nearest.
 *
 * Neurons are counted by the shared rule of `./summary.ts` (every unit of a
 * dense layer is one neuron; the two inputs are not neurons), so 2→7→7→3 has
 * 7 + 7 + 3 = 17 neurons.
 *
 * Imported by the training script and by the figure islands. It imports tfjs
 * only as types: the caller passes the `@tensorflow/tfjs-layers` module.
 */
import type * as TfLayers from '@tensorflow/tfjs-layers';

/** One network of the family. */
export interface NearestNetConfig {
  /** Model id: folder `public/models/<name>/`, manifest key. */
  name: string;
  /** Units of each hidden ReLU layer, input side first. */
  hidden: number[];
}

/** Number of output units (one per fixed point). */
export const NEAREST_CLASSES = 3;

/** The network of figures 4, 5, 7 and 9 of section 05: 2→7→7→3, 17 neurons. */
export const NEAREST_MAIN: NearestNetConfig = { name: 'nearest-17', hidden: [7, 7] };

/**
 * The gallery of figure 10, smallest first: six networks of different depth
 * and width, from 4 to 267 neurons. Includes {@link NEAREST_MAIN}.
 *
 * - 2→1→3: one hidden neuron, a bottleneck: every output depends on one
 *   number, so the watersheds can only be parallel lines;
 * - 2→2→3 and 2→2→2→3: the smallest shapes that can draw all three watersheds;
 * - 2→7→7→3: the network of figures 4, 5, 7 and 9;
 * - 2→24→24→24→24→3: deep and narrow;
 * - 2→256→8→3: wide, a few hundred neurons (kept below a map cost of about
 *   2 600 multiply-adds per point so a 200×200 map stays well under 30 ms).
 */
export const NEAREST_GALLERY: readonly NearestNetConfig[] = [
  { name: 'nearest-4', hidden: [1] },
  { name: 'nearest-5', hidden: [2] },
  { name: 'nearest-7', hidden: [2, 2] },
  NEAREST_MAIN,
  { name: 'nearest-99', hidden: [24, 24, 24, 24] },
  { name: 'nearest-267', hidden: [256, 8] },
];

/** Every nearest-point network, by name. */
export function nearestConfig(name: string): NearestNetConfig | undefined {
  return NEAREST_GALLERY.find((c) => c.name === name);
}

/**
 * Neurons of a configuration: hidden units plus the output units.
 * @example nearestNeuronCount([7, 7]) === 17
 */
export function nearestNeuronCount(hidden: readonly number[]): number {
  return hidden.reduce((a, b) => a + b, 0) + NEAREST_CLASSES;
}

/**
 * Weights and biases of a configuration.
 * @example nearestParamCount([7, 7]) === 101
 */
export function nearestParamCount(hidden: readonly number[]): number {
  const sizes = [2, ...hidden, NEAREST_CLASSES];
  let n = 0;
  for (let k = 1; k < sizes.length; k++) n += sizes[k - 1]! * sizes[k]! + sizes[k]!;
  return n;
}

/** Layer sizes from input to output, e.g. `[2, 7, 7, 3]`. */
export function nearestLayerSizes(hidden: readonly number[]): number[] {
  return [2, ...hidden, NEAREST_CLASSES];
}

/** Names of the dense layers in the tfjs model: `hidden1`, `hidden2`, …, `output`. */
export function nearestLayerNames(hidden: readonly number[]): string[] {
  return [...hidden.map((_, i) => `hidden${i + 1}`), 'output'];
}

/**
 * Build the (untrained) network with the Layers API.
 * @param tfl the `@tensorflow/tfjs-layers` module
 * @param config hidden layer sizes and name
 * @param seed seed of the initialisers (layer k uses seed + k): He-normal kernels for the
 *   ReLU layers, Glorot-uniform for the output layer, zero biases
 * @returns a Sequential model `[batch, 2]` → `[batch, 3]` (softmax), not compiled
 */
export function buildNearestModel(tfl: typeof TfLayers, config: NearestNetConfig, seed = 1): TfLayers.Sequential {
  const names = nearestLayerNames(config.hidden);
  const model = tfl.sequential({ name: config.name.replace(/-/g, '_') });
  config.hidden.forEach((units, k) => {
    model.add(
      tfl.layers.dense({
        name: names[k]!,
        units,
        activation: 'relu',
        kernelInitializer: tfl.initializers.heNormal({ seed: seed + k }),
        ...(k === 0 ? { inputShape: [2] } : {}),
      }),
    );
  });
  model.add(
    tfl.layers.dense({
      name: 'output',
      units: NEAREST_CLASSES,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + config.hidden.length }),
      ...(config.hidden.length === 0 ? { inputShape: [2] } : {}),
    }),
  );
  return model;
}
