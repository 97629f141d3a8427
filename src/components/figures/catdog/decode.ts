/**
 * Decoding a photo in the browser without ever holding it at full size: the
 * header is checked first (`src/lib/catdog/image-file.ts`), then
 * `createImageBitmap` decodes straight to at most 640 px on the longer side.
 * The pixels go to the network; a downscaled copy (a `blob:` URL) is what the
 * figures display. Nothing is uploaded anywhere.
 */
import { describeImageProblem, inspectImageFile, type ImageProblem } from '../../../lib/catdog/image-file';
import { fitWithin } from '../../../lib/catdog/preprocess';

/** A photo ready for the network and for display. */
export interface DecodedPhoto {
  /** RGBA pixels, `width × height × 4`. */
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  /** Object URL of a JPEG of the decoded (downscaled) photo, for `<img>`; revoke when done. */
  url: string;
  /** The file seemed cut off (it decoded, maybe only partly). */
  truncated: boolean;
}

/** A decoding failure with words for the reader. */
export class PhotoError extends Error {
  readonly problem: ImageProblem;
  readonly words: { zh: string; en: string };
  constructor(problem: ImageProblem) {
    const words = describeImageProblem(problem);
    super(words.en);
    this.name = 'PhotoError';
    this.problem = problem;
    this.words = words;
  }
}

/** Longest side a photo is decoded at, in pixels. */
export const DECODE_MAX_SIDE = 640;
/** Time allowed for one decode, in milliseconds. */
export const DECODE_TIMEOUT_MS = 15_000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new PhotoError('timeout')), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

async function bitmapAt(blob: Blob, width: number, height: number): Promise<ImageBitmap> {
  return createImageBitmap(blob, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high', imageOrientation: 'from-image' });
}

function canvasOf(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  return c;
}

async function toObjectUrl(canvas: OffscreenCanvas | HTMLCanvasElement): Promise<string> {
  const blob =
    'convertToBlob' in canvas
      ? await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })
      : await new Promise<Blob>((resolve, reject) => (canvas as HTMLCanvasElement).toBlob((b) => (b ? resolve(b) : reject(new PhotoError('decode-failed'))), 'image/jpeg', 0.9));
  return URL.createObjectURL(blob);
}

/**
 * Check and decode a photo.
 * @param blob the file (dropped, pasted, picked or fetched)
 * @param withUrl also make a display URL (false for the committed samples, whose own URL is used)
 * @returns pixels at most {@link DECODE_MAX_SIDE} px on the longer side
 * @throws PhotoError for a non-image, an SVG, an unreadable size, too many pixels, a failed decode or a timeout
 */
export async function decodePhoto(blob: Blob, withUrl = true): Promise<DecodedPhoto> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const check = inspectImageFile(bytes);
  if (!check.ok) throw new PhotoError(check.problem);
  const target = fitWithin(check.width, check.height, DECODE_MAX_SIDE);
  const typed = new Blob([bytes], { type: `image/${check.type}` });
  let bitmap: ImageBitmap;
  try {
    bitmap = await withTimeout(bitmapAt(typed, target.width, target.height), DECODE_TIMEOUT_MS);
  } catch (err) {
    if (err instanceof PhotoError) throw err;
    throw new PhotoError('decode-failed');
  }
  try {
    const { width, height } = bitmap;
    const canvas = canvasOf(width, height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
    if (!ctx) throw new PhotoError('decode-failed');
    ctx.drawImage(bitmap, 0, 0);
    const rgba = ctx.getImageData(0, 0, width, height).data;
    const url = withUrl ? await toObjectUrl(canvas) : '';
    return { rgba, width, height, url, truncated: check.truncated };
  } finally {
    bitmap.close();
  }
}
