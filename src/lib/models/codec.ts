/**
 * The learned image codec ("codec"): a small convolutional autoencoder for
 * 28×28 grey digits whose bottleneck is a short vector of latent values, each
 * quantised to {@link CODEC_BITS} bits. One network serves every rate: the
 * decoder is trained with only the first k latents kept (k ∈ {@link CODEC_RATES},
 * the rest set to 0, the middle of the code range), so sending the first k
 * values is a valid, shorter code ("nested dropout", O. Rippel, M. Gelbart,
 * R. Adams, "Learning Ordered Representations with Nested Dropout", ICML 2014).
 *
 * - encoder: `[batch, 28, 28, 1]` grey levels in [0, 1] → `[batch, 32]` in [−1, 1] (tanh)
 * - decoder: `[batch, 32]` → `[batch, 28, 28, 1]` grey levels in [0, 1] (sigmoid)
 *
 * A compressed image is exactly `ceil(k × bits / 8)` bytes ({@link codeBytes}):
 * no header is needed because the model, the rate and the image size are fixed
 * and known to both sides (the rate is the reader's choice in the figure).
 *
 * Quantisation: uniform, 2^bits levels over [−1, 1], levels −1 + 2i/(2^bits − 1).
 * During training it is simulated by Gaussian noise of the uniform quantiser's
 * standard deviation, step/√12 (J. Ballé, V. Laparra, E. Simoncelli, "End-to-end
 * optimized image compression", ICLR 2017, use additive uniform noise).
 *
 * Imported by the training script and by the figure island; tfjs only as types.
 */
import type * as TfLayers from '@tensorflow/tfjs-layers';

/** Model ids: folders `public/models/codec-encoder/` and `public/models/codec-decoder/`. */
export const CODEC_ENCODER = 'codec-encoder';
export const CODEC_DECODER = 'codec-decoder';

/** Image side in pixels. */
export const CODEC_SIZE = 28;
/** Number of latent values the encoder produces (the highest rate). */
export const CODEC_LATENTS = 32;
/** Bits per latent value. */
export const CODEC_BITS = 4;
/** The rates offered, as numbers of latents kept (each a prefix of the 32). */
export const CODEC_RATES = [8, 16, 32] as const;

/** Quantisation step over [−1, 1] with `bits` bits. */
export function quantStep(bits: number = CODEC_BITS): number {
  return 2 / (2 ** bits - 1);
}

/**
 * Size of one compressed image in bytes.
 * @param latents number of latent values sent
 * @param bits bits per value
 * @returns ceil(latents × bits / 8)
 */
export function codeBytes(latents: number, bits: number = CODEC_BITS): number {
  return Math.ceil((latents * bits) / 8);
}

/**
 * Quantise latent values to integer codes 0 … 2^bits − 1 (nearest level; values
 * outside [−1, 1] are clamped).
 * @param values latent values (any length)
 * @throws RangeError when bits is not an integer in 1…8
 */
export function quantize(values: ArrayLike<number>, bits: number = CODEC_BITS): Uint8Array {
  if (!Number.isInteger(bits) || bits < 1 || bits > 8) throw new RangeError(`bits must be 1…8, got ${bits}`);
  const top = 2 ** bits - 1;
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = Math.min(1, Math.max(-1, Number(values[i])));
    out[i] = Math.round(((v + 1) / 2) * top);
  }
  return out;
}

/**
 * Latent values of integer codes: −1 + 2·code/(2^bits − 1).
 * @param codes integer codes 0 … 2^bits − 1
 * @param latents length of the result; positions ≥ codes.length get 0 (not sent)
 */
export function dequantize(codes: ArrayLike<number>, bits: number = CODEC_BITS, latents: number = codes.length): Float32Array {
  const top = 2 ** bits - 1;
  const out = new Float32Array(latents);
  for (let i = 0; i < Math.min(latents, codes.length); i++) out[i] = -1 + (2 * codes[i]!) / top;
  return out;
}

/**
 * Pack integer codes into bytes, most significant bit first, the last byte
 * padded with zero bits.
 * @returns exactly {@link codeBytes}(codes.length, bits) bytes
 * @throws RangeError when a code does not fit in `bits` bits
 */
export function packCodes(codes: ArrayLike<number>, bits: number = CODEC_BITS): Uint8Array {
  const out = new Uint8Array(codeBytes(codes.length, bits));
  let bit = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= 2 ** bits) throw new RangeError(`code ${c} does not fit in ${bits} bits`);
    for (let b = bits - 1; b >= 0; b--, bit++) if ((c >> b) & 1) out[bit >> 3]! |= 0x80 >> (bit & 7);
  }
  return out;
}

/**
 * Inverse of {@link packCodes}.
 * @param bytes packed codes
 * @param count number of codes to read
 * @throws RangeError when `bytes` is shorter than `codeBytes(count, bits)`
 */
export function unpackCodes(bytes: Uint8Array, count: number, bits: number = CODEC_BITS): Uint8Array {
  if (bytes.length < codeBytes(count, bits)) throw new RangeError(`${bytes.length} bytes hold fewer than ${count} codes of ${bits} bits`);
  const out = new Uint8Array(count);
  let bit = 0;
  for (let i = 0; i < count; i++) {
    let c = 0;
    for (let b = 0; b < bits; b++, bit++) c = (c << 1) | ((bytes[bit >> 3]! >> (7 - (bit & 7))) & 1);
    out[i] = c;
  }
  return out;
}

/** A layer of the codec as the manifest describes it. */
export const CODEC_LAYER_DETAILS: Record<string, string> = {
  enc_conv1: 'conv 3×3, 16 channels, ReLU',
  enc_pool1: 'max pool 2×2',
  enc_conv2: 'conv 3×3, 16 channels, ReLU',
  enc_pool2: 'max pool 2×2',
  enc_flatten: 'flatten',
  enc_latent: `dense, ${CODEC_LATENTS} latent values, tanh`,
  dec_dense: 'dense, 7×7×16, ReLU',
  dec_reshape: 'reshape to 7×7×16',
  dec_up1: 'nearest-neighbour upsampling ×2',
  dec_conv1: 'conv 3×3, 16 channels, ReLU',
  dec_up2: 'nearest-neighbour upsampling ×2',
  dec_conv2: 'conv 3×3, 8 channels, ReLU',
  dec_out: 'conv 3×3, 1 channel, sigmoid',
};

/**
 * Build the (untrained) encoder: `[batch, 28, 28, 1]` → `[batch, 32]` in [−1, 1].
 * @param tfl the `@tensorflow/tfjs-layers` module
 * @param seed seed of the weight initialisers
 */
export function buildCodecEncoder(tfl: typeof TfLayers, seed = 1): TfLayers.Sequential {
  const he = (i: number) => tfl.initializers.heNormal({ seed: seed + i });
  return tfl.sequential({
    name: CODEC_ENCODER,
    layers: [
      tfl.layers.conv2d({ name: 'enc_conv1', inputShape: [CODEC_SIZE, CODEC_SIZE, 1], filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: he(0) }),
      tfl.layers.maxPooling2d({ name: 'enc_pool1', poolSize: 2 }),
      tfl.layers.conv2d({ name: 'enc_conv2', filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: he(1) }),
      tfl.layers.maxPooling2d({ name: 'enc_pool2', poolSize: 2 }),
      tfl.layers.flatten({ name: 'enc_flatten' }),
      tfl.layers.dense({ name: 'enc_latent', units: CODEC_LATENTS, activation: 'tanh', kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 2 }) }),
    ],
  });
}

/**
 * Build the (untrained) decoder: `[batch, 32]` → `[batch, 28, 28, 1]` in [0, 1].
 * @param tfl the `@tensorflow/tfjs-layers` module
 * @param seed seed of the weight initialisers
 */
export function buildCodecDecoder(tfl: typeof TfLayers, seed = 1): TfLayers.Sequential {
  const he = (i: number) => tfl.initializers.heNormal({ seed: seed + 10 + i });
  return tfl.sequential({
    name: CODEC_DECODER,
    layers: [
      tfl.layers.dense({ name: 'dec_dense', inputShape: [CODEC_LATENTS], units: 7 * 7 * 16, activation: 'relu', kernelInitializer: he(0) }),
      tfl.layers.reshape({ name: 'dec_reshape', targetShape: [7, 7, 16] }),
      tfl.layers.upSampling2d({ name: 'dec_up1', size: [2, 2] }),
      tfl.layers.conv2d({ name: 'dec_conv1', filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: he(1) }),
      tfl.layers.upSampling2d({ name: 'dec_up2', size: [2, 2] }),
      tfl.layers.conv2d({ name: 'dec_conv2', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: he(2) }),
      tfl.layers.conv2d({ name: 'dec_out', filters: 1, kernelSize: 3, padding: 'same', activation: 'sigmoid', kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 13 }) }),
    ],
  });
}

/**
 * The training graph: inputs `[image, mask]` (mask `[batch, 32]` of 0/1 keeping
 * a prefix of the latents), encoder → quantisation noise (training only) →
 * × mask → decoder. Shares its layers with `encoder` and `decoder`, which are
 * saved separately.
 * @param tfl the `@tensorflow/tfjs-layers` module
 * @param bits bits per latent value (sets the noise standard deviation)
 */
export function buildCodecTrainer(tfl: typeof TfLayers, encoder: TfLayers.LayersModel, decoder: TfLayers.LayersModel, bits: number = CODEC_BITS): TfLayers.LayersModel {
  const image = tfl.input({ shape: [CODEC_SIZE, CODEC_SIZE, 1], name: 'image' });
  const mask = tfl.input({ shape: [CODEC_LATENTS], name: 'mask' });
  const latent = encoder.apply(image) as TfLayers.SymbolicTensor;
  const noisy = tfl.layers.gaussianNoise({ name: 'quant_noise', stddev: quantStep(bits) / Math.sqrt(12) }).apply(latent) as TfLayers.SymbolicTensor;
  const kept = tfl.layers.multiply({ name: 'keep_prefix' }).apply([noisy, mask]) as TfLayers.SymbolicTensor;
  const out = decoder.apply(kept) as TfLayers.SymbolicTensor;
  return tfl.model({ name: 'codec', inputs: [image, mask], outputs: out });
}
