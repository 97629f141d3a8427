/**
 * Reader of gzipped IDX files, the format of MNIST (Y. LeCun et al.,
 * http://yann.lecun.com/exdb/mnist/ "FILE FORMATS"): a big-endian header
 * `0x00 0x00 <type> <dims>`, then one uint32 size per dimension, then the data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** An IDX array of unsigned bytes: its dimensions and its data, row-major. */
export interface IdxBytes {
  dims: number[];
  data: Uint8Array;
}

/**
 * Read a gzipped unsigned-byte IDX file.
 * @param path the `.gz` file
 * @param missingHint what to say when the file is absent (where it was expected, which variable overrides it)
 * @param dims number of dimensions the file must have (3 for MNIST images, 4 for RGB images, 1 for labels); any when omitted
 * @throws Error when the file is missing, is not unsigned-byte IDX, has other dimensions, or its size does not match its header
 */
export function readIdxBytes(path: string, missingHint: string, dims?: number): IdxBytes {
  if (!existsSync(path)) throw new Error(`data file not found: ${path} (${missingHint})`);
  const buf = gunzipSync(readFileSync(path));
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const magic = view.getUint32(0);
  if (magic >>> 8 !== 0x08) throw new Error(`${path}: not an unsigned-byte IDX file (magic ${magic.toString(16)})`);
  const nDims = magic & 0xff;
  if (dims !== undefined && nDims !== dims) throw new Error(`${path}: ${nDims} dimensions, expected ${dims}`);
  const sizes: number[] = [];
  for (let i = 0; i < nDims; i++) sizes.push(view.getUint32(4 + 4 * i));
  const offset = 4 + 4 * nDims;
  const expected = sizes.reduce((a, b) => a * b, 1);
  if (buf.byteLength - offset !== expected) throw new Error(`${path}: ${buf.byteLength - offset} data bytes, expected ${expected}`);
  return { dims: sizes, data: new Uint8Array(buf.buffer, buf.byteOffset + offset, expected) };
}
