/**
 * Running the learned codec (`../models/codec.ts`) on 8-bit grey digits, the
 * same way in the training script (Node), the unit tests and the browser:
 * encode → quantise to {@link CODEC_BITS}-bit codes → keep the first k codes
 * (exactly `codeBytes(k)` bytes after packing) → decode → round to 8 bits →
 * PSNR / SSIM against the original. No DOM; tfjs is passed in.
 */
import type * as TfCore from '@tensorflow/tfjs-core';
import type * as TfLayers from '@tensorflow/tfjs-layers';
import { CODEC_BITS, CODEC_LATENTS, CODEC_RATES, codeBytes, dequantize, packCodes, quantize, unpackCodes } from '../models/codec';
import { psnr, ssim, toGrey8 } from './metrics';

const PIXELS = 784;

/** The tfjs functions and the two halves of the codec. */
export interface CodecRuntime {
  tf: Pick<typeof TfCore, 'tidy' | 'tensor4d' | 'tensor2d'>;
  encoder: Pick<TfLayers.LayersModel, 'predict'>;
  decoder: Pick<TfLayers.LayersModel, 'predict'>;
}

/** One image compressed at one rate. */
export interface CodecResult {
  /** Latent values sent. */
  latents: number;
  /** The compressed image, exactly codeBytes(latents) bytes. */
  code: Uint8Array;
  /** Decoded image, 784 grey levels 0–255. */
  decoded: Uint8Array;
}

/**
 * Encode grey images to latent values.
 * @param images `n × 784` bytes (0 = background, 255 = ink)
 * @returns `n × 32` latent values in [−1, 1]
 */
export function encodeImages(rt: CodecRuntime, images: Uint8Array): Float32Array {
  const n = images.length / PIXELS;
  if (!Number.isInteger(n)) throw new RangeError(`images must be a multiple of ${PIXELS} bytes, got ${images.length}`);
  const x = new Float32Array(images.length);
  for (let i = 0; i < x.length; i++) x[i] = images[i]! / 255;
  return rt.tf.tidy(() => (rt.encoder.predict(rt.tf.tensor4d(x, [n, 28, 28, 1])) as TfCore.Tensor).dataSync() as Float32Array);
}

/**
 * Decode compressed images, all at the same rate.
 * @param codes compressed images, each codeBytes(latents) bytes
 * @param latents number of latent values each code holds
 * @returns `n × 784` grey levels 0–255
 */
export function decodeCodes(rt: CodecRuntime, codes: Uint8Array[], latents: number, bits: number = CODEC_BITS): Uint8Array {
  const z = new Float32Array(codes.length * CODEC_LATENTS);
  codes.forEach((c, i) => z.set(dequantize(unpackCodes(c, latents, bits), bits, CODEC_LATENTS), i * CODEC_LATENTS));
  const out = rt.tf.tidy(() => (rt.decoder.predict(rt.tf.tensor2d(z, [codes.length, CODEC_LATENTS])) as TfCore.Tensor).dataSync() as Float32Array);
  return toGrey8(out);
}

/**
 * The compressed code of one image's latents at a rate.
 * @param z the image's 32 latent values
 * @param latents how many (a prefix) to send
 */
export function compressLatents(z: ArrayLike<number>, latents: number, bits: number = CODEC_BITS): Uint8Array {
  return packCodes(quantize(Array.from({ length: latents }, (_, i) => z[i]!), bits), bits);
}

/**
 * Compress and decompress images at every rate.
 * @param images `n × 784` bytes
 * @returns per rate, per image: code and decoded image
 */
export function roundTrip(rt: CodecRuntime, images: Uint8Array, rates: readonly number[] = CODEC_RATES): CodecResult[][] {
  const n = images.length / PIXELS;
  const z = encodeImages(rt, images);
  return rates.map((k) => {
    const codes = Array.from({ length: n }, (_, i) => compressLatents(z.subarray(i * CODEC_LATENTS, (i + 1) * CODEC_LATENTS), k));
    const decoded = decodeCodes(rt, codes, k);
    return codes.map((code, i) => ({ latents: k, code, decoded: decoded.slice(i * PIXELS, (i + 1) * PIXELS) }));
  });
}

/** Mean quality at one rate. */
export interface RateQuality {
  latents: number;
  /** codeBytes(latents). */
  bytes: number;
  /** Mean over images of the PSNR in dB. */
  psnr: number;
  /** Mean over images of the SSIM (NaN when not computed). */
  ssim: number;
}

/** Quality at every rate. */
export interface CodecEvaluation {
  count: number;
  rates: RateQuality[];
}

/**
 * Mean PSNR (and optionally SSIM) per rate over a set of images, in batches of 1 000.
 * @param images `n × 784` bytes
 * @param withSsim also compute SSIM (slower)
 */
export function evaluateCodec(rt: CodecRuntime, images: Uint8Array, withSsim: boolean, rates: readonly number[] = CODEC_RATES): CodecEvaluation {
  const n = images.length / PIXELS;
  const sums = rates.map(() => ({ psnr: 0, ssim: 0 }));
  for (let from = 0; from < n; from += 1000) {
    const part = images.subarray(from * PIXELS, Math.min(n, from + 1000) * PIXELS);
    roundTrip(rt, part, rates).forEach((results, r) =>
      results.forEach((res, i) => {
        const original = part.subarray(i * PIXELS, (i + 1) * PIXELS);
        sums[r]!.psnr += psnr(original, res.decoded);
        if (withSsim) sums[r]!.ssim += ssim(original, res.decoded, 28, 28);
      }),
    );
  }
  return {
    count: n,
    rates: rates.map((k, r) => ({ latents: k, bytes: codeBytes(k), psnr: sums[r]!.psnr / n, ssim: withSsim ? sums[r]!.ssim / n : NaN })),
  };
}
