/**
 * Error measures between two 8-bit grey images of the same size, as image
 * codecs are usually judged. Pure functions, no DOM.
 *
 * - PSNR (peak signal-to-noise ratio) in dB: 10·log10(255² / MSE), MSE the mean
 *   of squared differences of the 0–255 pixel values (the standard definition,
 *   e.g. ITU-T J.340 / Wikipedia "Peak signal-to-noise ratio"). Identical images give +Infinity.
 * - SSIM (structural similarity, Z. Wang, A. Bovik, H. Sheikh, E. Simoncelli,
 *   IEEE TIP 13(4), 2004) through the `ssim.js` library, with the paper's
 *   11×11 Gaussian window (σ = 1.5), K1 = 0.01, K2 = 0.03, no downsampling.
 */
import { ssim as ssimJs } from 'ssim.js';

/** Peak value of an 8-bit pixel. */
export const PEAK = 255;

function checkSameLength(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new RangeError(`images differ in size: ${a.length} vs ${b.length} pixels`);
  if (a.length === 0) throw new RangeError('empty image');
}

/**
 * Mean squared error of two grey images (values 0–255, same length).
 * @throws RangeError when the lengths differ or are 0
 */
export function mse(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkSameLength(a, b);
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  return sum / a.length;
}

/**
 * PSNR in dB of `b` against the reference `a` (values 0–255).
 * @returns 10·log10(255² / MSE); +Infinity when the images are identical
 * @throws RangeError when the lengths differ or are 0
 */
export function psnr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const e = mse(a, b);
  return e === 0 ? Infinity : 10 * Math.log10((PEAK * PEAK) / e);
}

/**
 * SSIM of two grey images (values 0–255, row-major `width × height`), via ssim.js.
 * @returns mean SSIM in [−1, 1] (1 = identical)
 * @throws RangeError when the sizes differ from width × height
 */
export function ssim(a: ArrayLike<number>, b: ArrayLike<number>, width: number, height: number): number {
  checkSameLength(a, b);
  if (a.length !== width * height) throw new RangeError(`expected ${width}×${height} pixels, got ${a.length}`);
  const rgba = (g: ArrayLike<number>) => {
    const data = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < g.length; i++) {
      data[4 * i] = data[4 * i + 1] = data[4 * i + 2] = g[i]!;
      data[4 * i + 3] = 255;
    }
    return { data, width, height };
  };
  return ssimJs(rgba(a), rgba(b), { ssim: 'original', downsample: false, windowSize: 11, k1: 0.01, k2: 0.03, bitDepth: 8 }).mssim;
}

/**
 * Grey levels 0–255 (rounded) of an image given as floats in [0, 1] (clamped).
 * @param values e.g. a decoder's output
 */
export function toGrey8(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round(Math.min(1, Math.max(0, values[i]!)) * 255);
  return out;
}

/**
 * Grey levels of RGBA pixels (e.g. a decoded JPEG), by the BT.601 luma weights
 * 0.299 R + 0.587 G + 0.114 B (the Y of JPEG's JFIF colour conversion), rounded.
 * @param rgba `4 × n` bytes
 */
export function rgbaToGrey(rgba: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(rgba.length >> 2);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(0.299 * rgba[4 * i]! + 0.587 * rgba[4 * i + 1]! + 0.114 * rgba[4 * i + 2]!);
  return out;
}
