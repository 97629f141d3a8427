/**
 * Build-time (Node) reading of the committed `fit1d` files, for the static
 * drawings of the section-06 figures: the manifest entry, `run.json`, and
 * every weight file, each checked against its sha256 in the manifest so a
 * stale or corrupted file fails the build instead of drawing wrong curves.
 * Imported only from the `.astro` slots' frontmatter (never by an island).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIT1D_MODEL, FIT1D_SPEC, parseFit1dRun, type Fit1dRun } from '../../../lib/models/fit1d';
import { parseManifest, type ManifestEntry } from '../../../lib/models/manifest';
import { forward } from '../../../lib/fit1d/mlp';
import { linspace, X_MAX, X_MIN } from '../../../lib/fit1d/target';
import { paramsFromShard, weightSpecsOf } from '../../../lib/fit1d/weights';

/** Inputs at which every curve is sampled: 201 points, step 0.01 on [−1, 1]. */
export const CURVE_XS: Float64Array = linspace(X_MIN, X_MAX, 201);

/** One set of committed weights with the function it computes. */
export interface WeightsCurve {
  file: string;
  mse: number;
  params: Float64Array;
  /** Network output at each of {@link CURVE_XS}. */
  ys: Float64Array;
}

/** Everything the static figures draw. */
export interface Fit1dBuildData {
  entry: ManifestEntry;
  run: Fit1dRun;
  draws: (WeightsCurve & { seed: number })[];
  snapshots: (WeightsCurve & { step: number })[];
}

const cache = new Map<string, Fit1dBuildData>();

/**
 * Read and verify the committed files (cached per root for the whole build).
 * @param root repository root (default: the working directory of `astro build`)
 * @throws Error naming the file when one is missing, not listed, or its sha256 differs from the manifest
 */
export function loadFit1dBuildData(root = process.cwd()): Fit1dBuildData {
  const hit = cache.get(root);
  if (hit) return hit;
  const manifestPath = join(root, 'public/models/manifest.json');
  const entry = parseManifest(readFileSync(manifestPath, 'utf8')).models[FIT1D_MODEL];
  if (!entry) throw new Error(`${manifestPath} has no "${FIT1D_MODEL}" entry: run \`npm run train -- ${FIT1D_MODEL}\``);
  const folder = join(root, 'public', entry.path.slice(0, entry.path.lastIndexOf('/')));
  const read = (file: string): Buffer => {
    const expected = entry.files[file];
    if (!expected) throw new Error(`${file} is not listed in the manifest entry "${FIT1D_MODEL}"`);
    const bytes = readFileSync(join(folder, file));
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== expected) throw new Error(`${join(folder, file)} has sha256 ${actual}, the manifest says ${expected}: run \`npm run train -- ${FIT1D_MODEL}\``);
    return bytes;
  };
  const specs = weightSpecsOf(JSON.parse(read('model.json').toString('utf8')));
  const run = parseFit1dRun(read('run.json').toString('utf8'));
  const curve = (file: string, mse: number): WeightsCurve => {
    const params = paramsFromShard(new Uint8Array(read(file)), specs, FIT1D_SPEC);
    return { file, mse, params, ys: forward(FIT1D_SPEC, params, CURVE_XS) };
  };
  const data: Fit1dBuildData = {
    entry,
    run,
    draws: run.draws.map((d) => ({ ...curve(d.file, d.mse), seed: d.seed })),
    snapshots: run.snapshots.map((s) => ({ ...curve(s.file, s.mse), step: s.step })),
  };
  cache.set(root, data);
  return data;
}

/**
 * Round values for embedding in HTML (island props, data attributes).
 * @param digits significant digits
 */
export function rounded(values: ArrayLike<number>, digits = 5): number[] {
  return Array.from(values, (v) => Number(v.toPrecision(digits)));
}
