/**
 * Static fallbacks of the four cat/dog figures, computed from the committed
 * weights (`public/models/catdog/`) and the committed sample photos
 * (`public/samples/`), exactly as the browser islands compute them:
 *
 * - `public/models/catdog/fallback/<sample>-input.png`: the 32×32 view the network receives;
 * - `public/models/catdog/fallback/layer1.png`, `layer10.png`: every channel of layer 1
 *   and layer 10 for the typical cat, side by side in one row (a sprite);
 * - `src/components/figures/catdog/fallback.json`: probabilities per sample, the
 *   layers' shapes and colour-scale limits, and the sha256 of the weights used.
 *
 * Run by `npm run train -- catdog` after training, or alone:
 * `npx tsx scripts/train/catdog-fallback.ts`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import sharp from 'sharp';
import { CATDOG_MODEL } from '../../src/lib/models/catdog';
import { parseManifest } from '../../src/lib/models/manifest';
import { channelLimit, channelValues, scaleLimit, spriteRgba, type FeatureMaps } from '../../src/lib/catdog/activations';
import { createCatdogProbe } from '../../src/lib/catdog/inference';
import { fitWithin, inputToRgba, resizeToInput, squareRect } from '../../src/lib/catdog/preprocess';
import { CATDOG_SAMPLES, TYPICAL_CAT_ID } from '../../src/lib/catdog/samples';
import { REPO_ROOT } from './lib/mnist';
import { fileLoadHandler } from './lib/model-io';

/** Folder of the fallback images. */
export const FALLBACK_DIR = resolve(REPO_ROOT, `public/models/${CATDOG_MODEL}/fallback`);
/** The JSON the slots read. */
export const FALLBACK_JSON = resolve(REPO_ROOT, 'src/components/figures/catdog/fallback.json');

/** Shape of `fallback.json`. */
export interface CatdogFallback {
  note: string;
  /** sha256 of the weights file the numbers come from. */
  weightsSha256: string;
  /** Sample id → [p(cat), p(dog)] rounded to 4 decimals. */
  probs: Record<string, [number, number]>;
  /** Sample whose layers the sprites show. */
  layersOf: string;
  /** Per layer: shape, the shared colour-scale limit, each channel's own limit, and the sprite (drawn with each channel's own limit, the figures' default). */
  layer1: { shape: [number, number, number]; limit: number; limits: number[]; sprite: string };
  layer10: { shape: [number, number, number]; limit: number; limits: number[]; sprite: string };
}

/**
 * Decode a committed sample with sharp to RGBA at the size the browser decodes it
 * (longest side ≤ 640, see `fitWithin`).
 * @returns pixels, width and height
 */
export async function decodeSample(file: string): Promise<{ rgba: Uint8Array; width: number; height: number }> {
  const path = resolve(REPO_ROOT, 'public/samples', file);
  const meta = await sharp(path).metadata();
  const size = fitWithin(meta.width!, meta.height!);
  const { data, info } = await sharp(path).resize(size.width, size.height, { fit: 'fill' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { rgba: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

async function writePng(path: string, rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Promise<void> {
  await sharp(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength), { raw: { width, height, channels: 4 } })
    .removeAlpha()
    .png({ compressionLevel: 9, palette: false })
    .toFile(path);
}

/**
 * Compute and write every fallback file.
 * @param model the saved network as loaded from disk (default: load `public/models/catdog/`)
 */
export async function writeCatdogFallbacks(model?: tfl.LayersModel): Promise<CatdogFallback> {
  const dir = resolve(REPO_ROOT, `public/models/${CATDOG_MODEL}`);
  const net = model ?? (await tfl.loadLayersModel(fileLoadHandler(dir)));
  const manifest = parseManifest(await readFile(resolve(REPO_ROOT, 'public/models/manifest.json'), 'utf8'));
  const weightsSha256 = manifest.models[CATDOG_MODEL]?.files['weights.bin'] ?? '';
  const probe = createCatdogProbe(tf, tfl, net);
  await mkdir(FALLBACK_DIR, { recursive: true });
  const probs: CatdogFallback['probs'] = {};
  let layers: { layer1: FeatureMaps; layer10: FeatureMaps } | null = null;
  for (const sample of CATDOG_SAMPLES) {
    const { rgba, width, height } = await decodeSample(sample.file);
    const input = resizeToInput(rgba, width, height, squareRect(width, height, sample.crop));
    const result = probe.run(input);
    probs[sample.id] = [Number(result.probs[0].toFixed(4)), Number(result.probs[1].toFixed(4))];
    await writePng(resolve(FALLBACK_DIR, `${sample.id}-input.png`), inputToRgba(input), 32, 32);
    if (sample.id === TYPICAL_CAT_ID) layers = { layer1: result.layer1, layer10: result.layer10 };
    console.log(`  ${sample.id}: p(cat) ${result.probs[0].toFixed(4)}, p(dog) ${result.probs[1].toFixed(4)}`);
  }
  if (!layers) throw new Error(`catdog fallback: sample ${TYPICAL_CAT_ID} missing`);
  const sprite = async (name: string, maps: FeatureMaps) => {
    const limit = scaleLimit(maps.values);
    const [h, w, c] = maps.shape;
    const limits = Array.from({ length: c }, (_, ch) => channelLimit(channelValues(maps, ch), h, w));
    const s = spriteRgba(maps, c, limits);
    await writePng(resolve(FALLBACK_DIR, `${name}.png`), s.rgba, s.width, s.height);
    return { shape: maps.shape, limit, limits, sprite: `models/${CATDOG_MODEL}/fallback/${name}.png` };
  };
  const fallback: CatdogFallback = {
    note: 'Generated by scripts/train/catdog-fallback.ts from the committed weights and public/samples/. Do not edit.',
    weightsSha256,
    probs,
    layersOf: TYPICAL_CAT_ID,
    layer1: await sprite('layer1', layers.layer1),
    layer10: await sprite('layer10', layers.layer10),
  };
  await writeFile(FALLBACK_JSON, JSON.stringify(fallback, null, 1) + '\n');
  console.log(`  wrote ${FALLBACK_JSON} and ${FALLBACK_DIR}/*.png`);
  if (!model) net.dispose();
  return fallback;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  import('@tensorflow/tfjs-backend-cpu')
    .then(() => tf.setBackend('cpu'))
    .then(() => writeCatdogFallbacks())
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
