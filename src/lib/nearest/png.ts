/**
 * A minimal PNG encoder (8-bit RGBA, no interlace, filter 0 on every row) for
 * the static fallbacks the figure slots draw at build time. **Node only**
 * (uses `node:zlib`): import it from `.astro` frontmatter or scripts, never
 * from an island.
 *
 * Format: W3C, "Portable Network Graphics (PNG) Specification (Third Edition)",
 * chunks IHDR / IDAT / IEND, each with a CRC-32 (ISO 3309, polynomial 0xEDB88320).
 */
import { deflateSync } from 'node:zlib';

let crcTable: Uint32Array | null = null;

/** CRC-32 of `bytes` (as used by PNG chunks). */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/**
 * Encode RGBA pixels as a PNG file.
 * @param rgba `[width·height·4]` bytes, row-major from the top-left
 * @param width pixels
 * @param height pixels
 * @returns the PNG file bytes
 * @throws Error when the pixel array has the wrong length
 */
export function encodePng(rgba: ArrayLike<number>, width: number, height: number): Uint8Array {
  if (rgba.length !== width * height * 4) throw new Error(`encodePng: ${rgba.length} bytes for ${width}×${height} RGBA`);
  const raw = new Uint8Array(height * (1 + 4 * width));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + 4 * width);
    raw[row] = 0; // filter type: none
    for (let i = 0; i < 4 * width; i++) raw[row + 1 + i] = rgba[y * 4 * width + i]!;
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  const signature = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]);
  const parts = [signature, chunk('IHDR', ihdr), chunk('IDAT', new Uint8Array(deflateSync(raw, { level: 9 }))), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A PNG as a `data:` URL. */
export function pngDataUrl(rgba: ArrayLike<number>, width: number, height: number): string {
  return `data:image/png;base64,${Buffer.from(encodePng(rgba, width, height)).toString('base64')}`;
}
