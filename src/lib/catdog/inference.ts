/**
 * Running the cat/dog network on one image and reading out what the figures
 * draw: the two class probabilities and the outputs of layer 1 (`conv1`) and
 * layer 10 (`relu4`). Works on any tfjs runtime handed in (the browser
 * loader's or Node's); no DOM.
 */
import type * as TfCore from '@tensorflow/tfjs-core';
import type * as TfLayers from '@tensorflow/tfjs-layers';
import { CATDOG_LAYER1, CATDOG_LAYER10, CATDOG_SIZE } from '../models/catdog';
import type { FeatureMaps, Kernel } from './activations';

/** What one pass of the network gives the figures. */
export interface CatdogResult {
  /** Probabilities [cat, dog], summing to 1. */
  probs: [number, number];
  /** Output of layer 1 (`conv1`, before the ReLU): `[32, 32, 24]`. */
  layer1: FeatureMaps;
  /** Output of layer 10 (`relu4`): `[8, 8, 72]`. */
  layer10: FeatureMaps;
  /** Milliseconds the forward pass and the read-back took. */
  ms: number;
}

/** A model that returns the figures' three outputs from one forward pass. */
export interface CatdogProbe {
  /**
   * Run the network.
   * @param input `[32, 32, 3]` values in [0, 1] (from `resizeToInput`)
   * @throws RangeError when `input` does not have 3072 values
   */
  run(input: Float32Array): CatdogResult;
  /** Kernel of conv1: `[5, 5, 3, 24]`. */
  kernel1: Kernel;
  /** Kernel of conv4 (the convolution layer 10 rectifies): `[3, 3, 48, 72]`. */
  kernel10: Kernel;
  /** Free the probe's tensors (not the model's weights). */
  dispose(): void;
}

function kernelOf(model: TfLayers.LayersModel, name: string): Kernel {
  const w = model.getLayer(name).getWeights()[0];
  if (!w || w.shape.length !== 4) throw new Error(`catdog: layer ${name} has no 4-D kernel`);
  return { shape: w.shape as [number, number, number, number], values: w.dataSync() as Float32Array };
}

/**
 * Wrap a loaded cat/dog model so that one call returns probabilities and both
 * layer outputs.
 * @param tf `@tensorflow/tfjs-core` (or the loader's subset: `tidy`, `tensor4d`)
 * @param tfl `@tensorflow/tfjs-layers` (or the loader's subset: `model`)
 * @param model the loaded network (`buildCatdogModel`'s layers and names)
 * @throws Error when the model lacks the `conv1`, `relu4` or `conv4` layers
 */
export function createCatdogProbe(
  tf: Pick<typeof TfCore, 'tidy' | 'tensor4d'>,
  tfl: Pick<typeof TfLayers, 'model'>,
  model: TfLayers.LayersModel,
): CatdogProbe {
  const conv4 = CATDOG_LAYER10 === 'relu4' ? 'conv4' : CATDOG_LAYER10;
  const probe = tfl.model({
    inputs: model.inputs,
    outputs: [model.getLayer(CATDOG_LAYER1).output as TfLayers.SymbolicTensor, model.getLayer(CATDOG_LAYER10).output as TfLayers.SymbolicTensor, model.outputs[0]!],
  });
  const kernel1 = kernelOf(model, CATDOG_LAYER1);
  const kernel10 = kernelOf(model, conv4);
  const n = CATDOG_SIZE * CATDOG_SIZE * 3;
  return {
    kernel1,
    kernel10,
    run(input: Float32Array): CatdogResult {
      if (input.length !== n) throw new RangeError(`catdog: input has ${input.length} values, expected ${n}`);
      const t0 = performance.now();
      const outs = tf.tidy(() => probe.predict(tf.tensor4d(input, [1, CATDOG_SIZE, CATDOG_SIZE, 3])) as TfCore.Tensor[]);
      try {
        const [l1, l10, p] = outs as [TfCore.Tensor, TfCore.Tensor, TfCore.Tensor];
        const probs = p.dataSync();
        return {
          probs: [probs[0]!, probs[1]!],
          layer1: { shape: l1.shape.slice(1) as [number, number, number], values: l1.dataSync() as Float32Array },
          layer10: { shape: l10.shape.slice(1) as [number, number, number], values: l10.dataSync() as Float32Array },
          ms: performance.now() - t0,
        };
      } finally {
        for (const t of outs) t.dispose();
      }
    },
    dispose() {
      // The probe shares the model's layers and weights; it holds no tensors of its own.
    },
  };
}
