/**
 * The CIFAR-10 cat/dog split (`../shared/data/catdog/`, override with
 * CATDOG_DIR) for training: gzipped IDX, NHWC uint8, labels 0 = cat, 1 = dog.
 * See that folder's SOURCES.md. Never copied into the repository.
 */
import { resolve } from 'node:path';
import { readIdxBytes, type IdxBytes } from './lib/idx';
import { REPO_ROOT } from './lib/mnist';

/** Folder of the gzipped IDX files. */
export const CATDOG_DIR = process.env.CATDOG_DIR ? resolve(process.env.CATDOG_DIR) : resolve(REPO_ROOT, '../shared/data/catdog');

/** Pixels per image: 32 × 32 × 3. */
export const IMAGE_VALUES = 32 * 32 * 3;

/** A set of 32×32 RGB images with labels. */
export interface CatdogSplit {
  /** `count × 3072` bytes, NHWC (row, column, R/G/B), 0–255. */
  images: Uint8Array;
  /** `count` labels, 0 = cat, 1 = dog. */
  labels: Uint8Array;
  count: number;
}

function readIdx(file: string): IdxBytes {
  return readIdxBytes(resolve(CATDOG_DIR, file), 'expected ../shared/data/catdog beside the repo, or set CATDOG_DIR');
}

/**
 * Load one split.
 * @param split `train` (10 000 images) or `test` (2 000)
 * @throws Error when a file is missing or its dimensions are not N×32×32×3
 */
export function loadCatdog(split: 'train' | 'test'): CatdogSplit {
  const images = readIdx(`cifar10-catdog-${split}-images-idx4-ubyte.gz`);
  const labels = readIdx(`cifar10-catdog-${split}-labels-idx1-ubyte.gz`);
  const [n, h, w, c] = images.dims;
  if (images.dims.length !== 4 || h !== 32 || w !== 32 || c !== 3 || labels.dims[0] !== n) {
    throw new Error(`catdog ${split}: unexpected dimensions ${images.dims.join('×')} / ${labels.dims.join('×')}`);
  }
  return { images: images.data, labels: labels.data, count: n! };
}

/** Parameters of one random augmentation. */
export interface Augmentation {
  /** Shift in pixels (−pad … pad); the image is reflected at its border. */
  dx: number;
  dy: number;
  /** Mirror left–right. */
  flip: boolean;
  /** Multiplies every value (brightness), e.g. 0.9–1.1. */
  gain: number;
  /** Added to every value after scaling to [0, 1], e.g. −0.05–0.05. */
  offset: number;
}

function reflect(i: number, n: number): number {
  if (i < 0) return -i - 1;
  if (i >= n) return 2 * n - i - 1;
  return i;
}

/**
 * Write image `index` of `split`, augmented, scaled to [0, 1], into `dst` at `at`.
 * @param dst float buffer of `[batch, 32, 32, 3]`
 * @param at offset in values (a multiple of 3072)
 */
export function augmentInto(dst: Float32Array, at: number, split: CatdogSplit, index: number, aug: Augmentation): void {
  const src = split.images;
  const base = index * IMAGE_VALUES;
  const scale = aug.gain / 255;
  for (let y = 0; y < 32; y++) {
    const sy = reflect(y - aug.dy, 32);
    for (let x = 0; x < 32; x++) {
      let sx = reflect(x - aug.dx, 32);
      if (aug.flip) sx = 31 - sx;
      const s = base + (sy * 32 + sx) * 3;
      const d = at + (y * 32 + x) * 3;
      for (let c = 0; c < 3; c++) {
        const v = src[s + c]! * scale + aug.offset;
        dst[d + c] = v < 0 ? 0 : v > 1 ? 1 : v;
      }
    }
  }
}

/**
 * Draw a random augmentation.
 * @param random uniform [0, 1) generator
 * @param pad maximum shift in pixels
 */
export function randomAugmentation(random: () => number, pad: number): Augmentation {
  return {
    dx: Math.floor(random() * (2 * pad + 1)) - pad,
    dy: Math.floor(random() * (2 * pad + 1)) - pad,
    flip: random() < 0.5,
    gain: 0.85 + 0.3 * random(),
    offset: (random() - 0.5) * 0.1,
  };
}

/** Images `from`…`to − 1` of `split` as floats in [0, 1], flat `[n, 32, 32, 3]`. */
export function plainImages(split: CatdogSplit, from = 0, to = split.count): Float32Array {
  const out = new Float32Array((to - from) * IMAGE_VALUES);
  const src = split.images;
  for (let i = 0; i < out.length; i++) out[i] = src[from * IMAGE_VALUES + i]! / 255;
  return out;
}
