/**
 * The cat/dog network ("catdog"): a small VGG-style convolutional net that
 * tells the CIFAR-10 cats from the CIFAR-10 dogs at 32×32 RGB.
 *
 * The network the site loads has 20 layers (every tfjs Layers layer counts as
 * one layer, numbered from 1 as in the text):
 *
 *   1 conv1 5×5 → 2 relu1 → 3 pool1 → 4 conv2 → 5 relu2 → 6 conv3 → 7 relu3 → 8 pool2
 *   → 9 conv4 → 10 relu4 → 11 conv5 → 12 relu5 → 13 pool3 → 14 conv6 → 15 relu6
 *   → 16 gap → 17 dense1 → 18 relu7 → 19 dense2 → 20 softmax
 *
 * "Layer 1" of the text is `conv1` (32×32×24) and "layer 10" is `relu4`
 * (8×8×72, the rectified output of the fourth convolution).
 *
 * Neurons, by the pipeline's rule (`NEURON_COUNT_RULE` in `./summary.ts`: every
 * output value of a convolution or dense layer is one neuron):
 *   32·32·24 + 16·16·48 + 16·16·48 + 8·8·72 + 8·8·72 + 4·4·136 + 104 + 2 = 60 650.
 *
 * Training uses a second, wider layer list ({@link buildCatdogTrainModel}):
 * each convolution is followed by batch normalisation, and dropout sits before
 * the dense layers. On export the batch normalisation is folded into the
 * convolution's kernel and bias ({@link foldBatchNorm}) and dropout (a no-op at
 * inference) is left out, so the saved network is exactly the 20 layers above.
 *
 * Input: `[batch, 32, 32, 3]` float32 RGB in [0, 1] (see `src/lib/catdog/preprocess.ts`).
 * Output: `[batch, 2]` probabilities, index 0 = cat, 1 = dog.
 *
 * Imports tfjs only as types: callers pass the `@tensorflow/tfjs-layers`
 * module, so importing this file pulls no tfjs code into a page bundle.
 */
import type * as TfLayers from '@tensorflow/tfjs-layers';

/** Model id: folder `public/models/catdog/`, manifest key `catdog`. */
export const CATDOG_MODEL = 'catdog';

/** Input shape without the batch axis: height, width, RGB. */
export const CATDOG_INPUT_SHAPE = [32, 32, 3] as const;

/** Side of the square input in pixels. */
export const CATDOG_SIZE = 32;

/** Class labels by output index (the data set's labels: 0 = cat, 1 = dog). */
export const CATDOG_CLASSES = ['cat', 'dog'] as const;

/** Bilingual class names by output index. */
export const CATDOG_CLASS_NAMES: readonly { zh: string; en: string }[] = [
  { zh: '猫', en: 'cat' },
  { zh: '狗', en: 'dog' },
];

/** Hyper-parameters of the architecture. */
export interface CatdogConfig {
  /** Kernel size of the first convolution (the kernel the layer-1 figure shows). */
  kernel1: number;
  /** Filters of conv1 … conv6. */
  filters: [number, number, number, number, number, number];
  /** Units of the hidden dense layer. */
  dense: number;
  /**
   * Dropout rate before each dense layer (training only; 0 = no dropout layers).
   * Note: tfjs' Dropout with a fixed `seed` draws the same mask at every step,
   * so a seeded run cannot use it as a regulariser; the committed weights use 0.
   */
  dropout: number;
}

/** The configuration the committed weights were trained with. */
export const CATDOG_CONFIG: CatdogConfig = {
  kernel1: 5,
  filters: [24, 48, 48, 72, 72, 136],
  dense: 104,
  dropout: 0,
};

/** Kind of a layer of the exported network, for drawing and describing. */
export type CatdogLayerKind = 'conv' | 'relu' | 'pool' | 'gap' | 'dense' | 'softmax';

/** One layer of the exported network. */
export interface CatdogLayer {
  /** 1-based position, as the text numbers layers ("layer 10"). */
  number: number;
  /** tfjs layer name, e.g. `conv1`. */
  name: string;
  kind: CatdogLayerKind;
  /** Output shape without the batch axis, e.g. `[32, 32, 24]` or `[104]`. */
  outputShape: number[];
  /** For `conv` layers: kernel side in pixels. */
  kernel?: number;
  /** For `relu` layers: the conv/dense layer whose output it rectifies. */
  source?: string;
  /** Short label in both languages. */
  label: { zh: string; en: string };
}

/** Layer the layer-1 figure shows. */
export const CATDOG_LAYER1 = 'conv1';
/** Layer the layer-10 figure shows. */
export const CATDOG_LAYER10 = 'relu4';

/**
 * The 20 layers of the exported network with their output shapes, computed
 * from `config` without tfjs (all convolutions use 'same' padding, stride 1;
 * pools are 2×2, stride 2).
 * @param config architecture (default {@link CATDOG_CONFIG})
 */
export function catdogLayers(config: CatdogConfig = CATDOG_CONFIG): CatdogLayer[] {
  const [f1, f2, f3, f4, f5, f6] = config.filters;
  const s = CATDOG_SIZE;
  const layers: Omit<CatdogLayer, 'number'>[] = [];
  const conv = (name: string, size: number, filters: number, kernel: number) =>
    layers.push({ name, kind: 'conv', outputShape: [size, size, filters], kernel, label: { zh: `卷积 ${kernel}×${kernel}，${filters} 个通道`, en: `conv ${kernel}×${kernel}, ${filters} channels` } });
  const relu = (name: string, source: string, shape: number[]) =>
    layers.push({ name, kind: 'relu', outputShape: shape, source, label: { zh: `ReLU（${source}）`, en: `ReLU (of ${source})` } });
  const pool = (name: string, size: number, filters: number) =>
    layers.push({ name, kind: 'pool', outputShape: [size, size, filters], label: { zh: '最大池化 2×2', en: 'max pool 2×2' } });
  conv('conv1', s, f1, config.kernel1);
  relu('relu1', 'conv1', [s, s, f1]);
  pool('pool1', s / 2, f1);
  conv('conv2', s / 2, f2, 3);
  relu('relu2', 'conv2', [s / 2, s / 2, f2]);
  conv('conv3', s / 2, f3, 3);
  relu('relu3', 'conv3', [s / 2, s / 2, f3]);
  pool('pool2', s / 4, f3);
  conv('conv4', s / 4, f4, 3);
  relu('relu4', 'conv4', [s / 4, s / 4, f4]);
  conv('conv5', s / 4, f5, 3);
  relu('relu5', 'conv5', [s / 4, s / 4, f5]);
  pool('pool3', s / 8, f5);
  conv('conv6', s / 8, f6, 3);
  relu('relu6', 'conv6', [s / 8, s / 8, f6]);
  layers.push({ name: 'gap', kind: 'gap', outputShape: [f6], label: { zh: '全局平均池化', en: 'global average pool' } });
  layers.push({ name: 'dense1', kind: 'dense', outputShape: [config.dense], label: { zh: `全连接，${config.dense} 个单元`, en: `dense, ${config.dense} units` } });
  relu('relu7', 'dense1', [config.dense]);
  layers.push({ name: 'dense2', kind: 'dense', outputShape: [2], label: { zh: '全连接，2 个单元', en: 'dense, 2 units' } });
  layers.push({ name: 'softmax', kind: 'softmax', outputShape: [2], label: { zh: 'softmax（猫、狗的概率）', en: 'softmax (cat, dog probabilities)' } });
  return layers.map((l, i) => ({ ...l, number: i + 1 }));
}

/**
 * Neurons of the exported network by the pipeline's rule (every output value
 * of a conv or dense layer), computed from the layer list.
 * @param config architecture (default {@link CATDOG_CONFIG})
 * @returns 60 650 for the committed configuration
 */
export function catdogNeuronCount(config: CatdogConfig = CATDOG_CONFIG): number {
  return catdogLayers(config)
    .filter((l) => l.kind === 'conv' || l.kind === 'dense')
    .reduce((n, l) => n + l.outputShape.reduce((a, b) => a * b, 1), 0);
}

/**
 * Build the exported (inference) network with the Layers API: the 20 layers
 * of {@link catdogLayers}, convolutions with bias, no batch normalisation.
 *
 * @param tfl the `@tensorflow/tfjs-layers` module
 * @param config architecture (default {@link CATDOG_CONFIG})
 * @returns a Sequential model `[batch, 32, 32, 3]` → `[batch, 2]`, not compiled, weights random
 */
export function buildCatdogModel(tfl: typeof TfLayers, config: CatdogConfig = CATDOG_CONFIG): TfLayers.Sequential {
  return catdogSequential(tfl, CATDOG_MODEL, config);
}

/**
 * Build the training network: the same layers, but each convolution has no
 * bias and is followed by a BatchNormalization layer named `<conv>_bn`, and a
 * Dropout layer (`drop1`, `drop2`) precedes each dense layer. Initialisers are
 * seeded (He normal for conv/dense kernels, seed + layer index).
 *
 * @param tfl the `@tensorflow/tfjs-layers` module
 * @param seed seed of the weight initialisers and dropout masks
 * @param config architecture (default {@link CATDOG_CONFIG})
 * @param l2 L2 weight-decay factor on conv and dense kernels (0 = none)
 * @returns a Sequential model `[batch, 32, 32, 3]` → `[batch, 2]`, not compiled
 */
export function buildCatdogTrainModel(tfl: typeof TfLayers, seed = 1, config: CatdogConfig = CATDOG_CONFIG, l2 = 0): TfLayers.Sequential {
  return catdogSequential(tfl, `${CATDOG_MODEL}_train`, config, { seed, l2 });
}

/**
 * The layers of {@link catdogLayers} as a Sequential model. Without `train`:
 * the exported network (convolutions with bias, default initialisers). With
 * `train`: bias-free convolutions each followed by `<conv>_bn`, a Dropout
 * layer before each dense layer, seeded initialisers and optional L2 decay.
 */
function catdogSequential(tfl: typeof TfLayers, name: string, config: CatdogConfig, train?: { seed: number; l2: number }): TfLayers.Sequential {
  const model = tfl.sequential({ name });
  const reg = train && train.l2 > 0 ? { kernelRegularizer: tfl.regularizers.l2({ l2: train.l2 }) } : {};
  let drop = 0;
  catdogLayers(config).forEach((l, i) => {
    const input = i === 0 ? { inputShape: [...CATDOG_INPUT_SHAPE] } : {};
    const init = train ? tfl.initializers.heNormal({ seed: train.seed + i }) : undefined;
    switch (l.kind) {
      case 'conv':
        model.add(
          tfl.layers.conv2d({
            name: l.name,
            ...input,
            filters: l.outputShape[2]!,
            kernelSize: l.kernel!,
            padding: 'same',
            useBias: !train,
            ...(train ? { kernelInitializer: init, ...reg } : {}),
          }),
        );
        if (train) model.add(tfl.layers.batchNormalization({ name: `${l.name}_bn`, axis: -1, momentum: 0.9, epsilon: 1e-3 }));
        break;
      case 'relu':
        model.add(tfl.layers.activation({ name: l.name, activation: 'relu' }));
        break;
      case 'pool':
        model.add(tfl.layers.maxPooling2d({ name: l.name, poolSize: 2, strides: 2 }));
        break;
      case 'gap':
        model.add(tfl.layers.globalAveragePooling2d({ name: l.name }));
        break;
      case 'dense':
        if (train) {
          drop++;
          if (config.dropout > 0) model.add(tfl.layers.dropout({ name: `drop${drop}`, rate: config.dropout, seed: train.seed + 100 + drop }));
        }
        model.add(
          tfl.layers.dense({
            name: l.name,
            units: l.outputShape[0]!,
            ...(train ? { kernelInitializer: l.name === 'dense2' ? tfl.initializers.glorotUniform({ seed: train.seed + i }) : init, ...reg } : {}),
          }),
        );
        break;
      case 'softmax':
        model.add(tfl.layers.activation({ name: l.name, activation: 'softmax' }));
        break;
    }
  });
  return model;
}

/** Batch-normalisation parameters of one layer, each of length `channels`. */
export interface BatchNormParams {
  gamma: Float32Array;
  beta: Float32Array;
  movingMean: Float32Array;
  movingVariance: Float32Array;
  epsilon: number;
}

/**
 * Fold batch normalisation into the preceding bias-free convolution:
 *   y = γ·(conv(x, W) − μ)/√(σ² + ε) + β = conv(x, W·s) + (β − μ·s),  s = γ/√(σ² + ε).
 *
 * @param kernel conv kernel, flat `[kh, kw, inChannels, outChannels]` (channels last, output fastest)
 * @param bn the layer's batch-norm parameters, each `[outChannels]`
 * @returns the new kernel (same layout) and bias `[outChannels]`
 * @throws Error when the kernel length is not a multiple of the channel count
 */
export function foldBatchNorm(kernel: Float32Array, bn: BatchNormParams): { kernel: Float32Array; bias: Float32Array } {
  const out = bn.gamma.length;
  if (kernel.length % out !== 0) throw new Error(`foldBatchNorm: kernel of ${kernel.length} values does not end in ${out} channels`);
  const scale = new Float32Array(out);
  const bias = new Float32Array(out);
  for (let c = 0; c < out; c++) {
    scale[c] = bn.gamma[c]! / Math.sqrt(bn.movingVariance[c]! + bn.epsilon);
    bias[c] = bn.beta[c]! - bn.movingMean[c]! * scale[c]!;
  }
  const folded = new Float32Array(kernel.length);
  for (let i = 0; i < kernel.length; i++) folded[i] = kernel[i]! * scale[i % out]!;
  return { kernel: folded, bias };
}
