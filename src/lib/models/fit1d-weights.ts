/**
 * Browser side: fetch one set of the 1-D network's committed weights
 * (`public/models/fit1d/<file>`) as flat parameters for the plain-TypeScript
 * MLP, verified against the manifest like every model the shared loader
 * loads. It reuses the loader's manifest (`fetchManifest`, cached per page),
 * its URLs and its error type, and the loader's hashing helpers; it does not
 * load tfjs, which this network does not need in the page.
 */
import { fetchManifest, ModelLoadError, siteBase } from './loader';

/** Re-exported so an island that imports this module dynamically gets the loader's wording of failures too. */
export { describeLoadError } from './loader';
import { compareHash, entryProblems, modelFolder, sha256Hex } from './integrity';
import { FIT1D_MODEL, FIT1D_SPEC } from './fit1d';
import { paramsFromShard, weightSpecsOf } from '../fit1d/weights';

/** Byte progress of {@link loadFit1dWeights}: model.json, then the weight file. */
export interface WeightsProgress {
  loaded: number;
  /** Bytes of both files according to the manifest. */
  total: number;
}

async function getBytes(url: string, onBytes: (n: number) => void): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch (cause) {
    throw new ModelLoadError('network', `request for ${url} failed`, { url, model: FIT1D_MODEL, cause });
  }
  if (res.status === 404) throw new ModelLoadError('not-found', `${url} answered 404`, { url, model: FIT1D_MODEL });
  if (!res.ok) throw new ModelLoadError('network', `${url} answered ${res.status}`, { url, model: FIT1D_MODEL });
  try {
    const bytes = new Uint8Array(await res.arrayBuffer());
    onBytes(bytes.byteLength);
    return bytes;
  } catch (cause) {
    throw new ModelLoadError('network', `download of ${url} broke off`, { url, model: FIT1D_MODEL, cause });
  }
}

async function check(file: string, bytes: Uint8Array, expected: string | undefined, url: string): Promise<void> {
  let actual: string;
  try {
    actual = await sha256Hex(bytes);
  } catch (cause) {
    throw new ModelLoadError('integrity', `cannot verify ${file}: ${(cause as Error).message}`, { model: FIT1D_MODEL, url, cause });
  }
  const mismatch = compareHash(file, expected, actual);
  if (mismatch) {
    throw new ModelLoadError('integrity', `${file} of "${FIT1D_MODEL}" has sha256 ${actual}, the manifest says ${mismatch.expected}`, { model: FIT1D_MODEL, url });
  }
}

/**
 * Fetch `model.json` and the weight file `file` of the `fit1d` model, check
 * both sha256 against `/models/manifest.json`, and decode the weights.
 *
 * @param file a weight file of the model folder, e.g. `random-0.bin`
 * @param onProgress byte progress (called after each file)
 * @returns 593 parameters in the order of `src/lib/fit1d/mlp.ts`
 * @throws ModelLoadError `not-found` (not in the manifest or 404), `integrity` (hash differs),
 *   `network`, or `parse` (model.json or the weights do not fit the network)
 */
export async function loadFit1dWeights(file: string, onProgress?: (p: WeightsProgress) => void): Promise<Float64Array> {
  const manifest = await fetchManifest();
  const entry = manifest.models[FIT1D_MODEL];
  const problems = entryProblems(entry, FIT1D_MODEL);
  if (!entry || problems.length) throw new ModelLoadError(entry ? 'parse' : 'not-found', problems.join('; '), { model: FIT1D_MODEL });
  if (!entry.files[file]) throw new ModelLoadError('not-found', `${file} is not listed for "${FIT1D_MODEL}" in the manifest`, { model: FIT1D_MODEL });
  const total = (entry.sizes['model.json'] ?? 0) + (entry.sizes[file] ?? 0);
  let done = 0;
  const bytesIn = (n: number) => {
    done += n;
    onProgress?.({ loaded: done, total });
  };

  const jsonUrl = `${siteBase()}${entry.path}`;
  const jsonBytes = await getBytes(jsonUrl, bytesIn);
  await check('model.json', jsonBytes, entry.files['model.json'], jsonUrl);
  const url = `${siteBase()}${modelFolder(entry.path)}${file}`;
  const shard = await getBytes(url, bytesIn);
  await check(file, shard, entry.files[file], url);
  try {
    const specs = weightSpecsOf(JSON.parse(new TextDecoder().decode(jsonBytes)));
    return paramsFromShard(shard, specs, FIT1D_SPEC);
  } catch (cause) {
    throw new ModelLoadError('parse', `weights ${file} of "${FIT1D_MODEL}" could not be read: ${(cause as Error).message}`, { model: FIT1D_MODEL, url, cause });
  }
}
