/**
 * The digits network: the definition builds the 11 layers the figures
 * describe, and the committed weights match the manifest (hashes, size,
 * accuracy, quantisation) and the tfjs wasm binaries served from public/tfjs/
 * are the ones of the installed @tensorflow/tfjs-backend-wasm.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { buildDigitsModel, DIGITS_MODEL, digitsLayers } from '../../src/lib/models/digits';
import { parseManifest } from '../../src/lib/models/manifest';
import { countCoreLayers } from '../../src/lib/models/summary';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('digits definition', () => {
  it('has 11 layers, 4 of them core layers, with the shapes digitsLayers() states', async () => {
    await tf.setBackend('cpu');
    const model = buildDigitsModel(tfl, 1);
    const layers = digitsLayers();
    expect(model.layers).toHaveLength(11);
    expect(model.layers.map((l) => l.name)).toEqual(layers.map((l) => l.name));
    model.layers.forEach((l, i) => expect((l.outputShape as number[]).slice(1)).toEqual(layers[i]!.outputShape));
    expect(layers.filter((l) => l.kind === 'conv' || l.kind === 'dense')).toHaveLength(4);
    model.dispose();
  });
});

describe('committed digits weights', () => {
  const manifestPath = 'public/models/manifest.json';
  const present = existsSync(manifestPath) && parseManifest(readFileSync(manifestPath, 'utf8')).models[DIGITS_MODEL];

  it.runIf(present)('match the manifest: hashes, sizes, ≤ 250 KB, ≥ 99.0 % test accuracy, 11 layers', () => {
    const entry = parseManifest(readFileSync(manifestPath, 'utf8')).models[DIGITS_MODEL]!;
    let weightBytes = 0;
    for (const [file, hash] of Object.entries(entry.files)) {
      const bytes = readFileSync(join('public/models', DIGITS_MODEL, file));
      expect(sha256(bytes), file).toBe(hash);
      expect(bytes.length, file).toBe(entry.sizes[file]);
      if (file !== 'model.json') weightBytes += bytes.length;
    }
    expect(weightBytes).toBeLessThanOrEqual(250 * 1024);
    expect(entry.metric.value).toBeGreaterThanOrEqual(0.99);
    expect(entry.architecture).toHaveLength(11);
    expect(countCoreLayers(entry.architecture)).toBe(4);
    expect(entry.quantization).toBe('float16');
  });
});

describe('tfjs wasm binaries in public/tfjs', () => {
  const dist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
  it.each(['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'])('%s is the installed version', (file) => {
    expect(sha256(readFileSync(join('public/tfjs', file)))).toBe(sha256(readFileSync(join(dist, file))));
  });
});
