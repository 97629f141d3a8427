/**
 * The learned codec's pure parts: quantisation and bit packing (exact round
 * trip, exact byte counts), PSNR / SSIM on known pairs, the JPEG payload
 * parser on real files, and the rate–distortion mean.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODEC_BITS, CODEC_RATES, codeBytes, dequantize, packCodes, quantize, quantStep, unpackCodes } from '../../src/lib/models/codec';
import { mse, psnr, rgbaToGrey, ssim, toGrey8 } from '../../src/lib/codec/metrics';
import { jpegParts } from '../../src/lib/codec/jpeg';
import { meanPoint } from '../../src/lib/codec/rd';

describe('quantisation and packing', () => {
  it('byte counts are ceil(values × bits / 8): 4, 8 and 16 bytes at 4 bits; odd sizes round up', () => {
    expect(CODEC_RATES.map((k) => codeBytes(k))).toEqual([4, 8, 16]);
    expect(codeBytes(3, 4)).toBe(2);
    expect(codeBytes(5, 3)).toBe(2);
    expect(codeBytes(9, 7)).toBe(8);
    for (const k of [1, 3, 8, 13, 32]) for (const bits of [1, 3, 4, 5, 8]) expect(packCodes(new Uint8Array(k), bits).length).toBe(Math.ceil((k * bits) / 8));
  });

  it('pack → unpack returns every code exactly, for every bit width', () => {
    for (let bits = 1; bits <= 8; bits++) {
      const codes = Uint8Array.from({ length: 37 }, (_, i) => (i * 7919 + bits) % 2 ** bits);
      expect(Array.from(unpackCodes(packCodes(codes, bits), codes.length, bits))).toEqual(Array.from(codes));
    }
  });

  it('packs most significant bit first: codes 1, 2, 15 at 4 bits are 0x12 0xF0', () => {
    expect(Array.from(packCodes([1, 2, 15], 4))).toEqual([0x12, 0xf0]);
  });

  it('dequantize → quantize is the identity on codes, and quantize lands within half a step', () => {
    const codes = Uint8Array.from({ length: 16 }, (_, i) => i);
    expect(Array.from(quantize(dequantize(codes, 4), 4))).toEqual(Array.from(codes));
    const values = Array.from({ length: 101 }, (_, i) => -1 + i / 50);
    const back = dequantize(quantize(values, CODEC_BITS), CODEC_BITS);
    values.forEach((v, i) => expect(Math.abs(back[i]! - v)).toBeLessThanOrEqual(quantStep() / 2 + 1e-6));
    expect(Array.from(quantize([-5, 5], 4))).toEqual([0, 15]);
  });

  it('codes not sent decode to 0, and bad input is refused', () => {
    expect(Array.from(dequantize([0, 15], 4, 4))).toEqual([-1, 1, 0, 0]);
    expect(() => packCodes([16], 4)).toThrow(RangeError);
    expect(() => unpackCodes(new Uint8Array(1), 3, 4)).toThrow(RangeError);
    expect(() => quantize([0], 9)).toThrow(RangeError);
  });
});

describe('error measures', () => {
  it('PSNR of a known pair: every pixel off by 5 → 10·log10(255²/25) = 34.15 dB', () => {
    const a = new Uint8Array(784).fill(100);
    const b = new Uint8Array(784).fill(105);
    expect(mse(a, b)).toBe(25);
    expect(psnr(a, b)).toBeCloseTo(34.1514, 3);
    expect(psnr(a, a)).toBe(Infinity);
    // One pixel off by 28 in 784: MSE = 1 → 48.13 dB.
    const c = a.slice();
    c[0] = 128;
    expect(psnr(a, c)).toBeCloseTo(48.1308, 3);
    expect(() => psnr(a, new Uint8Array(10))).toThrow(RangeError);
  });

  it('SSIM is 1 for identical images and drops with noise and with a shift', () => {
    const img = Uint8Array.from({ length: 784 }, (_, i) => ((i % 28) > 8 && (i % 28) < 20 && i > 200 && i < 600 ? 255 : 0));
    expect(ssim(img, img, 28, 28)).toBeCloseTo(1, 6);
    const noisy = img.map((v, i) => Math.min(255, Math.max(0, v + ((i * 37) % 41) - 20)));
    const shifted = Uint8Array.from({ length: 784 }, (_, i) => img[(i + 3) % 784]!);
    const s1 = ssim(img, noisy, 28, 28);
    const s2 = ssim(img, shifted, 28, 28);
    expect(s1).toBeLessThan(0.99);
    expect(s2).toBeLessThan(s1);
  });

  it('grey conversions: floats clamp and round to 0–255; RGBA uses BT.601 luma', () => {
    expect(Array.from(toGrey8([-1, 0, 0.5, 1, 2]))).toEqual([0, 0, 128, 255, 255]);
    expect(Array.from(rgbaToGrey([255, 0, 0, 255, 0, 255, 0, 255, 10, 10, 10, 255]))).toEqual([76, 150, 10]);
  });
});

describe('JPEG payload parser', () => {
  const fixture = 'tests/fixtures/codec/digit-q50.jpg';

  it.runIf(existsSync(fixture))("splits Chromium's baseline JPEG of a 28×28 digit into header, payload and EOI", () => {
    const bytes = new Uint8Array(readFileSync(fixture));
    const p = jpegParts(bytes);
    expect(p.scans).toBe(1);
    expect(p.header + p.payload + p.trailer).toBe(bytes.length);
    expect(p.trailer).toBe(2);
    expect([bytes[p.header + p.payload], bytes[p.header + p.payload + 1]]).toEqual([0xff, 0xd9]);
    // The header ends with the SOS segment: find 0xFFDA and check its length field points at the payload.
    let sos = -1;
    for (let i = 0; i + 1 < p.header; i++) if (bytes[i] === 0xff && bytes[i + 1] === 0xda) sos = i;
    expect(sos).toBeGreaterThan(0);
    expect(sos + 2 + ((bytes[sos + 2]! << 8) | bytes[sos + 3]!)).toBe(p.header);
    // A tiny image's file is mostly headers and tables.
    expect(p.payload).toBeLessThan(p.header);
  });

  it('counts the scans of a real progressive photo and ends at its EOI', () => {
    const bytes = new Uint8Array(readFileSync('public/samples/cat-chelsea.jpg'));
    const p = jpegParts(bytes);
    expect(p.scans).toBeGreaterThan(1);
    expect(p.header + p.payload + p.trailer).toBe(bytes.length);
    expect(p.payload).toBeGreaterThan(p.header);
  });

  it('refuses non-JPEG and truncated data with a clear message', () => {
    expect(() => jpegParts(new TextEncoder().encode('GIF89a not a jpeg'))).toThrow(/SOI/);
    const bytes = new Uint8Array(readFileSync('public/samples/cat-chelsea.jpg'));
    expect(() => jpegParts(bytes.subarray(0, 300))).toThrow(/past the end|no SOS|EOI/);
    expect(() => jpegParts(bytes.subarray(0, bytes.length - 2))).toThrow(/EOI/);
  });
});

describe('rate–distortion mean', () => {
  it('averages bytes, PSNR and SSIM over images, capping exact copies at 99 dB', () => {
    const p = meanPoint(0.5, [
      { bytes: 10, psnr: 20, ssim: 0.5 },
      { bytes: 20, psnr: Infinity, ssim: 1 },
    ]);
    expect(p).toEqual({ setting: 0.5, bytes: 15, psnr: 59.5, ssim: 0.75 });
    expect(() => meanPoint(1, [])).toThrow(RangeError);
  });
});
