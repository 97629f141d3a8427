/** The IDX reader the training scripts share (scripts/train/lib/idx.ts). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readIdxBytes } from '../../scripts/train/lib/idx';

const dir = mkdtempSync(join(tmpdir(), 'idx-'));

/** Write a gzipped IDX file with the given type byte, sizes and data; returns its path. */
function idxFile(name: string, type: number, sizes: number[], data: number[]): string {
  const header = Buffer.alloc(4 + 4 * sizes.length);
  header.writeUInt32BE((type << 8) | sizes.length, 0);
  sizes.forEach((s, i) => header.writeUInt32BE(s, 4 + 4 * i));
  const path = join(dir, name);
  writeFileSync(path, gzipSync(Buffer.concat([header, Buffer.from(data)])));
  return path;
}

describe('readIdxBytes', () => {
  it('reads the dimensions and the bytes row-major', () => {
    const path = idxFile('ok.gz', 0x08, [2, 3], [1, 2, 3, 4, 5, 6]);
    const { dims, data } = readIdxBytes(path, 'hint', 2);
    expect(dims).toEqual([2, 3]);
    expect(Array.from(data)).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('names the missing file and the hint', () => {
    expect(() => readIdxBytes(join(dir, 'absent.gz'), 'set MNIST_DIR')).toThrow(/absent\.gz.*set MNIST_DIR/);
  });
  it('refuses another element type, other dimensions and a truncated body', () => {
    expect(() => readIdxBytes(idxFile('float.gz', 0x0d, [2], [0, 0, 0, 0, 0, 0, 0, 0]), 'h')).toThrow(/not an unsigned-byte IDX/);
    expect(() => readIdxBytes(idxFile('dims.gz', 0x08, [2, 2], [1, 2, 3, 4]), 'h', 3)).toThrow(/2 dimensions, expected 3/);
    expect(() => readIdxBytes(idxFile('short.gz', 0x08, [2, 3], [1, 2, 3]), 'h')).toThrow(/3 data bytes, expected 6/);
  });
});
