/**
 * Read the MNIST IDX files (gzipped) from `../shared/data/mnist` beside the
 * repository (override with the MNIST_DIR environment variable).
 */
import { readIdxBytes, type IdxBytes } from './idx';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (two folders above scripts/train/lib). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Folder of the gzipped IDX files. */
export const MNIST_DIR = process.env.MNIST_DIR ? resolve(process.env.MNIST_DIR) : resolve(REPO_ROOT, '../shared/data/mnist');

/** A set of 28×28 grey images with labels. */
export interface MnistSplit {
  /** `count × 784` bytes, row-major, 0 = background, 255 = full ink. */
  images: Uint8Array;
  /** `count` labels 0–9. */
  labels: Uint8Array;
  count: number;
}

function readIdx(file: string, dims: number): IdxBytes {
  return readIdxBytes(resolve(MNIST_DIR, file), 'expected the shared data folder beside the repo, or set MNIST_DIR', dims);
}

/**
 * Load one official split.
 * @param split `train` (60 000) or `test` (10 000)
 * @param from first index (inclusive), default 0
 * @param to last index (exclusive), default all
 * @throws Error when a file is missing or malformed
 */
export function loadMnist(split: 'train' | 'test', from = 0, to?: number): MnistSplit {
  const prefix = split === 'train' ? 'train' : 't10k';
  const images = readIdx(`${prefix}-images-idx3-ubyte.gz`, 3);
  const labels = readIdx(`${prefix}-labels-idx1-ubyte.gz`, 1);
  const n = images.dims[0]!;
  if (labels.dims[0] !== n || images.dims[1] !== 28 || images.dims[2] !== 28) throw new Error(`MNIST ${split}: unexpected dimensions`);
  const end = Math.min(to ?? n, n);
  return {
    images: images.data.slice(from * 784, end * 784),
    labels: labels.data.slice(from, end),
    count: end - from,
  };
}
