/**
 * Build-time access to the committed nearest-point networks, for the static
 * fallbacks of the figure slots. **Node only** (reads `public/models/` with
 * `node:fs`; run from the repository root, as `astro build` is): import it
 * from `.astro` frontmatter, never from an island.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ManifestEntry } from '../models/manifest';
import { parseManifest } from '../models/manifest';
import { classesOf, predictDense, type DenseNet } from './dense';
import { agreement, gridInputs, idealMap } from './geometry';
import { paintClassMap } from './colors';
import { pngDataUrl } from './png';
import { denseNetFromArtifacts } from './weights';

/** Folder of the models, relative to the working directory (the repository root). */
export const MODELS_DIR = 'public/models';

/** A committed network with its manifest entry. */
export interface BuildNet {
  name: string;
  net: DenseNet;
  entry: ManifestEntry;
}

/**
 * Read a network's weights and manifest entry from `public/models/`.
 * @returns null when the files or the entry are missing (the slot then shows a note instead)
 * @throws Error when the files exist but cannot be parsed
 */
export function readBuildNet(name: string, root = MODELS_DIR): BuildNet | null {
  const dir = join(root, name);
  const manifestPath = join(root, 'manifest.json');
  if (!existsSync(join(dir, 'model.json')) || !existsSync(manifestPath)) return null;
  const entry = parseManifest(readFileSync(manifestPath, 'utf8')).models[name];
  if (!entry) return null;
  const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { weightsManifest?: { paths?: string[] }[] };
  const shards = (modelJson.weightsManifest ?? []).flatMap((g) => g.paths ?? []).map((p) => readFileSync(join(dir, p)));
  const bytes = new Uint8Array(shards.reduce((n, s) => n + s.byteLength, 0));
  let at = 0;
  for (const s of shards) {
    bytes.set(s, at);
    at += s.byteLength;
  }
  return { name, net: denseNetFromArtifacts(modelJson, bytes), entry };
}

/** A network's map over the plane, computed at build time. */
export interface BuildMap {
  /** `[n·n]` argmax class per cell. */
  classes: Uint8Array;
  /** `[n·n]` top probability per cell. */
  confidence: Float32Array;
  /** Fraction of cells agreeing with the ideal function. */
  agreement: number;
  /** PNG data URL of the painted map (see `./colors.ts`). */
  png: string;
}

/**
 * Evaluate `net` on the n × n grid with the hand-written forward pass and paint it.
 * @param n grid side (200 for the agreement grid)
 * @param markDisagreement paint cells that differ from the ideal function in the disagreement colour
 */
export function buildMap(net: DenseNet, n: number, markDisagreement = false): BuildMap {
  const probs = predictDense(net, gridInputs(n));
  const { classes, confidence } = classesOf(probs, 3);
  const ideal = idealMap(n);
  const disagree = markDisagreement ? classes.map((c, i) => (c === ideal[i] ? 0 : 1)) : null;
  const rgba = paintClassMap(classes, confidence, new Uint8Array(n * n * 4), { disagree });
  return { classes, confidence, agreement: agreement(classes, ideal), png: pngDataUrl(rgba, n, n) };
}

/** The ideal nearest-point map, painted, as a PNG data URL. */
export function idealPng(n: number): string {
  const classes = idealMap(n);
  return pngDataUrl(paintClassMap(classes, null, new Uint8Array(n * n * 4)), n, n);
}
