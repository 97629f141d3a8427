/**
 * Checks on a file the reader drops, pastes or picks, before the browser is
 * asked to decode it: what kind of file it is (from its first bytes, not its
 * name), its pixel size (from the header, so a 50-megapixel photo is never
 * decoded at full size), its EXIF orientation, and whether it looks cut off.
 * Pure TypeScript over bytes; no DOM.
 */

/** Raster formats Chromium decodes with `createImageBitmap`. */
export type RasterType = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'avif';

/** What the first bytes say the file is. */
export type SniffedType = RasterType | 'svg' | 'unknown';

/** Largest file accepted, in bytes (60 MB). */
export const MAX_FILE_BYTES = 60 * 1024 * 1024;
/** Largest image accepted, in pixels (120 megapixels); larger ones are refused rather than decoded. */
export const MAX_PIXELS = 120_000_000;

function ascii(bytes: Uint8Array, from: number, length: number): string {
  let s = '';
  for (let i = from; i < Math.min(bytes.length, from + length); i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/**
 * Recognise the file type from its first bytes (magic numbers).
 * @param bytes the file's bytes (at least its first 64)
 */
export function sniffImageType(bytes: Uint8Array): SniffedType {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG' && b[4] === 0x0d && b[5] === 0x0a) return 'png';
  if (ascii(b, 0, 4) === 'GIF8') return 'gif';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  if (ascii(b, 0, 2) === 'BM' && b.length >= 26) return 'bmp';
  if (ascii(b, 4, 4) === 'ftyp' && /^(avif|avis)$/.test(ascii(b, 8, 4))) return 'avif';
  // SVG: XML text whose root element is <svg>, possibly after a BOM, an XML declaration, comments or a doctype.
  const head = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 1024)).replace(/^\uFEFF/, '').trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'svg';
  return 'unknown';
}

/** Width and height in pixels as stored in the file (before EXIF rotation). */
export interface PixelSize {
  width: number;
  height: number;
}

function jpegSize(b: Uint8Array): PixelSize | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) { i++; continue; }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
    const len = v.getUint16(i + 2);
    // SOF0–SOF15 except DHT (C4), JPG (C8), DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: v.getUint16(i + 5), width: v.getUint16(i + 7) };
    }
    if (marker === 0xda || marker === 0xd9) return null;
    i += 2 + len;
  }
  return null;
}

function webpSize(b: Uint8Array): PixelSize | null {
  const chunk = ascii(b, 12, 4);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (chunk === 'VP8X' && b.length >= 30) {
    const w = 1 + (b[24]! | (b[25]! << 8) | (b[26]! << 16));
    const h = 1 + (b[27]! | (b[28]! << 8) | (b[29]! << 16));
    return { width: w, height: h };
  }
  if (chunk === 'VP8 ' && b.length >= 30) return { width: v.getUint16(26, true) & 0x3fff, height: v.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = v.getUint32(21, true);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  return null;
}

function avifSize(b: Uint8Array): PixelSize | null {
  // The first 'ispe' box (image spatial extents) holds width and height.
  const limit = Math.min(b.length - 20, 1 << 16);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 4; i < limit; i++) {
    if (b[i] === 0x69 && ascii(b, i, 4) === 'ispe') return { width: v.getUint32(i + 8), height: v.getUint32(i + 12) };
  }
  return null;
}

/**
 * Read the pixel size from the file header.
 * @param bytes the file's bytes
 * @param type its sniffed type
 * @returns the size, or null when the header is missing or malformed
 */
export function readPixelSize(bytes: Uint8Array, type: SniffedType): PixelSize | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    switch (type) {
      case 'png':
        return bytes.length >= 24 && ascii(bytes, 12, 4) === 'IHDR' ? { width: v.getUint32(16), height: v.getUint32(20) } : null;
      case 'gif':
        return bytes.length >= 10 ? { width: v.getUint16(6, true), height: v.getUint16(8, true) } : null;
      case 'bmp':
        return { width: Math.abs(v.getInt32(18, true)), height: Math.abs(v.getInt32(22, true)) };
      case 'jpeg':
        return jpegSize(bytes);
      case 'webp':
        return webpSize(bytes);
      case 'avif':
        return avifSize(bytes);
      default:
        return null;
    }
  } catch {
    return null;
  }
}

/**
 * EXIF orientation (1–8) of a JPEG, 1 when absent. Values 5–8 mean the
 * decoded image is rotated by 90°, so its width and height swap.
 * @param bytes the JPEG file's bytes
 */
export function jpegOrientation(bytes: Uint8Array): number {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    let i = 2;
    while (i + 4 < bytes.length && bytes[i] === 0xff) {
      const marker = bytes[i + 1]!;
      const len = v.getUint16(i + 2);
      if (marker === 0xda) break;
      if (marker === 0xe1 && ascii(bytes, i + 4, 6) === 'Exif\0\0') {
        const t = i + 10;
        const little = ascii(bytes, t, 2) === 'II';
        const ifd = t + v.getUint32(t + 4, little);
        const count = v.getUint16(ifd, little);
        for (let k = 0; k < count; k++) {
          const e = ifd + 2 + k * 12;
          if (v.getUint16(e, little) === 0x0112) {
            const o = v.getUint16(e + 8, little);
            return o >= 1 && o <= 8 ? o : 1;
          }
        }
        return 1;
      }
      i += 2 + len;
    }
  } catch {
    return 1;
  }
  return 1;
}

/**
 * Whether the file ends before its format's end marker (a download or copy cut short).
 * Only JPEG (EOI marker) and PNG (IEND chunk) are checked.
 */
export function looksTruncated(bytes: Uint8Array, type: SniffedType): boolean {
  if (type === 'jpeg') {
    // Some encoders pad after EOI: look for FF D9 in the last 64 bytes.
    for (let i = bytes.length - 2; i >= Math.max(2, bytes.length - 64); i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return false;
    return true;
  }
  if (type === 'png') return bytes.length < 12 || ascii(bytes, bytes.length - 8, 4) !== 'IEND';
  return false;
}

/** Why a file cannot be used. */
export type ImageProblem = 'empty' | 'too-large-file' | 'svg' | 'not-image' | 'no-size' | 'too-many-pixels' | 'decode-failed' | 'timeout';

/** Result of {@link inspectImageFile}. */
export type ImageCheck =
  | {
      ok: true;
      type: RasterType;
      /** Size after EXIF rotation, in pixels. */
      width: number;
      height: number;
      /** The file seems cut off: the browser may decode only part of it. */
      truncated: boolean;
    }
  | { ok: false; problem: ImageProblem };

/**
 * Decide whether a file can be decoded, and at what size it really is.
 * @param bytes the whole file
 * @returns `ok` with type and oriented size, or the problem
 */
export function inspectImageFile(bytes: Uint8Array): ImageCheck {
  if (bytes.length === 0) return { ok: false, problem: 'empty' };
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, problem: 'too-large-file' };
  const type = sniffImageType(bytes);
  if (type === 'svg') return { ok: false, problem: 'svg' };
  if (type === 'unknown') return { ok: false, problem: 'not-image' };
  const size = readPixelSize(bytes, type);
  if (!size || size.width < 1 || size.height < 1) return { ok: false, problem: 'no-size' };
  if (size.width * size.height > MAX_PIXELS) return { ok: false, problem: 'too-many-pixels' };
  const rotated = type === 'jpeg' && jpegOrientation(bytes) >= 5;
  return {
    ok: true,
    type,
    width: rotated ? size.height : size.width,
    height: rotated ? size.width : size.height,
    truncated: looksTruncated(bytes, type),
  };
}

/**
 * Words for a problem, in both languages, for the reader.
 * @param problem what {@link inspectImageFile} or the decoder reported
 */
export function describeImageProblem(problem: ImageProblem): { zh: string; en: string } {
  switch (problem) {
    case 'empty':
      return { zh: '这个文件是空的。', en: 'This file is empty.' };
    case 'too-large-file':
      return { zh: `文件太大（超过 ${MAX_FILE_BYTES / 1024 / 1024} MB），请换一张小一点的照片。`, en: `The file is too large (over ${MAX_FILE_BYTES / 1024 / 1024} MB); please try a smaller photo.` };
    case 'svg':
      return { zh: '这是 SVG 矢量图，不是照片。请选一张 JPEG、PNG、WebP 或 GIF 照片。', en: 'This is an SVG drawing, not a photo. Please choose a JPEG, PNG, WebP or GIF photo.' };
    case 'not-image':
      return { zh: '这个文件不是图片（或者是浏览器读不了的格式）。请选一张 JPEG、PNG、WebP 或 GIF 照片。', en: 'This file is not an image (or not in a format the browser can read). Please choose a JPEG, PNG, WebP or GIF photo.' };
    case 'no-size':
      return { zh: '读不出这张图片的尺寸，文件可能已损坏。', en: 'The size of this image cannot be read; the file may be damaged.' };
    case 'too-many-pixels':
      return { zh: `图片像素太多（超过 ${MAX_PIXELS / 1e6} 百万像素），为免浏览器卡死没有打开。`, en: `The image has too many pixels (over ${MAX_PIXELS / 1e6} megapixels), so it was not opened, to keep the browser responsive.` };
    case 'decode-failed':
      return { zh: '浏览器无法解码这张图片，文件可能不完整或已损坏。', en: 'The browser could not decode this image; the file may be incomplete or damaged.' };
    case 'timeout':
      return { zh: '解码这张图片用时太长，已放弃。', en: 'Decoding this image took too long and was abandoned.' };
  }
}
