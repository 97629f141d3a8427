/**
 * Counting rules shared by the training scripts (which write the manifest)
 * and the pages (which explain it). Pure: works on the manifest's layer list.
 */
import type { ManifestLayer } from './manifest';

/** Layer types whose outputs count as neurons: the "core" layers with weights. */
export const CORE_LAYER_TYPES: readonly string[] = ['Conv2D', 'Dense', 'DepthwiseConv2D', 'SeparableConv2D', 'Conv1D'];

/** The rule {@link countNeurons} applies, in words (stored in the manifest). */
export const NEURON_COUNT_RULE =
  'Every output value of a core layer (convolution or dense) is one neuron: a convolution contributes height × width × channels, a dense layer its units. Activation, pooling, flatten and softmax layers add none.';

/**
 * Number of neurons by {@link NEURON_COUNT_RULE}.
 * @param layers layer list with output shapes without the batch axis
 */
export function countNeurons(layers: readonly ManifestLayer[]): number {
  let n = 0;
  for (const layer of layers) {
    if (!CORE_LAYER_TYPES.includes(layer.type)) continue;
    n += layer.outputShape.reduce((a, b) => a * b, 1);
  }
  return n;
}

/** Number of core layers (with weights) in a layer list. */
export function countCoreLayers(layers: readonly ManifestLayer[]): number {
  return layers.filter((l) => CORE_LAYER_TYPES.includes(l.type)).length;
}

/** Shape as text, e.g. `24×24×16`. */
export function shapeText(shape: readonly number[]): string {
  return shape.join('×');
}
