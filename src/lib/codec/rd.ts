/**
 * Rate–distortion bookkeeping of the codec figure: which JPEG qualities are
 * tried, and the mean size and quality of a method over a set of images.
 * Pure TypeScript, shared by the island and the build-time fallback script.
 */

/** JPEG qualities (toBlob's 0–1) shown side by side for the reader's digit. */
export const ROW_QUALITIES = [0.1, 0.3, 0.6, 0.9] as const;
/** JPEG qualities of the rate–distortion curves (the row's are among them). */
export const CURVE_QUALITIES = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95] as const;
/** How many MNIST test digits the curves average over (test images 0 … 99). */
export const CURVE_DIGITS = 100;

/** One image measured with one setting of one method. */
export interface Measurement {
  /** Bytes counted for this method (whole file, payload or code). */
  bytes: number;
  /** PSNR in dB. */
  psnr: number;
  /** SSIM. */
  ssim: number;
}

/** A point of a rate–distortion curve. */
export interface RdPoint {
  /** The setting, e.g. JPEG quality 0.5 or 16 latents. */
  setting: number;
  /** Mean bytes per image. */
  bytes: number;
  /** Mean PSNR in dB (mean over images of each image's PSNR; infinite values, from exact copies, are capped at 99 dB). */
  psnr: number;
  /** Mean SSIM. */
  ssim: number;
}

/**
 * The mean point of one setting over images.
 * @param setting the setting's value, kept in the result
 * @param items one measurement per image (at least one)
 * @throws RangeError when `items` is empty
 */
export function meanPoint(setting: number, items: readonly Measurement[]): RdPoint {
  if (items.length === 0) throw new RangeError('no measurements');
  let bytes = 0, psnr = 0, ssim = 0;
  for (const m of items) {
    bytes += m.bytes;
    psnr += Math.min(99, m.psnr);
    ssim += m.ssim;
  }
  return { setting, bytes: bytes / items.length, psnr: psnr / items.length, ssim: ssim / items.length };
}
