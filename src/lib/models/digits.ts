/**
 * The handwritten-digit network ("digits"): a LeNet-style convolutional net
 * of exactly 11 layers, 4 of them core layers with weights:
 *
 *   conv1 → relu1 → pool1 → conv2 → relu2 → pool2 → flatten → dense1 → relu3 → dense2 → softmax
 *
 * Input: `[batch, 28, 28, 1]` float32 grey levels in [0, 1] (0 = background,
 * 1 = full ink), pre-processed like MNIST (see `./mnist-preprocess.ts`).
 * Output: `[batch, 10]` class probabilities for the digits 0–9.
 *
 * This file is imported by the training script and by the figure islands.
 * It imports tfjs only as types: the caller passes the `@tensorflow/tfjs-layers`
 * module to {@link buildDigitsModel}, so importing this file pulls no tfjs
 * code into a page bundle.
 */
import type * as TfLayers from '@tensorflow/tfjs-layers';

/** Model id: folder `public/models/digits/`, manifest key `digits`. */
export const DIGITS_MODEL = 'digits';

/** Input shape without the batch axis. */
export const DIGITS_INPUT_SHAPE = [28, 28, 1] as const;

/** Class labels, index = digit. */
export const DIGITS_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** Hyper-parameters of the architecture. */
export interface DigitsConfig {
  conv1: { filters: number; kernel: number; strides: number; padding: 'valid' | 'same' };
  conv2: { filters: number; kernel: number; strides: number; padding: 'valid' | 'same' };
  /** Pool size (and stride) of both max-pooling layers. */
  pool: number;
  /** Padding of the pooling layers. */
  poolPadding: 'valid' | 'same';
  /** Units of the hidden dense layer. */
  dense: number;
}

/** The configuration the committed weights were trained with. */
export const DIGITS_CONFIG: DigitsConfig = {
  conv1: { filters: 8, kernel: 5, strides: 1, padding: 'valid' },
  conv2: { filters: 16, kernel: 5, strides: 1, padding: 'valid' },
  pool: 2,
  poolPadding: 'valid',
  dense: 128,
};

/** Kind of a layer, for drawing. */
export type DigitsLayerKind = 'conv' | 'relu' | 'pool' | 'flatten' | 'dense' | 'softmax';

/** One layer of the network as the figures describe it. */
export interface DigitsLayer {
  /** tfjs layer name, e.g. `conv1`. */
  name: string;
  kind: DigitsLayerKind;
  /** Output shape without the batch axis, e.g. `[24, 24, 16]`. */
  outputShape: number[];
  /** Short label in both languages. */
  label: { zh: string; en: string };
}

function convOut(size: number, kernel: number, strides: number, padding: 'valid' | 'same'): number {
  return padding === 'same' ? Math.ceil(size / strides) : Math.floor((size - kernel) / strides) + 1;
}

/**
 * The 11 layers with their output shapes, computed from `config` without tfjs.
 * @param config architecture (defaults to {@link DIGITS_CONFIG})
 */
export function digitsLayers(config: DigitsConfig = DIGITS_CONFIG): DigitsLayer[] {
  const { conv1, conv2, pool, poolPadding, dense } = config;
  const h1 = convOut(DIGITS_INPUT_SHAPE[0], conv1.kernel, conv1.strides, conv1.padding);
  const p1 = convOut(h1, pool, pool, poolPadding);
  const h2 = convOut(p1, conv2.kernel, conv2.strides, conv2.padding);
  const p2 = convOut(h2, pool, pool, poolPadding);
  const k1 = `${conv1.kernel}×${conv1.kernel}`;
  const k2 = `${conv2.kernel}×${conv2.kernel}`;
  return [
    { name: 'conv1', kind: 'conv', outputShape: [h1, h1, conv1.filters], label: { zh: `卷积 ${k1}`, en: `conv ${k1}` } },
    { name: 'relu1', kind: 'relu', outputShape: [h1, h1, conv1.filters], label: { zh: 'ReLU', en: 'ReLU' } },
    { name: 'pool1', kind: 'pool', outputShape: [p1, p1, conv1.filters], label: { zh: '最大池化', en: 'max pool' } },
    { name: 'conv2', kind: 'conv', outputShape: [h2, h2, conv2.filters], label: { zh: `卷积 ${k2}`, en: `conv ${k2}` } },
    { name: 'relu2', kind: 'relu', outputShape: [h2, h2, conv2.filters], label: { zh: 'ReLU', en: 'ReLU' } },
    { name: 'pool2', kind: 'pool', outputShape: [p2, p2, conv2.filters], label: { zh: '最大池化', en: 'max pool' } },
    { name: 'flatten', kind: 'flatten', outputShape: [p2 * p2 * conv2.filters], label: { zh: '展平', en: 'flatten' } },
    { name: 'dense1', kind: 'dense', outputShape: [dense], label: { zh: '全连接', en: 'dense' } },
    { name: 'relu3', kind: 'relu', outputShape: [dense], label: { zh: 'ReLU', en: 'ReLU' } },
    { name: 'dense2', kind: 'dense', outputShape: [10], label: { zh: '全连接', en: 'dense' } },
    { name: 'softmax', kind: 'softmax', outputShape: [10], label: { zh: 'softmax', en: 'softmax' } },
  ];
}

/**
 * Build the (untrained) network with the Layers API.
 *
 * @param tfl the `@tensorflow/tfjs-layers` module (passed in so this file has no runtime tfjs import)
 * @param seed seed of the weight initialisers (each layer uses seed + its index)
 * @param config architecture (defaults to {@link DIGITS_CONFIG})
 * @returns a Sequential model mapping `[batch, 28, 28, 1]` → `[batch, 10]`, not compiled
 */
export function buildDigitsModel(tfl: typeof TfLayers, seed = 1, config: DigitsConfig = DIGITS_CONFIG): TfLayers.Sequential {
  const init = (i: number) => tfl.initializers.glorotUniform({ seed: seed + i });
  const heInit = (i: number) => tfl.initializers.heNormal({ seed: seed + i });
  const { conv1, conv2, pool, poolPadding, dense } = config;
  return tfl.sequential({
    name: DIGITS_MODEL,
    layers: [
      tfl.layers.conv2d({
        name: 'conv1', inputShape: [...DIGITS_INPUT_SHAPE], filters: conv1.filters, kernelSize: conv1.kernel,
        strides: conv1.strides, padding: conv1.padding, kernelInitializer: heInit(0),
      }),
      tfl.layers.activation({ name: 'relu1', activation: 'relu' }),
      tfl.layers.maxPooling2d({ name: 'pool1', poolSize: pool, strides: pool, padding: poolPadding }),
      tfl.layers.conv2d({
        name: 'conv2', filters: conv2.filters, kernelSize: conv2.kernel, strides: conv2.strides,
        padding: conv2.padding, kernelInitializer: heInit(1),
      }),
      tfl.layers.activation({ name: 'relu2', activation: 'relu' }),
      tfl.layers.maxPooling2d({ name: 'pool2', poolSize: pool, strides: pool, padding: poolPadding }),
      tfl.layers.flatten({ name: 'flatten' }),
      tfl.layers.dense({ name: 'dense1', units: dense, kernelInitializer: heInit(2) }),
      tfl.layers.activation({ name: 'relu3', activation: 'relu' }),
      tfl.layers.dense({ name: 'dense2', units: 10, kernelInitializer: init(3) }),
      tfl.layers.activation({ name: 'softmax', activation: 'softmax' }),
    ],
  });
}
