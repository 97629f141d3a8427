/** MNIST-style pre-processing of drawn digits (src/lib/models/mnist-preprocess.ts) on synthetic images. */
import { describe, expect, it } from 'vitest';
import {
  boundingBox,
  centerOfMass,
  gaussianBlur,
  mixImages,
  MNIST_SIZE,
  preprocessDigit,
  resampleBox,
} from '../../src/lib/models/mnist-preprocess';

/** A `w × h` image with the rectangle [x0, x1] × [y0, y1] (inclusive) set to `v`. */
function rect(w: number, h: number, x0: number, y0: number, x1: number, y1: number, v = 1): Float32Array {
  const img = new Float32Array(w * h);
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) img[y * w + x] = v;
  return img;
}

describe('boundingBox', () => {
  it('finds the inclusive bounds of the ink', () => {
    expect(boundingBox(rect(10, 8, 2, 3, 5, 6), 10, 8)).toEqual({ x0: 2, y0: 3, x1: 5, y1: 6 });
  });
  it('ignores pixels at or below the threshold and returns null for an empty image', () => {
    expect(boundingBox(rect(10, 10, 0, 0, 9, 9, 0.01), 10, 10)).toBeNull();
  });
});

describe('centerOfMass', () => {
  it('puts a single pixel at its centre', () => {
    const img = new Float32Array(9);
    img[0] = 1;
    expect(centerOfMass(img, 3, 3)).toEqual({ x: 0.5, y: 0.5 });
  });
  it('weights by ink', () => {
    const img = new Float32Array(4);
    img[0] = 1; // (0.5, 0.5)
    img[3] = 3; // (1.5, 1.5)
    const c = centerOfMass(img, 2, 2)!;
    expect(c.x).toBeCloseTo(1.25);
    expect(c.y).toBeCloseTo(1.25);
  });
});

describe('resampleBox', () => {
  it('keeps the mean ink when shrinking by area averaging', () => {
    const img = rect(8, 8, 0, 0, 3, 7); // left half inked
    const out = resampleBox(img, 8, 8, { x0: 0, y0: 0, x1: 7, y1: 7 }, 4, 4);
    expect(Array.from(out.slice(0, 4))).toEqual([1, 1, 0, 0]);
    const odd = resampleBox(img, 8, 8, { x0: 0, y0: 0, x1: 7, y1: 7 }, 3, 3);
    expect(odd.reduce((a, b) => a + b, 0) / 9).toBeCloseTo(0.5, 5);
  });
});

describe('preprocessDigit', () => {
  it('scales the longer side of the bounding box to 20 pixels, keeping the aspect ratio', () => {
    // A 100 × 50 block (wide) in a 280 × 280 drawing.
    const { pixels, hasInk } = preprocessDigit(rect(280, 280, 30, 200, 129, 249), 280, 280);
    expect(hasInk).toBe(true);
    const box = boundingBox(pixels, MNIST_SIZE, MNIST_SIZE, 0.5)!;
    expect(box.x1 - box.x0 + 1).toBe(20);
    expect(box.y1 - box.y0 + 1).toBe(10);
  });

  it('centres the centre of mass at (14, 14)', () => {
    // An L shape: mass is not at the centre of its bounding box.
    const img = new Float32Array(200 * 200);
    for (let y = 20; y < 180; y++) for (let x = 40; x < 60; x++) img[y * 200 + x] = 1;
    for (let y = 160; y < 180; y++) for (let x = 40; x < 160; x++) img[y * 200 + x] = 1;
    const { pixels } = preprocessDigit(img, 200, 200);
    const c = centerOfMass(pixels, MNIST_SIZE, MNIST_SIZE)!;
    expect(Math.abs(c.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(c.y - 14)).toBeLessThanOrEqual(0.5);
  });

  it('gives the same result wherever the digit was drawn', () => {
    const a = preprocessDigit(rect(100, 100, 10, 10, 29, 59), 100, 100).pixels;
    const b = preprocessDigit(rect(100, 100, 60, 40, 79, 89), 100, 100).pixels;
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('returns an empty image without ink', () => {
    const { pixels, hasInk } = preprocessDigit(new Float32Array(50 * 50), 50, 50);
    expect(hasInk).toBe(false);
    expect(pixels.every((v) => v === 0)).toBe(true);
  });

  it('keeps values in [0, 1]', () => {
    const { pixels } = preprocessDigit(rect(60, 60, 5, 5, 20, 50, 1), 60, 60);
    expect(Math.max(...pixels)).toBeLessThanOrEqual(1);
    expect(Math.min(...pixels)).toBeGreaterThanOrEqual(0);
  });
});

describe('gaussianBlur and mixImages', () => {
  it('blur spreads ink and keeps the peak level', () => {
    const img = rect(28, 28, 13, 13, 14, 14);
    const out = gaussianBlur(img, 28, 1.5);
    expect(Math.max(...out)).toBeCloseTo(1, 5);
    expect(out[13 * 28 + 10]!).toBeGreaterThan(0);
    expect(Array.from(gaussianBlur(img, 28, 0))).toEqual(Array.from(img));
  });
  it('mix is linear', () => {
    const m = mixImages([0, 1], [1, 0], 0.25);
    expect(m[0]).toBeCloseTo(0.25);
    expect(m[1]).toBeCloseTo(0.75);
  });
});
