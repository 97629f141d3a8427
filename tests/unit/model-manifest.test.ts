/**
 * The manifest writer (read-modify-write of one entry), the model file
 * round trip with float16 weights, and the loader's pure integrity checks.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManifestEntry } from '../../src/lib/models/manifest';
import { parseManifest, withEntry, emptyManifest } from '../../src/lib/models/manifest';
import { compareHash, entryProblems, modelFolder, sha256Hex, toHex, totalBytes, weightPaths } from '../../src/lib/models/integrity';
import { countNeurons, countCoreLayers } from '../../src/lib/models/summary';
import { updateManifestEntry } from '../../scripts/train/lib/manifest';
import { sha256Hex as nodeSha256, toFloat16Bytes } from '../../scripts/train/lib/model-io';
import { digitsLayers, DIGITS_CONFIG } from '../../src/lib/models/digits';

const HASH = 'a'.repeat(64);

function entry(name: string, extra: Partial<ManifestEntry> = {}): ManifestEntry {
  return {
    name,
    path: `models/${name}/model.json`,
    files: { 'model.json': HASH, 'weights.bin': HASH },
    sizes: { 'model.json': 10, 'weights.bin': 90 },
    params: 1,
    neurons: 1,
    neuronCountRule: 'rule',
    dataset: 'd',
    licence: 'l',
    architecture: [],
    metric: { name: 'accuracy', value: 0.5, split: 'test' },
    seed: 1,
    epochs: 1,
    trainSeconds: 1,
    quantization: 'float32',
    ...extra,
  };
}

describe('manifest writer', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'manifest-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the file, then replaces only the named entry', async () => {
    const path = join(dir, 'manifest.json');
    await updateManifestEntry(entry('b'), path);
    await updateManifestEntry(entry('a'), path);
    await updateManifestEntry(entry('b', { params: 42 }), path);
    const m = parseManifest(await readFile(path, 'utf8'));
    expect(Object.keys(m.models)).toEqual(['a', 'b']);
    expect(m.models['b']!.params).toBe(42);
    expect(m.models['a']!.params).toBe(1);
  });

  it('serialises concurrent writers so no entry is lost', async () => {
    const path = join(dir, 'concurrent.json');
    await Promise.all(['x', 'y', 'z', 'w'].map((n) => updateManifestEntry(entry(n), path)));
    expect(Object.keys(parseManifest(await readFile(path, 'utf8')).models)).toEqual(['w', 'x', 'y', 'z']);
  });

  it('refuses a file that is not a manifest', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, '{"nope": 1}');
    await expect(updateManifestEntry(entry('a'), path)).rejects.toThrow(/models/);
  });

  it('withEntry leaves the input untouched', () => {
    const m = emptyManifest();
    const n = withEntry(m, entry('a'));
    expect(m.models).toEqual({});
    expect(n.models['a']!.name).toBe('a');
  });
});

describe('integrity helpers', () => {
  it('sha256 with Web Crypto equals node:crypto', async () => {
    const bytes = new TextEncoder().encode('digits');
    expect(await sha256Hex(bytes)).toBe(nodeSha256(bytes));
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
  });

  it('sha256 without Web Crypto (plain HTTP from a LAN name) still gives the right digest', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) & 255);
    expect(await sha256Hex(bytes, null)).toBe(nodeSha256(bytes));
  });

  it('compareHash reports mismatches and missing entries', () => {
    expect(compareHash('w.bin', HASH, HASH.toUpperCase())).toBeNull();
    expect(compareHash('w.bin', HASH, 'b'.repeat(64))).toEqual({ file: 'w.bin', expected: HASH, actual: 'b'.repeat(64) });
    expect(compareHash('w.bin', undefined, HASH)?.expected).toBe('(not listed)');
  });

  it('entryProblems catches missing and malformed entries', () => {
    expect(entryProblems(entry('a'), 'a')).toEqual([]);
    expect(entryProblems(undefined, 'a')[0]).toMatch(/not in the manifest/);
    expect(entryProblems(entry('a', { files: { 'weights.bin': HASH } }), 'a').join()).toMatch(/model.json has no sha256/);
    expect(entryProblems(entry('a', { files: { 'model.json': 'xyz' } }), 'a').join()).toMatch(/malformed/);
    expect(entryProblems(entry('a', { files: { 'model.json': HASH, '../x': HASH } }), 'a').join()).toMatch(/plain name/);
    expect(entryProblems(entry('a', { path: 'models/a/weights.bin' }), 'a').join()).toMatch(/model.json/);
  });

  it('weightPaths lists shards in order and rejects bad model.json', () => {
    expect(weightPaths({ weightsManifest: [{ paths: ['a.bin', 'b.bin'], weights: [] }, { paths: ['c.bin'], weights: [] }] })).toEqual(['a.bin', 'b.bin', 'c.bin']);
    expect(() => weightPaths({})).toThrow(/weightsManifest/);
    expect(() => weightPaths(null)).toThrow();
  });

  it('modelFolder and totalBytes', () => {
    expect(modelFolder('models/digits/model.json')).toBe('models/digits/');
    expect(totalBytes(entry('a'))).toBe(100);
  });
});

describe('float16 weights and counting', () => {
  it('float16 encoding round-trips representable values and rounds others', () => {
    const bytes = toFloat16Bytes(new Float32Array([1, -2, 0.5, 65504]));
    expect(Array.from(new Uint16Array(bytes.buffer, bytes.byteOffset, 4))).toEqual([0x3c00, 0xc000, 0x3800, 0x7bff]);
  });

  it('neurons: conv and dense outputs count, other layers do not', () => {
    const layers = digitsLayers(DIGITS_CONFIG).map((l) => ({
      name: l.name,
      type: l.kind === 'conv' ? 'Conv2D' : l.kind === 'dense' ? 'Dense' : 'Activation',
      outputShape: l.outputShape,
      params: 0,
    }));
    expect(layers).toHaveLength(11);
    expect(countCoreLayers(layers)).toBe(4);
    const expected = layers.filter((l) => l.type !== 'Activation').reduce((a, l) => a + l.outputShape.reduce((p, d) => p * d, 1), 0);
    expect(countNeurons(layers)).toBe(expected);
  });
});
