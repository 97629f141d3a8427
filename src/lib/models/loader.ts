/**
 * The one way a page loads tfjs and a trained model.
 *
 * - tfjs (core + layers + the wasm backend; the cpu backend only as a fallback)
 *   is imported dynamically, once per page, the first time an island needs it.
 * - The backend is chosen explicitly: `wasm` (SIMD when the browser has it),
 *   else `cpu`. The `.wasm` binary is served from this site (`/tfjs/`), never
 *   from another origin, and its download is reported in bytes.
 * - Model files are listed in `/models/manifest.json` with their sha256; every
 *   file is hashed (Web Crypto, or @noble/hashes where the page is not a secure
 *   context and Web Crypto is missing) before the model is built.
 * - A loaded model is cached: other islands on the page get the same instance.
 * - Every failure is a {@link ModelLoadError} with a `kind`; {@link describeLoadError}
 *   words it in Chinese and English for the island to show.
 *
 * Nothing here touches the DOM.
 */
import type * as TfCore from '@tensorflow/tfjs-core';
import type * as TfLayers from '@tensorflow/tfjs-layers';
import type { TfCoreApi, TfLayersApi } from './tf-runtime';
import { parseManifest, type Manifest, type ManifestEntry } from './manifest';
import { compareHash, entryProblems, modelFolder, sha256Hex, totalBytes, weightPaths } from './integrity';

/** What went wrong while loading. */
export type ModelLoadErrorKind = 'not-found' | 'integrity' | 'backend' | 'network' | 'parse';

/** A failure to load tfjs or a model, with a machine-readable {@link kind}. */
export class ModelLoadError extends Error {
  /** `not-found`: a file answered 404 or the model is not in the manifest; `integrity`: a sha256 differs;
   * `backend`: neither wasm nor cpu could start; `network`: a request failed or answered another error status;
   * `parse`: a file is not valid JSON or not a valid model. */
  readonly kind: ModelLoadErrorKind;
  /** Model name, when the failure concerns one model. */
  readonly model: string | undefined;
  /** URL involved, when there is one. */
  readonly url: string | undefined;

  constructor(kind: ModelLoadErrorKind, message: string, options: { model?: string; url?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ModelLoadError';
    this.kind = kind;
    this.model = options.model;
    this.url = options.url;
  }
}

/** The tfjs functions pages may use (see `tf-runtime.ts`) and the backend in use. */
export interface TfRuntime {
  /** Selected `@tensorflow/tfjs-core` functions: tidy, tensor4d, zeros, io, … (add more in tf-runtime.ts). */
  tf: TfCoreApi;
  /** Selected `@tensorflow/tfjs-layers` functions: loadLayersModel, model, sequential. */
  tfl: TfLayersApi;
  /** Backend actually in use. */
  backend: 'wasm' | 'cpu';
  /** Whether the wasm backend runs its SIMD build (false on cpu). */
  simd: boolean;
}

/** Progress of a load, in bytes. */
export interface LoadProgress {
  /** `runtime`: the tfjs wasm binary; `model`: the model's files. */
  phase: 'runtime' | 'model';
  /** Bytes received so far in this phase. */
  loaded: number;
  /** Bytes expected in this phase (0 when unknown). */
  total: number;
}

/** Options of {@link loadTf} and {@link loadModel}. */
export interface LoadOptions {
  /** Called as bytes arrive. */
  onProgress?: (progress: LoadProgress) => void;
}

/** A model ready for inference. */
export interface LoadedModel {
  name: string;
  /** The Layers model: input `[batch, …inputShape]`, see the model's definition in `src/lib/models/<name>.ts`. */
  model: TfLayers.LayersModel;
  /** Its manifest entry (architecture, metric, licence, …). */
  entry: ManifestEntry;
  /** The tfjs runtime it runs on. */
  runtime: TfRuntime;
}

/** Site base URL with a trailing slash (Astro's `base`), e.g. `/` or `/docs/`. */
export function siteBase(): string {
  const base = (import.meta as unknown as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';
  return base.endsWith('/') ? base : `${base}/`;
}

/** URL of the folder holding the tfjs `.wasm` binaries (copied from @tensorflow/tfjs-backend-wasm). */
export function wasmFolderUrl(): string {
  return `${siteBase()}tfjs/`;
}

/** URL of the models manifest. */
export function manifestUrl(): string {
  return `${siteBase()}models/manifest.json`;
}

/**
 * GET `url` and return its bytes, reporting progress.
 * @throws ModelLoadError `not-found` on 404, `network` on other failures
 */
async function fetchBytes(url: string, onBytes?: (loaded: number) => void, model?: string): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch (cause) {
    throw new ModelLoadError('network', `request for ${url} failed`, { url, model, cause });
  }
  if (res.status === 404) throw new ModelLoadError('not-found', `${url} answered 404`, { url, model });
  if (!res.ok) throw new ModelLoadError('network', `${url} answered ${res.status}`, { url, model });
  try {
    if (!res.body) {
      const bytes = new Uint8Array(await res.arrayBuffer());
      onBytes?.(bytes.byteLength);
      return bytes;
    }
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      onBytes?.(loaded);
    }
    const out = new Uint8Array(loaded);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return out;
  } catch (cause) {
    throw new ModelLoadError('network', `download of ${url} broke off`, { url, model, cause });
  }
}

let runtimePromise: Promise<TfRuntime> | null = null;

/** Size of the wasm binaries, for progress before the response says (Content-Length may be absent). */
const WASM_BYTES: Record<string, number> = { 'tfjs-backend-wasm-simd.wasm': 424_594, 'tfjs-backend-wasm.wasm': 311_123 };

async function startWasm(tf: TfCoreApi, onProgress?: LoadOptions['onProgress']): Promise<boolean> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // This site is not cross-origin isolated, and the threaded binary is not shipped.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
  const file = simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm';
  const total = WASM_BYTES[file] ?? 0;
  const bytes = await fetchBytes(`${wasmFolderUrl()}${file}`, (loaded) => onProgress?.({ phase: 'runtime', loaded, total }));
  // Hand the downloaded bytes to the backend through a blob: URL (same origin, no second request).
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/wasm' }));
  const folder = wasmFolderUrl();
  wasm.setWasmPaths({
    'tfjs-backend-wasm.wasm': `${folder}tfjs-backend-wasm.wasm`,
    'tfjs-backend-wasm-simd.wasm': `${folder}tfjs-backend-wasm-simd.wasm`,
    'tfjs-backend-wasm-threaded-simd.wasm': `${folder}tfjs-backend-wasm-threaded-simd.wasm`,
    [file]: url,
  });
  try {
    return await tf.setBackend('wasm');
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Load tfjs once per page and start a backend: wasm (SIMD if available), else cpu.
 * Later calls return the same promise.
 *
 * @param options.onProgress called with `phase: 'runtime'` while the wasm binary downloads
 * @param prefer `'cpu'` skips wasm (for tests and comparisons)
 * @throws ModelLoadError `backend` when no backend starts, `network`/`not-found` when tfjs' code cannot be fetched
 */
export function loadTf(options: LoadOptions = {}, prefer: 'wasm' | 'cpu' = 'wasm'): Promise<TfRuntime> {
  if (runtimePromise) return runtimePromise;
  runtimePromise = (async (): Promise<TfRuntime> => {
    let tf: TfCoreApi;
    let tfl: TfLayersApi;
    try {
      ({ tf, tfl } = await import('./tf-runtime'));
    } catch (cause) {
      throw new ModelLoadError('network', 'the TensorFlow.js code could not be downloaded', { cause });
    }
    let wasmError: unknown = null;
    if (prefer === 'wasm' && typeof WebAssembly === 'object') {
      try {
        if (await startWasm(tf, options.onProgress)) {
          return { tf, tfl, backend: 'wasm', simd: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean };
        }
      } catch (err) {
        wasmError = err;
      }
    }
    try {
      await import('@tensorflow/tfjs-backend-cpu');
      if (await tf.setBackend('cpu')) return { tf, tfl, backend: 'cpu', simd: false };
    } catch (cause) {
      throw new ModelLoadError('backend', 'neither the wasm nor the cpu backend could start', { cause: wasmError ?? cause });
    }
    throw new ModelLoadError('backend', 'neither the wasm nor the cpu backend could start', { cause: wasmError });
  })();
  runtimePromise.catch(() => {
    runtimePromise = null;
  });
  return runtimePromise;
}

let manifestPromise: Promise<Manifest> | null = null;

/**
 * Fetch and parse `/models/manifest.json` (once per page).
 * @throws ModelLoadError `not-found`, `network` or `parse`
 */
export function fetchManifest(): Promise<Manifest> {
  if (manifestPromise) return manifestPromise;
  manifestPromise = (async () => {
    const bytes = await fetchBytes(manifestUrl());
    try {
      return parseManifest(new TextDecoder().decode(bytes));
    } catch (cause) {
      throw new ModelLoadError('parse', 'models/manifest.json is not a valid manifest', { url: manifestUrl(), cause });
    }
  })();
  manifestPromise.catch(() => {
    manifestPromise = null;
  });
  return manifestPromise;
}

const models = new Map<string, Promise<LoadedModel>>();

/**
 * Models loaded on this page, by name, for benchmarks and tests driving the
 * page from outside (`window.__siteModels.get('digits')`). Read-only use.
 */
export interface LoadedModelRegistry {
  get(name: string): LoadedModel | undefined;
  names(): string[];
}
const ready = new Map<string, LoadedModel>();
(globalThis as { __siteModels?: LoadedModelRegistry }).__siteModels = {
  get: (name) => ready.get(name),
  names: () => [...ready.keys()],
};

async function verified(file: string, bytes: Uint8Array, entry: ManifestEntry, url: string): Promise<void> {
  let actual: string;
  try {
    actual = await sha256Hex(bytes);
  } catch (cause) {
    // Not a checksum mismatch: the hashing code itself (the @noble/hashes fallback) could not be fetched.
    throw new ModelLoadError('network', `the SHA-256 code needed to verify ${file} could not be downloaded: ${(cause as Error).message}`, {
      model: entry.name,
      url,
      cause,
    });
  }
  const mismatch = compareHash(file, entry.files[file], actual);
  if (mismatch) {
    throw new ModelLoadError('integrity', `${file} of model "${entry.name}" has sha256 ${actual}, the manifest says ${mismatch.expected}`, {
      model: entry.name,
      url,
    });
  }
}

/**
 * Load a trained model by name (cached per page: every island gets the same
 * instance). Downloads tfjs and the wasm binary first if needed, then the
 * model's files, verifies each file's sha256 against the manifest, and builds
 * the Layers model. A one-example prediction of zeros warms the model up.
 *
 * @param name manifest key, e.g. `digits`
 * @param options.onProgress byte progress: `runtime` (wasm binary), then `model` (model.json + shards)
 * @returns the model, its manifest entry and the runtime
 * @throws ModelLoadError of kind `not-found` (404 / not in manifest), `integrity` (sha256 differs or
 *   cannot be computed), `backend`, `network` or `parse` (bad JSON or model)
 */
export function loadModel(name: string, options: LoadOptions = {}): Promise<LoadedModel> {
  const cached = models.get(name);
  if (cached) return cached;
  const promise = (async (): Promise<LoadedModel> => {
    const [manifest, runtime] = await Promise.all([fetchManifest(), loadTf(options)]);
    const entry = manifest.models[name];
    const problems = entryProblems(entry, name);
    if (!entry || problems.length) {
      throw new ModelLoadError(entry ? 'parse' : 'not-found', problems.join('; '), { model: name, url: manifestUrl() });
    }
    const folder = `${siteBase()}${modelFolder(entry.path)}`;
    const total = totalBytes(entry);
    let done = 0;
    const progress = (loaded: number) => options.onProgress?.({ phase: 'model', loaded: done + loaded, total });

    const jsonUrl = `${siteBase()}${entry.path}`;
    const jsonBytes = await fetchBytes(jsonUrl, progress, name);
    done += jsonBytes.byteLength;
    await verified('model.json', jsonBytes, entry, jsonUrl);
    let modelJson: TfCore.io.ModelJSON;
    let paths: string[];
    try {
      modelJson = JSON.parse(new TextDecoder().decode(jsonBytes)) as TfCore.io.ModelJSON;
      paths = weightPaths(modelJson);
    } catch (cause) {
      throw new ModelLoadError('parse', `model.json of "${name}" is not a valid tfjs model`, { model: name, url: jsonUrl, cause });
    }

    const shards: Uint8Array[] = [];
    for (const p of paths) {
      const url = `${folder}${p}`;
      const bytes = await fetchBytes(url, progress, name);
      done += bytes.byteLength;
      await verified(p, bytes, entry, url);
      shards.push(bytes);
    }

    const { tf, tfl } = runtime;
    try {
      const weightData = tf.io.concatenateArrayBuffers(shards.map((s) => s.buffer.slice(s.byteOffset, s.byteOffset + s.byteLength) as ArrayBuffer));
      const weightSpecs = (modelJson.weightsManifest ?? []).flatMap((g) => g.weights);
      const model = await tfl.loadLayersModel(
        tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs, weightData, format: modelJson.format }),
      );
      const inputShape = (model.inputs[0]!.shape as (number | null)[]).map((d) => d ?? 1);
      tf.tidy(() => {
        (model.predict(tf.zeros(inputShape)) as TfCore.Tensor).dataSync();
      });
      const loaded: LoadedModel = { name, model, entry, runtime };
      ready.set(name, loaded);
      return loaded;
    } catch (cause) {
      throw new ModelLoadError('parse', `model "${name}" could not be built from its files`, { model: name, url: jsonUrl, cause });
    }
  })();
  models.set(name, promise);
  promise.catch(() => models.delete(name));
  return promise;
}

/**
 * Words for a load failure, for the reader (both languages).
 * @param err anything thrown by {@link loadTf} or {@link loadModel}
 */
export function describeLoadError(err: unknown): { zh: string; en: string } {
  const kind = err instanceof ModelLoadError ? err.kind : null;
  switch (kind) {
    case 'not-found':
      return { zh: '找不到模型文件（404）。', en: 'The model files were not found (404).' };
    case 'integrity':
      return {
        zh: '模型文件与清单中的校验和不符，可能已损坏，因此没有使用。',
        en: 'A model file does not match its checksum in the manifest (it may be corrupted), so it was not used.',
      };
    case 'backend':
      return { zh: '这个浏览器无法运行 TensorFlow.js（WebAssembly 与 CPU 后端都不可用）。', en: 'This browser cannot run TensorFlow.js (neither the WebAssembly nor the CPU backend works).' };
    case 'network':
      return { zh: '网络错误：模型没能下载完。', en: 'Network error: the model could not be downloaded.' };
    case 'parse':
      return { zh: '模型文件无法读取（格式不对）。', en: 'The model files could not be read (invalid format).' };
    default:
      return { zh: '模型加载失败。', en: 'The model failed to load.' };
  }
}
