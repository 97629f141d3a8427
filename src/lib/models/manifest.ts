/**
 * The shape of `public/models/manifest.json`: one entry per trained network,
 * written by the training scripts (`scripts/train/lib/manifest.ts`) from what
 * the run measured, read by the browser loader and by the Models page.
 * Pure types and helpers: no DOM, no tfjs.
 */

/** One layer of a network as listed in the manifest. */
export interface ManifestLayer {
  /** Layer name in the tfjs model, e.g. `conv1`. */
  name: string;
  /** tfjs layer class, e.g. `Conv2D`, `Activation`, `MaxPooling2D`. */
  type: string;
  /** Output shape without the batch axis, e.g. `[24, 24, 16]`. */
  outputShape: number[];
  /** Trainable + non-trainable parameters of this layer. */
  params: number;
  /** Short human description, e.g. `5×5 conv, 16 filters` or `relu`. */
  detail?: string;
}

/** The number a model is judged by, e.g. test accuracy. */
export interface ManifestMetric {
  /** e.g. `accuracy`. */
  name: string;
  /** Value in [0, 1] for accuracies. */
  value: number;
  /** Which data it was measured on, e.g. `MNIST test (10 000 images)`. */
  split: string;
}

/** Manifest entry of one network. */
export interface ManifestEntry {
  /** Model id, also its folder name: `public/models/<name>/`. */
  name: string;
  /** Path of `model.json` relative to the site root, e.g. `models/digits/model.json`. */
  path: string;
  /** Every file of the model (model.json and weight shards), file name → sha256 (lower-case hex). */
  files: Record<string, string>;
  /** Size in bytes of each file in `files`. */
  sizes: Record<string, number>;
  /** Total number of parameters. */
  params: number;
  /** Number of neurons by {@link neuronCountRule}. */
  neurons: number;
  /** How {@link neurons} was counted, in words. */
  neuronCountRule: string;
  /** What the network was trained on, in words. */
  dataset: string;
  /** Licence of the training data (and attribution). */
  licence: string;
  /** Layer list, in order. */
  architecture: ManifestLayer[];
  /** Metric of the weights as saved (after quantisation). */
  metric: ManifestMetric;
  /** Further measured metrics, e.g. the float32 accuracy before quantisation. */
  extraMetrics?: ManifestMetric[];
  /** Random seed of the training run. */
  seed: number;
  /** Training epochs. */
  epochs: number;
  /** Wall-clock training time in seconds (excluding data loading and evaluation). */
  trainSeconds: number;
  /** Weight storage: `float32`, `float16` or `uint8`. */
  quantization: 'float32' | 'float16' | 'uint8';
  /** Backend the model was trained on, e.g. `wasm (node)`. */
  trainedOn?: string;
  /** ISO date of the training run. */
  trainedAt?: string;
  /** Free-form notes, e.g. augmentation used. */
  notes?: string;
}

/** The whole manifest file. */
export interface Manifest {
  /** Format version of this file. */
  version: 1;
  /** Entries keyed by model name. */
  models: Record<string, ManifestEntry>;
}

/** An empty manifest. */
export function emptyManifest(): Manifest {
  return { version: 1, models: {} };
}

/**
 * Parse and minimally validate manifest JSON text.
 * @param text contents of manifest.json
 * @returns the manifest
 * @throws Error when the text is not JSON or lacks `models`
 */
export function parseManifest(text: string): Manifest {
  const data = JSON.parse(text) as Partial<Manifest>;
  if (!data || typeof data !== 'object' || typeof data.models !== 'object' || data.models === null) {
    throw new Error('manifest.json has no "models" object');
  }
  return { version: 1, models: data.models as Record<string, ManifestEntry> };
}

/**
 * Return a copy of `manifest` with `entry` put in place of the entry of the
 * same name (other entries untouched; keys sorted so the file diffs well).
 */
export function withEntry(manifest: Manifest, entry: ManifestEntry): Manifest {
  const models: Record<string, ManifestEntry> = { ...manifest.models, [entry.name]: entry };
  const sorted: Record<string, ManifestEntry> = {};
  for (const key of Object.keys(models).sort()) sorted[key] = models[key]!;
  return { version: 1, models: sorted };
}
