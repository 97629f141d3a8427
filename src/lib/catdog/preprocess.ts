/**
 * From a photo's pixels to the network's input: choose a square, average it
 * down to 32×32 RGB, scale to [0, 1]. Pure TypeScript (no DOM, no tfjs), so the
 * browser islands and the Node script that draws the static fallbacks compute
 * the same input from the same pixels.
 */
import { CATDOG_SIZE } from '../models/catdog';

/** A rectangle in pixels of the source image. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where to look in a photo, as fractions of the image so that it does not
 * depend on the resolution the photo was decoded at.
 */
export interface CropSpec {
  /** Centre of the square, as fractions of the width and height (0–1). */
  cx: number;
  cy: number;
  /** Side of the square as a fraction of the shorter image side (0–1]. */
  size: number;
}

/** The centred square with the full shorter side. */
export const CENTRE_CROP: CropSpec = { cx: 0.5, cy: 0.5, size: 1 };

/**
 * The square of `width × height` pixels that `crop` describes, moved inside the image if needed.
 * @param width image width in pixels (> 0)
 * @param height image height in pixels (> 0)
 * @param crop centre and size (default: centred, full shorter side)
 * @returns a square rectangle in pixels (side ≥ 1), entirely inside the image
 * @throws RangeError when the image has no pixels
 */
export function squareRect(width: number, height: number, crop: CropSpec = CENTRE_CROP): Rect {
  if (!(width > 0 && height > 0)) throw new RangeError(`squareRect: image of ${width}×${height} pixels`);
  const side = Math.max(1, Math.min(width, height) * Math.min(1, Math.max(0, crop.size)));
  const x = Math.min(width - side, Math.max(0, crop.cx * width - side / 2));
  const y = Math.min(height - side, Math.max(0, crop.cy * height - side / 2));
  return { x, y, width: side, height: side };
}

/**
 * Average the pixels of `rect` in an RGBA image down to `size × size` RGB values in [0, 1]
 * (a box filter weighted by how much of each source pixel falls in each output pixel, so no
 * aliasing at any downscale factor). Alpha is ignored (a transparent pixel counts with its RGB).
 *
 * @param rgba source pixels, `width × height × 4` bytes, row-major RGBA (as in `ImageData.data`)
 * @param width source width in pixels
 * @param height source height in pixels
 * @param rect region to use, in source pixels (may be fractional)
 * @param size output side (default 32)
 * @returns `[size, size, 3]` float32 values in [0, 1], row-major RGB (the network's input without the batch axis)
 * @throws RangeError when `rgba` is shorter than `width × height × 4` or `rect` is empty
 */
export function resizeToInput(rgba: ArrayLike<number>, width: number, height: number, rect: Rect, size = CATDOG_SIZE): Float32Array {
  if (rgba.length < width * height * 4) throw new RangeError(`resizeToInput: ${rgba.length} bytes for ${width}×${height} RGBA`);
  if (!(rect.width > 0 && rect.height > 0)) throw new RangeError('resizeToInput: empty rectangle');
  const out = new Float32Array(size * size * 3);
  const sx = rect.width / size;
  const sy = rect.height / size;
  // Per output column: the source columns it covers and their weights.
  const colFrom: number[] = [], colTo: number[] = [], colW: number[][] = [];
  for (let ox = 0; ox < size; ox++) {
    const a = rect.x + ox * sx, b = a + sx;
    const from = Math.max(0, Math.floor(a)), to = Math.min(width, Math.ceil(b));
    const w: number[] = [];
    for (let x = from; x < to; x++) w.push(Math.max(0, Math.min(b, x + 1) - Math.max(a, x)));
    colFrom.push(from);
    colTo.push(to);
    colW.push(w);
  }
  const row = new Float64Array(size * 3);
  for (let oy = 0; oy < size; oy++) {
    const a = rect.y + oy * sy, b = a + sy;
    const from = Math.max(0, Math.floor(a)), to = Math.min(height, Math.ceil(b));
    const acc = new Float64Array(size * 3);
    let total = 0;
    for (let y = from; y < to; y++) {
      const wy = Math.max(0, Math.min(b, y + 1) - Math.max(a, y));
      if (wy === 0) continue;
      row.fill(0);
      for (let ox = 0; ox < size; ox++) {
        const w = colW[ox]!;
        let r = 0, g = 0, bl = 0;
        for (let x = colFrom[ox]!, k = 0; x < colTo[ox]!; x++, k++) {
          const p = (y * width + x) * 4;
          const wx = w[k]!;
          r += rgba[p]! * wx;
          g += rgba[p + 1]! * wx;
          bl += rgba[p + 2]! * wx;
        }
        row[ox * 3] = r;
        row[ox * 3 + 1] = g;
        row[ox * 3 + 2] = bl;
      }
      for (let i = 0; i < acc.length; i++) acc[i]! += row[i]! * wy;
      total += wy;
    }
    for (let ox = 0; ox < size; ox++) {
      const wsum = colW[ox]!.reduce((s, v) => s + v, 0) * total;
      for (let c = 0; c < 3; c++) out[(oy * size + ox) * 3 + c] = wsum > 0 ? acc[ox * 3 + c]! / wsum / 255 : 0;
    }
  }
  return out;
}

/**
 * The network's input as RGBA bytes, for drawing the "what the network sees" view.
 * @param input `[size, size, 3]` values in [0, 1]
 * @returns `size × size × 4` bytes (alpha 255)
 */
export function inputToRgba(input: Float32Array): Uint8ClampedArray {
  const n = input.length / 3;
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    out[i * 4] = Math.round(input[i * 3]! * 255);
    out[i * 4 + 1] = Math.round(input[i * 3 + 1]! * 255);
    out[i * 4 + 2] = Math.round(input[i * 3 + 2]! * 255);
    out[i * 4 + 3] = 255;
  }
  return out;
}

/**
 * Size to decode a photo at so that its longer side is at most `maxSide`
 * (never enlarged). Used before decoding, so a huge photo is never held at full size.
 * @param width original width in pixels
 * @param height original height in pixels
 * @param maxSide longest side allowed (default 640)
 * @returns integer width and height ≥ 1 with the original aspect ratio
 */
export function fitWithin(width: number, height: number, maxSide = 640): { width: number; height: number } {
  const s = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}
