/**
 * Pure helpers of the model loader: hashing (Web Crypto, or @noble/hashes
 * where Web Crypto is missing), comparing files with the manifest, and
 * checking a manifest entry before anything is fetched.
 *
 * Browsers expose `crypto.subtle` only in secure contexts (HTTPS or
 * localhost): a page served over plain HTTP from a LAN name has none, so the
 * hash then comes from @noble/hashes' audited SHA-256 (FIPS 180-4), loaded
 * only in that case.
 */
import type { ManifestEntry } from './manifest';

/** Lower-case hex of bytes. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = '';
  for (let i = 0; i < view.length; i++) out += view[i]!.toString(16).padStart(2, '0');
  return out;
}

/**
 * sha256 of `data` as lower-case hex (64 characters).
 *
 * Uses Web Crypto when the context has it; otherwise (plain HTTP from a
 * non-localhost name, where browsers hide `crypto.subtle`) @noble/hashes'
 * `sha256`, imported on demand (~6 KB). Both give the FIPS 180-4 digest.
 *
 * @param data bytes to hash
 * @param subtle Web Crypto implementation (default: `globalThis.crypto.subtle`; `null` forces the fallback)
 * @throws Error only when the fallback's code cannot be loaded (network), with that cause
 */
export async function sha256Hex(data: ArrayBuffer | Uint8Array, subtle: SubtleCrypto | null | undefined = globalThis.crypto?.subtle): Promise<string> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (subtle) return toHex(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  const { sha256 } = await import('@noble/hashes/sha2.js');
  return toHex(sha256(bytes));
}

/** One file whose hash is not the one the manifest lists. */
export interface HashMismatch {
  file: string;
  expected: string;
  actual: string;
}

/**
 * Compare the hash of a downloaded file with the manifest.
 * @returns null when they agree, else the mismatch
 */
export function compareHash(file: string, expected: string | undefined, actual: string): HashMismatch | null {
  const want = (expected ?? '').toLowerCase();
  return want === actual.toLowerCase() ? null : { file, expected: want || '(not listed)', actual };
}

/**
 * Problems that make an entry unusable before anything is fetched:
 * missing fields, `path` not ending in `model.json`, the model.json file or
 * a weight file not listed with a 64-hex-digit sha256.
 * @returns human-readable problems (empty = fine)
 */
export function entryProblems(entry: Partial<ManifestEntry> | undefined, name: string): string[] {
  if (!entry) return [`model "${name}" is not in the manifest`];
  const problems: string[] = [];
  if (typeof entry.path !== 'string' || !entry.path.endsWith('model.json')) problems.push(`model "${name}": path must end in model.json`);
  const files = entry.files ?? {};
  if (!files['model.json']) problems.push(`model "${name}": model.json has no sha256 in the manifest`);
  for (const [file, hash] of Object.entries(files)) {
    if (!/^[0-9a-f]{64}$/i.test(hash)) problems.push(`model "${name}": sha256 of ${file} is malformed`);
    if (file.includes('/') || file.includes('..')) problems.push(`model "${name}": file name ${file} must be a plain name`);
  }
  return problems;
}

/**
 * The weight shard paths a model.json refers to, in order.
 * @throws Error when the JSON has no `weightsManifest`
 */
export function weightPaths(modelJson: unknown): string[] {
  const manifest = (modelJson as { weightsManifest?: { paths?: unknown }[] } | null)?.weightsManifest;
  if (!Array.isArray(manifest)) throw new Error('model.json has no weightsManifest');
  const paths: string[] = [];
  for (const group of manifest) {
    if (!Array.isArray(group.paths)) throw new Error('model.json: a weights group has no paths');
    for (const p of group.paths) {
      if (typeof p !== 'string') throw new Error('model.json: a weight path is not a string');
      paths.push(p);
    }
  }
  return paths;
}

/** Folder part of a manifest `path`, e.g. `models/digits/` for `models/digits/model.json`. */
export function modelFolder(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

/** Total bytes of an entry's files (0 when sizes are unknown). */
export function totalBytes(entry: Pick<ManifestEntry, 'sizes'>): number {
  return Object.values(entry.sizes ?? {}).reduce((a, b) => a + b, 0);
}
