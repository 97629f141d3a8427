/**
 * Save and load tfjs Layers models as files in Node (no tfjs-node):
 * `<dir>/model.json` + `<dir>/weights.bin`, the standard tfjs "layers-model"
 * format that `tf.loadLayersModel('/models/<name>/model.json')` reads in the browser.
 *
 * Optional float16 storage uses the `quantization: { dtype: 'float16' }` field of
 * the weights manifest, which tfjs dequantises on load (`tf.io.decodeWeights`).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { Float16Array } from '@petamoriken/float16';

/** Name of the single weight shard. */
export const WEIGHTS_FILE = 'weights.bin';

/** What {@link saveModel} wrote. */
export interface SavedFiles {
  /** file name → sha256 (hex) */
  files: Record<string, string>;
  /** file name → size in bytes */
  sizes: Record<string, number>;
  /** bytes of the weight shard */
  weightBytes: number;
}

/** Storage type of the weights on disk. */
export type WeightStorage = 'float32' | 'float16';

/** sha256 of bytes as lower-case hex. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Encode float32 weights as float16 with round-to-nearest-even (via @petamoriken/float16).
 * @param values float32 values
 * @returns the raw little-endian float16 bytes
 */
export function toFloat16Bytes(values: Float32Array): Uint8Array {
  const half = new Float16Array(values);
  return new Uint8Array(half.buffer, half.byteOffset, half.byteLength);
}

/**
 * Save `model` to `dir` (created if missing).
 * @param model a Layers model
 * @param dir output folder, e.g. `public/models/digits`
 * @param storage `float32` (4 bytes/parameter) or `float16` (2 bytes/parameter)
 * @returns names, hashes and sizes of the files written
 */
export async function saveModel(model: LayersModel, dir: string, storage: WeightStorage = 'float32'): Promise<SavedFiles> {
  let saved: SavedFiles | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
      let weights = data;
      let specs = artifacts.weightSpecs ?? [];
      if (storage === 'float16') {
        const parts: Uint8Array[] = [];
        const newSpecs: tf.io.WeightsManifestEntry[] = [];
        let offset = 0;
        for (const spec of specs) {
          if (spec.dtype !== 'float32' || spec.quantization) throw new Error(`saveModel: cannot store ${spec.name} (${spec.dtype}) as float16`);
          const n = spec.shape.reduce((a, b) => a * b, 1);
          const values = new Float32Array(data.buffer.slice(data.byteOffset + offset, data.byteOffset + offset + 4 * n));
          offset += 4 * n;
          parts.push(toFloat16Bytes(values));
          newSpecs.push({ ...spec, quantization: { dtype: 'float16' } });
        }
        weights = new Uint8Array(parts.reduce((a, p) => a + p.byteLength, 0));
        let at = 0;
        for (const p of parts) {
          weights.set(p, at);
          at += p.byteLength;
        }
        specs = newSpecs;
      }
      const modelJson = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs }],
      };
      const jsonText = JSON.stringify(modelJson);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'model.json'), jsonText);
      await writeFile(join(dir, WEIGHTS_FILE), weights);
      const jsonBytes = Buffer.byteLength(jsonText);
      saved = {
        files: { 'model.json': sha256Hex(jsonText), [WEIGHTS_FILE]: sha256Hex(weights) },
        sizes: { 'model.json': jsonBytes, [WEIGHTS_FILE]: weights.byteLength },
        weightBytes: weights.byteLength,
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
    }),
  );
  if (!saved) throw new Error('saveModel: the save handler did not run');
  return saved;
}

/**
 * A tfjs load handler reading `<dir>/model.json` and its shards from disk.
 * Use as `tfl.loadLayersModel(fileLoadHandler(dir))`.
 */
export function fileLoadHandler(dir: string): tf.io.IOHandler {
  return {
    load: async () => {
      const modelJson = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(modelJson, async (groups) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const group of groups) {
          specs.push(...group.weights);
          for (const p of group.paths) {
            const b = await readFile(join(dir, p));
            buffers.push(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
          }
        }
        return [specs, tf.io.concatenateArrayBuffers(buffers)];
      });
    },
  };
}

/** What {@link saveFaithful} kept. */
export interface FaithfulSave {
  saved: SavedFiles;
  /** the saved files loaded back the way the browser loads them (caller disposes) */
  loaded: LayersModel;
  /** accuracy (fraction 0–1) of `loaded` on the test set */
  accuracy: number;
  /** largest |Δ probability| between `loaded` and the float32 network over the test set */
  maxDelta: number;
  storage: WeightStorage;
}

/**
 * Save `model` with float16 weights (half the bytes), load the files back the
 * way the browser does, and measure them on the test set; when float16 costs
 * more than `maxAccuracyLoss` of accuracy, save float32 weights instead.
 * Logs both accuracies, the largest probability change and the weight bytes.
 *
 * @param model the trained network (float32 in memory)
 * @param dir output folder, e.g. `public/models/digits`
 * @param test.predict probabilities `[count, classes]` (flat) of a model on the test set
 * @param test.accuracy fraction (0–1) of test images whose most probable class is the label
 * @param maxAccuracyLoss accuracy the smaller file may lose, as a fraction (0.0005 = 0.05 points)
 */
export async function saveFaithful(
  model: LayersModel,
  dir: string,
  test: { predict: (m: LayersModel) => Float32Array; accuracy: (probs: Float32Array) => number },
  maxAccuracyLoss: number,
): Promise<FaithfulSave> {
  const { loadLayersModel } = await import('@tensorflow/tfjs-layers');
  const probs32 = test.predict(model);
  const acc32 = test.accuracy(probs32);
  const attempt = async (storage: WeightStorage): Promise<FaithfulSave> => {
    const saved = await saveModel(model, dir, storage);
    const loaded = await loadLayersModel(fileLoadHandler(dir));
    const probs = test.predict(loaded);
    let maxDelta = 0;
    for (let i = 0; i < probs32.length; i++) maxDelta = Math.max(maxDelta, Math.abs(probs32[i]! - probs[i]!));
    return { saved, loaded, accuracy: test.accuracy(probs), maxDelta, storage };
  };
  const half = await attempt('float16');
  console.log(
    `test accuracy float32 ${(acc32 * 100).toFixed(2)} %, float16 ${(half.accuracy * 100).toFixed(2)} % (max |Δp| ${half.maxDelta.toExponential(2)}), weights ${half.saved.weightBytes} bytes`,
  );
  if (acc32 - half.accuracy <= maxAccuracyLoss) return half;
  console.log(`float16 lost more than ${(maxAccuracyLoss * 100).toFixed(2)} points: saving float32 weights instead`);
  half.loaded.dispose();
  return attempt('float32');
}
