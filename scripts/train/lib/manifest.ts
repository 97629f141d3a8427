/**
 * Read-modify-write of `public/models/manifest.json`: a trainer replaces only
 * its own model's entry. A lock file serialises concurrent trainers, and the
 * new file is written to a temporary name and renamed, so a reader never sees
 * half a file.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { emptyManifest, parseManifest, withEntry, type Manifest, type ManifestEntry, type ManifestLayer } from '../../../src/lib/models/manifest';
import { REPO_ROOT } from './mnist';

/** Default manifest location. */
export const MANIFEST_PATH = resolve(REPO_ROOT, 'public/models/manifest.json');

async function acquireLock(lockPath: string, timeoutMs = 30_000): Promise<() => Promise<void>> {
  const start = Date.now();
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (Date.now() - start > timeoutMs) throw new Error(`manifest: lock ${lockPath} held for more than ${timeoutMs} ms (delete it if no trainer is running)`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Put `entry` into the manifest at `path`, leaving every other entry as it was.
 * @param entry the model's entry (its `name` is the key)
 * @param path manifest file (default `public/models/manifest.json`)
 * @returns the manifest as written
 * @throws Error when the existing file is not a valid manifest
 */
export async function updateManifestEntry(entry: ManifestEntry, path = MANIFEST_PATH): Promise<Manifest> {
  await mkdir(dirname(path), { recursive: true });
  const release = await acquireLock(`${path}.lock`);
  try {
    const current = existsSync(path) ? parseManifest(await readFile(path, 'utf8')) : emptyManifest();
    const next = withEntry(current, entry);
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(next, null, 2) + '\n');
    await rename(tmp, path);
    return next;
  } finally {
    await release();
  }
}

/**
 * The layer list of a built model, for the manifest.
 * @param model a built Layers model
 * @param details optional layer name → human description
 */
export function describeLayers(model: LayersModel, details: Record<string, string> = {}): ManifestLayer[] {
  return model.layers.map((layer) => {
    const shape = layer.outputShape as (number | null)[];
    const entry: ManifestLayer = {
      name: layer.name,
      type: layer.getClassName(),
      outputShape: shape.slice(1).map((d) => d ?? -1),
      params: layer.countParams(),
    };
    const detail = details[layer.name];
    if (detail) entry.detail = detail;
    return entry;
  });
}
