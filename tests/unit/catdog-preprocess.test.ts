/**
 * Photo → network input (src/lib/catdog/preprocess.ts) and layer outputs →
 * pictures (src/lib/catdog/activations.ts).
 */
import { describe, expect, it } from 'vitest';
import { fitWithin, inputToRgba, resizeToInput, squareRect } from '../../src/lib/catdog/preprocess';
import {
  channelValues, colorize, divergingColor, kernelRgb, kernelSlices, scaleLimit, spriteRgba, stats,
} from '../../src/lib/catdog/activations';
import { CATDOG_SAMPLES } from '../../src/lib/catdog/samples';

/** An RGBA image filled by `f(x, y) → [r, g, b]`. */
function image(width: number, height: number, f: (x: number, y: number) => [number, number, number]): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = f(x, y);
      out.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return out;
}

describe('squareRect', () => {
  it('centres a full-height square in a landscape photo', () => {
    expect(squareRect(400, 300)).toEqual({ x: 50, y: 0, width: 300, height: 300 });
  });
  it('moves an off-edge square back inside the image', () => {
    const r = squareRect(640, 480, { cx: 0.02, cy: 0.98, size: 0.5 });
    expect(r).toEqual({ x: 0, y: 240, width: 240, height: 240 });
  });
  it('keeps every committed sample crop inside its photo', () => {
    for (const s of CATDOG_SAMPLES) {
      const r = squareRect(s.width, s.height, s.crop);
      expect(r.x).toBeGreaterThanOrEqual(0);
      expect(r.y).toBeGreaterThanOrEqual(0);
      expect(r.x + r.width).toBeLessThanOrEqual(s.width + 1e-9);
      expect(r.y + r.height).toBeLessThanOrEqual(s.height + 1e-9);
    }
  });
  it('throws on an image without pixels', () => {
    expect(() => squareRect(0, 10)).toThrow(RangeError);
  });
});

describe('resizeToInput', () => {
  it('gives [32, 32, 3] values in [0, 1] and keeps a flat colour', () => {
    const rgba = image(100, 80, () => [255, 128, 0]);
    const out = resizeToInput(rgba, 100, 80, squareRect(100, 80));
    expect(out.length).toBe(32 * 32 * 3);
    for (let i = 0; i < out.length; i += 3) {
      expect(out[i]).toBeCloseTo(1, 6);
      expect(out[i + 1]).toBeCloseTo(128 / 255, 6);
      expect(out[i + 2]).toBeCloseTo(0, 6);
    }
  });
  it('averages areas (no aliasing): a 1-pixel checkerboard becomes mid-grey', () => {
    const rgba = image(320, 320, (x, y) => ((x + y) % 2 ? [255, 255, 255] : [0, 0, 0]));
    const out = resizeToInput(rgba, 320, 320, { x: 0, y: 0, width: 320, height: 320 });
    for (const v of out) expect(v).toBeCloseTo(0.5, 6);
  });
  it('keeps left and right halves apart and weights fractional pixels', () => {
    const rgba = image(64, 64, (x) => (x < 32 ? [0, 0, 0] : [255, 255, 255]));
    const out = resizeToInput(rgba, 64, 64, { x: 0, y: 0, width: 64, height: 64 });
    expect(out[(5 * 32 + 0) * 3]).toBe(0);
    expect(out[(5 * 32 + 31) * 3]).toBe(1);
    // 3 source pixels onto 2 output pixels: the middle source pixel is split half and half.
    const small = image(3, 3, (x) => [x * 100, 0, 0]);
    const two = resizeToInput(small, 3, 3, { x: 0, y: 0, width: 3, height: 3 }, 2);
    expect(two[0]! * 255).toBeCloseTo((0 * 1 + 100 * 0.5) / 1.5, 4);
    expect(two[3]! * 255).toBeCloseTo((100 * 0.5 + 200 * 1) / 1.5, 4);
  });
  it('upsamples a region smaller than 32 pixels without gaps', () => {
    const rgba = image(8, 8, (x, y) => [x * 30, y * 30, 0]);
    const out = resizeToInput(rgba, 8, 8, { x: 2, y: 2, width: 4, height: 4 });
    expect(out[0]! * 255).toBeCloseTo(60, 4);
    expect(out[(31 * 32 + 31) * 3 + 1]! * 255).toBeCloseTo(150, 4);
  });
  it('throws on too few bytes or an empty rectangle', () => {
    expect(() => resizeToInput(new Uint8ClampedArray(10), 4, 4, { x: 0, y: 0, width: 4, height: 4 })).toThrow(RangeError);
    expect(() => resizeToInput(image(4, 4, () => [0, 0, 0]), 4, 4, { x: 0, y: 0, width: 0, height: 4 })).toThrow(RangeError);
  });
  it('round-trips through inputToRgba', () => {
    const rgba = image(32, 32, (x, y) => [x * 8, y * 8, 77]);
    const back = inputToRgba(resizeToInput(rgba, 32, 32, { x: 0, y: 0, width: 32, height: 32 }));
    expect(Array.from(back)).toEqual(Array.from(rgba));
  });
});

describe('fitWithin', () => {
  it('shrinks a 50-megapixel photo to 640 px on the long side, keeping the aspect', () => {
    expect(fitWithin(8660, 5774)).toEqual({ width: 640, height: 427 });
    expect(fitWithin(5774, 8660)).toEqual({ width: 427, height: 640 });
  });
  it('never enlarges', () => {
    expect(fitWithin(300, 200)).toEqual({ width: 300, height: 200 });
  });
});

describe('activations → pictures', () => {
  it('maps −1, 0, +1 to blue, white, red', () => {
    const [br, , bb] = divergingColor(-1);
    expect(bb).toBeGreaterThan(br);
    expect(divergingColor(0)).toEqual([247, 247, 247]);
    const [rr, , rb] = divergingColor(1);
    expect(rr).toBeGreaterThan(rb);
    expect(divergingColor(5)).toEqual(divergingColor(1));
    expect(divergingColor(Number.NaN)).toEqual(divergingColor(0));
  });
  it('picks a robust scale limit with two significant digits', () => {
    const v = new Float32Array(1000).map((_, i) => (i % 2 ? 1 : -1) * (i / 1000));
    v[0] = 1000; // one outlier does not set the scale
    const limit = scaleLimit(v);
    expect(limit).toBeGreaterThan(0.99);
    expect(limit).toBeLessThanOrEqual(1.0);
    expect(scaleLimit(new Float32Array(4))).toBeGreaterThan(0);
  });
  it('reads channels of an NHWC block', () => {
    const maps = { shape: [2, 2, 3] as [number, number, number], values: new Float32Array(12).map((_, i) => i) };
    expect(Array.from(channelValues(maps, 1))).toEqual([1, 4, 7, 10]);
    expect(() => channelValues(maps, 3)).toThrow(RangeError);
    const c = colorize(channelValues(maps, 0), 9);
    expect(c.length).toBe(16);
    expect(c[3]).toBe(255);
    expect(stats(new Float32Array([1, -2, 4]))).toEqual({ min: -2, max: 4, mean: 1 });
  });
  it('slices a [kh, kw, in, out] kernel per input channel', () => {
    const kernel = { shape: [2, 2, 3, 2] as [number, number, number, number], values: new Float32Array(24).map((_, i) => i) };
    const s = kernelSlices(kernel, 1);
    expect(s.length).toBe(3);
    // element (y, x, c, o) sits at ((y·kw + x)·in + c)·out + o
    expect(Array.from(s[0]!)).toEqual([1, 7, 13, 19]);
    expect(Array.from(s[2]!)).toEqual([5, 11, 17, 23]);
    const rgb = kernelRgb(s);
    expect(rgb.length).toBe(16);
    expect(rgb[4 * 3 + 2]).toBe(255); // the largest weight is full brightness
  });
  it('lays channels out side by side in a sprite', () => {
    const maps = { shape: [2, 2, 3] as [number, number, number], values: new Float32Array(12).fill(1) };
    maps.values[2] = -1; // channel 2, pixel (0, 0)
    const s = spriteRgba(maps, 3, 1);
    expect([s.width, s.height]).toEqual([6, 2]);
    const px = (x: number, y: number) => Array.from(s.rgba.subarray((y * 6 + x) * 4, (y * 6 + x) * 4 + 3));
    expect(px(4, 0)).toEqual(divergingColor(-1));
    expect(px(0, 0)).toEqual(divergingColor(1));
  });
});
