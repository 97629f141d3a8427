/**
 * MNIST-style pre-processing of a drawn digit, and small image operations the
 * digit figures use. Pure functions on grey images stored row-major in
 * `Float32Array`s with values in [0, 1] (0 = background, 1 = full ink).
 *
 * MNIST's recipe: the digit's bounding box is scaled (keeping its aspect
 * ratio) so that its longer side is 20 pixels, and the result is placed in a
 * 28×28 field so that its centre of mass lies at the field's centre.
 */

/** Side of an MNIST image in pixels. */
export const MNIST_SIZE = 28;
/** Side of the box the digit is scaled into. */
export const MNIST_BOX = 20;

/** Inclusive pixel bounds of the ink. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Bounding box of the pixels above `threshold`.
 * @param img `width × height` values
 * @returns the box, or null when no pixel is above the threshold
 */
export function boundingBox(img: ArrayLike<number>, width: number, height: number, threshold = 0.05): Box | null {
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (img[y * width + x]! > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1, y1 };
}

/**
 * Centre of mass of the ink, in pixel units where pixel (x, y) covers
 * [x, x+1) × [y, y+1) (so a single lit pixel (0, 0) has its mass at (0.5, 0.5)).
 * @returns the centre, or null for an empty image
 */
export function centerOfMass(img: ArrayLike<number>, width: number, height: number): { x: number; y: number } | null {
  let m = 0, mx = 0, my = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = img[y * width + x]!;
      m += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return m > 0 ? { x: mx / m, y: my / m } : null;
}

/** 1-D area weights: source interval of target cell t is [start + t·step, start + (t+1)·step). */
function resampleAxis(src: Float32Array, srcW: number, srcH: number, start: number, step: number, outW: number): Float32Array {
  const out = new Float32Array(outW * srcH);
  for (let t = 0; t < outW; t++) {
    const a = start + t * step;
    const b = a + step;
    for (let s = Math.max(0, Math.floor(a)); s < Math.min(srcW, Math.ceil(b)); s++) {
      const w = (Math.min(b, s + 1) - Math.max(a, s)) / step;
      if (w <= 0) continue;
      for (let y = 0; y < srcH; y++) out[y * outW + t]! += w * src[y * srcW + s]!;
    }
  }
  return out;
}

function transpose(img: Float32Array, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[x * height + y] = img[y * width + x]!;
  return out;
}

/**
 * Scale the rectangle `box` of `img` to `outW × outH` by area averaging.
 */
export function resampleBox(img: ArrayLike<number>, width: number, height: number, box: Box, outW: number, outH: number): Float32Array {
  const src = Float32Array.from(img);
  const bw = box.x1 - box.x0 + 1;
  const bh = box.y1 - box.y0 + 1;
  const rows = resampleAxis(src, width, height, box.x0, bw / outW, outW); // height × outW
  const cols = resampleAxis(transpose(rows, outW, height), height, outW, box.y0, bh / outH, outH); // outW × outH (transposed)
  return transpose(cols, outH, outW);
}

/** Result of {@link preprocessDigit}. */
export interface Preprocessed {
  /** 28×28 values in [0, 1]. */
  pixels: Float32Array;
  /** False when the input had no ink (pixels are then all 0). */
  hasInk: boolean;
}

/**
 * Turn a drawing of any size into an MNIST-like 28×28 image: crop to the
 * ink's bounding box, scale its longer side to 20 pixels (aspect ratio kept,
 * area averaging), and place it so that its centre of mass is at (14, 14).
 *
 * @param img `width × height` ink values in [0, 1]
 * @param threshold ink level that counts for the bounding box
 * @returns the 28×28 image, ready to reshape to `[1, 28, 28, 1]`
 */
export function preprocessDigit(img: ArrayLike<number>, width: number, height: number, threshold = 0.05): Preprocessed {
  const out = new Float32Array(MNIST_SIZE * MNIST_SIZE);
  const box = boundingBox(img, width, height, threshold);
  if (!box) return { pixels: out, hasInk: false };
  const bw = box.x1 - box.x0 + 1;
  const bh = box.y1 - box.y0 + 1;
  const scale = MNIST_BOX / Math.max(bw, bh);
  const tw = Math.max(1, Math.round(bw * scale));
  const th = Math.max(1, Math.round(bh * scale));
  const small = resampleBox(img, width, height, box, tw, th);
  const com = centerOfMass(small, tw, th) ?? { x: tw / 2, y: th / 2 };
  const dx = Math.round(MNIST_SIZE / 2 - com.x);
  const dy = Math.round(MNIST_SIZE / 2 - com.y);
  for (let y = 0; y < th; y++) {
    const ty = y + dy;
    if (ty < 0 || ty >= MNIST_SIZE) continue;
    for (let x = 0; x < tw; x++) {
      const tx = x + dx;
      if (tx < 0 || tx >= MNIST_SIZE) continue;
      out[ty * MNIST_SIZE + tx] = Math.min(1, Math.max(0, small[y * tw + x]!));
    }
  }
  return { pixels: out, hasInk: true };
}

/**
 * Gaussian blur of a square image (separable, zero outside), renormalised so
 * that the brightest pixel keeps the original maximum.
 * @param sigma standard deviation in pixels; 0 returns a copy
 */
export function gaussianBlur(img: ArrayLike<number>, size: number, sigma: number): Float32Array {
  const src = Float32Array.from(img);
  if (sigma <= 0) return src;
  const r = Math.ceil(3 * sigma);
  const k = new Float32Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < k.length; i++) k[i]! /= sum;
  const pass = (a: Float32Array): Float32Array => {
    const b = new Float32Array(a.length);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        let v = 0;
        for (let i = -r; i <= r; i++) {
          const xx = x + i;
          if (xx >= 0 && xx < size) v += k[i + r]! * a[y * size + xx]!;
        }
        b[x * size + y] = v; // write transposed: two passes blur both axes
      }
    }
    return b;
  };
  const out = pass(pass(src));
  let maxIn = 0, maxOut = 0;
  for (let i = 0; i < src.length; i++) {
    maxIn = Math.max(maxIn, src[i]!);
    maxOut = Math.max(maxOut, out[i]!);
  }
  if (maxOut > 0) for (let i = 0; i < out.length; i++) out[i] = Math.min(1, (out[i]! * maxIn) / maxOut);
  return out;
}

/**
 * Pixel-wise linear mix `(1 − t)·a + t·b`.
 * @param t in [0, 1]
 */
export function mixImages(a: ArrayLike<number>, b: ArrayLike<number>, t: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (1 - t) * a[i]! + t * b[i]!;
  return out;
}
