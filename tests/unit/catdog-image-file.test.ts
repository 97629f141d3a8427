/**
 * Checks on the reader's files before decoding (src/lib/catdog/image-file.ts):
 * type by magic bytes, pixel size from headers, EXIF rotation, truncation,
 * and the refusals (non-image, SVG, empty, too many pixels).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  describeImageProblem, inspectImageFile, jpegOrientation, looksTruncated, MAX_PIXELS, readPixelSize, sniffImageType, type ImageProblem,
} from '../../src/lib/catdog/image-file';
import { CATDOG_SAMPLES } from '../../src/lib/catdog/samples';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const be16 = (n: number) => [(n >>> 8) & 255, n & 255];

/** A PNG signature and IHDR chunk of the given size (no pixel data), optionally with IEND. */
function pngHeader(width: number, height: number, withEnd = true): Uint8Array {
  return bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], be32(13), 'IHDR', be32(width), be32(height), [8, 2, 0, 0, 0], be32(0), withEnd ? [...be32(0), ...Array.from('IEND', (c) => c.charCodeAt(0)), ...be32(0xae426082)] : []);
}

/** A minimal JPEG: SOI, an EXIF APP1 with an orientation tag, SOF0 of the given size, EOI. */
function jpegHeader(width: number, height: number, orientation = 1): Uint8Array {
  const tiff = bytes('MM', [0, 42], be32(8), be16(1), be16(0x0112), be16(3), be32(1), be16(orientation), [0, 0], be32(0));
  const app1 = bytes([0xff, 0xe1], be16(2 + 6 + tiff.length), 'Exif', [0, 0], Array.from(tiff));
  const sof = bytes([0xff, 0xc0], be16(17), [8], be16(height), be16(width), [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return bytes([0xff, 0xd8], Array.from(app1), Array.from(sof), [0xff, 0xd9]);
}

describe('sniffImageType', () => {
  it('recognises the committed samples by their bytes', () => {
    for (const s of CATDOG_SAMPLES) expect(sniffImageType(readFileSync(`public/samples/${s.file}`))).toBe('jpeg');
    expect(sniffImageType(pngHeader(2, 2))).toBe('png');
    expect(sniffImageType(bytes('GIF89a', [1, 0, 1, 0]))).toBe('gif');
    expect(sniffImageType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('webp');
  });
  it('calls SVG (with or without an XML declaration) svg, and text unknown', () => {
    expect(sniffImageType(bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBe('svg');
    expect(sniffImageType(bytes([0xef, 0xbb, 0xbf], '<?xml version="1.0"?>\n<!-- x -->\n<svg width="10">'))).toBe('svg');
    expect(sniffImageType(bytes('hello, this is not an image'))).toBe('unknown');
    expect(sniffImageType(bytes('%PDF-1.7'))).toBe('unknown');
  });
});

describe('readPixelSize and orientation', () => {
  it('reads the committed samples’ sizes from their JPEG headers', () => {
    for (const s of CATDOG_SAMPLES) {
      expect(readPixelSize(readFileSync(`public/samples/${s.file}`), 'jpeg')).toEqual({ width: s.width, height: s.height });
    }
  });
  it('reads PNG, GIF and WebP headers', () => {
    expect(readPixelSize(pngHeader(451, 300), 'png')).toEqual({ width: 451, height: 300 });
    expect(readPixelSize(bytes('GIF89a', [0x2c, 0x01, 0x20, 0x00]), 'gif')).toEqual({ width: 300, height: 32 });
    const vp8x = bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8X', [10, 0, 0, 0], [0, 0, 0, 0], [0x7f, 0x02, 0x00], [0xdf, 0x01, 0x00]);
    expect(readPixelSize(vp8x, 'webp')).toEqual({ width: 640, height: 480 });
  });
  it('swaps width and height for EXIF orientations 5–8', () => {
    expect(jpegOrientation(jpegHeader(400, 300, 6))).toBe(6);
    expect(jpegOrientation(readFileSync('public/samples/cat-chelsea.jpg'))).toBe(1);
    const check = inspectImageFile(jpegHeader(400, 300, 6));
    expect(check).toMatchObject({ ok: true, type: 'jpeg', width: 300, height: 400 });
  });
});

describe('inspectImageFile', () => {
  it('accepts a 50-megapixel photo (decoded later at a small size) and refuses beyond the limit', () => {
    expect(inspectImageFile(jpegHeader(8660, 5774))).toEqual({ ok: true, type: 'jpeg', width: 8660, height: 5774, truncated: false });
    const side = Math.ceil(Math.sqrt(MAX_PIXELS)) + 1;
    expect(inspectImageFile(pngHeader(side, side))).toEqual({ ok: false, problem: 'too-many-pixels' });
  });
  it('refuses empty files, text, SVG, and headers without a size', () => {
    expect(inspectImageFile(new Uint8Array())).toEqual({ ok: false, problem: 'empty' });
    expect(inspectImageFile(bytes('just some text\n'))).toEqual({ ok: false, problem: 'not-image' });
    expect(inspectImageFile(bytes('<svg viewBox="0 0 1 1"/>'))).toEqual({ ok: false, problem: 'svg' });
    expect(inspectImageFile(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0]))).toEqual({ ok: false, problem: 'no-size' });
  });
  it('flags a cut-off JPEG or PNG as truncated, and accepts it', () => {
    const full = readFileSync('public/samples/dog-bicycle.jpg');
    expect(looksTruncated(full, 'jpeg')).toBe(false);
    const cut = full.subarray(0, Math.floor(full.length / 2));
    expect(inspectImageFile(cut)).toMatchObject({ ok: true, truncated: true });
    expect(looksTruncated(pngHeader(4, 4, false), 'png')).toBe(true);
    expect(looksTruncated(pngHeader(4, 4, true), 'png')).toBe(false);
  });
  it('words every problem in Chinese and English', () => {
    const problems: ImageProblem[] = ['empty', 'too-large-file', 'svg', 'not-image', 'no-size', 'too-many-pixels', 'decode-failed', 'timeout'];
    for (const p of problems) {
      const w = describeImageProblem(p);
      expect(w.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(w.en).toMatch(/[a-z]/);
    }
  });
});
