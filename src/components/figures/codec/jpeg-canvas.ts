/**
 * JPEG through the browser's own encoder: draw a grey 28×28 image on a canvas,
 * `canvas.toBlob(…, 'image/jpeg', quality)`, split the file with
 * {@link jpegParts}, decode it back with `createImageBitmap`, and measure it.
 * Used by the figure island and (bundled by esbuild) by the build-time
 * fallback script in Chromium, so both report the same numbers.
 */
import { jpegParts } from '../../../lib/codec/jpeg';
import { psnr, rgbaToGrey, ssim } from '../../../lib/codec/metrics';

/** One image through JPEG at one quality. */
export interface JpegResult {
  /** Quality passed to toBlob, 0–1. */
  quality: number;
  /** Whole file, bytes. */
  fileBytes: number;
  /** Entropy-coded data only (between the SOS header and EOI), bytes. */
  payloadBytes: number;
  /** Decoded grey levels 0–255 (BT.601 luma of the decoded RGB). */
  decoded: Uint8Array;
  /** PSNR in dB against the original. */
  psnr: number;
  /** SSIM against the original. */
  ssim: number;
  /** The file itself. */
  file: Uint8Array;
}

let scratch: HTMLCanvasElement | null = null;

function canvas(side: number): CanvasRenderingContext2D {
  scratch ??= document.createElement('canvas');
  scratch.width = scratch.height = side;
  const ctx = scratch.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2D canvas context');
  return ctx;
}

/**
 * Encode a grey image as JPEG with the browser's encoder and measure it.
 * @param grey `side × side` grey levels 0–255 (drawn opaque: R = G = B = grey)
 * @param quality 0–1, as for `HTMLCanvasElement.toBlob`
 * @param side image side in pixels (default 28)
 * @throws Error when the browser produces no JPEG (toBlob gives null or another type)
 */
export async function jpegRoundTrip(grey: Uint8Array, quality: number, side = 28): Promise<JpegResult> {
  const ctx = canvas(side);
  const img = ctx.createImageData(side, side);
  for (let i = 0; i < side * side; i++) {
    img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = grey[i]!;
    img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => ctx.canvas.toBlob(resolve, 'image/jpeg', quality));
  if (!blob || blob.type !== 'image/jpeg') throw new Error('this browser did not produce a JPEG file');
  const file = new Uint8Array(await blob.arrayBuffer());
  const parts = jpegParts(file);
  const bitmap = await createImageBitmap(blob);
  ctx.clearRect(0, 0, side, side);
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const decoded = rgbaToGrey(ctx.getImageData(0, 0, side, side).data);
  return {
    quality,
    fileBytes: parts.total,
    payloadBytes: parts.payload,
    decoded,
    psnr: psnr(grey, decoded),
    ssim: ssim(grey, decoded, side, side),
    file,
  };
}
