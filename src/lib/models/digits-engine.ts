/**
 * The digit network as a service for the page: load it and answer
 * "classify these images" / "these layers' outputs for this image" without
 * blocking the main thread (issue 12: the first stroke on the digit pad made
 * 100–1000 ms tasks on a throttled phone, mostly tfjs' first forward passes).
 *
 * - Normally tfjs, the model and every forward pass live in a dedicated module
 *   worker (`digits.worker.ts`); the page only posts 28×28 images and gets
 *   Float32Arrays back. The page never imports tfjs for these figures.
 * - Where a worker is not available (no `Worker`, or the worker fails to start or
 *   crashes before answering), the same functions run on the main thread through
 *   `loader.ts`, with the warm-up pass deferred to idle time.
 * - Load failures (missing or corrupt weights, no backend, …) arrive as a
 *   {@link ModelLoadError} with the same `kind` either way, so the figures word
 *   them with `describeLoadError` as before.
 *
 * One engine per page, shared by every digit figure. No DOM.
 */
import type { LoadProgress } from './loader';
import type { ManifestEntry } from './manifest';
import type { LayerOutput } from './digits-infer';

/** Where the forward passes run. */
export type DigitsThread = 'worker' | 'main';

/** The loaded digit network, ready to answer. */
export interface DigitsEngine {
  /** Its manifest entry (architecture, metric, licence, …). */
  entry: ManifestEntry;
  /** tfjs backend in use. */
  backend: 'wasm' | 'cpu';
  /** Whether the wasm backend runs its SIMD build (false on cpu). */
  simd: boolean;
  /** `worker`: a dedicated worker computes; `main`: the fallback on the page's own thread. */
  thread: DigitsThread;
  /**
   * Class probabilities for a batch of 28×28 images.
   * @param images each a `Float32Array(784)` of ink in [0, 1]
   * @returns one `Float32Array(10)` per image (sums to 1)
   */
  classify(images: readonly Float32Array[]): Promise<Float32Array[]>;
  /**
   * Outputs of some layers for one image (see `layerOutputs` in `digits-infer.ts`).
   * @param image `Float32Array(784)` of ink in [0, 1]
   * @param names layer names, e.g. `['conv1', 'softmax']`
   */
  layerOutputs(image: Float32Array, names: readonly string[]): Promise<LayerOutput[]>;
}

/** Messages the page posts to the worker. */
export type DigitsRequest =
  | { type: 'load' }
  | { type: 'classify'; id: number; images: Float32Array[] }
  | { type: 'layers'; id: number; image: Float32Array; names: string[] };

/** Messages the worker posts back. */
export type DigitsReply =
  | { type: 'progress'; progress: LoadProgress }
  | { type: 'ready'; entry: ManifestEntry; backend: 'wasm' | 'cpu'; simd: boolean }
  | { type: 'load-error'; kind: string | null; message: string }
  | { type: 'classify'; id: number; probs: Float32Array[] }
  | { type: 'layers'; id: number; outputs: LayerOutput[] }
  | { type: 'failed'; id: number; message: string };

/** Options of {@link loadDigitsEngine}. */
export interface DigitsEngineOptions {
  /** Byte progress: `runtime` (the wasm binary), then `model`. */
  onProgress?: (progress: LoadProgress) => void;
  /** Makes the worker module (tests and the fallback check it); default: the bundled `digits.worker.ts`. */
  createWorker?: () => Worker;
}

let enginePromise: Promise<DigitsEngine> | null = null;

/**
 * Load the digit network once per page (later calls share the promise; after a
 * failure the next call tries again). Prefers a worker, falls back to the main thread.
 * @throws ModelLoadError as `loadModel` does (`not-found`, `integrity`, `backend`, `network`, `parse`)
 */
export function loadDigitsEngine(options: DigitsEngineOptions = {}): Promise<DigitsEngine> {
  if (enginePromise) return enginePromise;
  enginePromise = startInWorker(options).catch((err: unknown) => {
    if (err instanceof WorkerUnavailable) {
      console.info(`[digits] no worker (${err.message}): running the network on the main thread`);
      return startOnMainThread(options);
    }
    throw err;
  });
  enginePromise.catch(() => {
    enginePromise = null;
  });
  return enginePromise;
}

/** The worker could not be created or died before answering: use the main thread instead. */
class WorkerUnavailable extends Error {}

function defaultWorker(): Worker {
  return new Worker(new URL('./digits.worker.ts', import.meta.url), { type: 'module', name: 'digits' });
}

async function startInWorker(options: DigitsEngineOptions): Promise<DigitsEngine> {
  if (typeof Worker !== 'function') throw new WorkerUnavailable('Worker is not defined');
  let worker: Worker;
  try {
    worker = (options.createWorker ?? defaultWorker)();
  } catch (err) {
    throw new WorkerUnavailable(String(err));
  }
  const { ModelLoadError } = await import('./loader');
  const pending = new Map<number, { resolve: (reply: DigitsReply) => void; reject: (err: Error) => void }>();
  let nextId = 1;
  let dead: Error | null = null;

  const ready = new Promise<Extract<DigitsReply, { type: 'ready' }>>((resolve, reject) => {
    const fail = (why: string) => {
      dead = new Error(`the digits worker stopped: ${why}`);
      for (const p of pending.values()) p.reject(dead);
      pending.clear();
      worker.terminate();
      reject(new WorkerUnavailable(why));
    };
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      fail(e.message || 'error event');
    });
    worker.addEventListener('messageerror', () => fail('a message could not be read'));
    worker.addEventListener('message', (e: MessageEvent<DigitsReply>) => {
      const reply = e.data;
      switch (reply.type) {
        case 'progress':
          options.onProgress?.(reply.progress);
          return;
        case 'ready':
          resolve(reply);
          return;
        case 'load-error': {
          worker.terminate();
          const kind = (['not-found', 'integrity', 'backend', 'network', 'parse'] as const).find((k) => k === reply.kind);
          reject(kind ? new ModelLoadError(kind, reply.message, { model: 'digits' }) : new Error(reply.message));
          return;
        }
        default: {
          const p = pending.get(reply.id);
          pending.delete(reply.id);
          p?.resolve(reply);
        }
      }
    });
  });
  worker.postMessage({ type: 'load' } satisfies DigitsRequest);
  const { entry, backend, simd } = await ready;

  const ask = (message: DigitsRequest & { id: number }): Promise<DigitsReply> => {
    if (dead) return Promise.reject(dead);
    return new Promise((resolve, reject) => {
      pending.set(message.id, { resolve, reject });
      worker.postMessage(message);
    });
  };
  const answer = <T extends DigitsReply['type']>(reply: DigitsReply, type: T): Extract<DigitsReply, { type: T }> => {
    if (reply.type === 'failed') throw new Error(reply.message);
    if (reply.type !== type) throw new Error(`the digits worker answered ${reply.type}, expected ${type}`);
    return reply as Extract<DigitsReply, { type: T }>;
  };
  return {
    entry,
    backend,
    simd,
    thread: 'worker',
    classify: async (images) => answer(await ask({ type: 'classify', id: nextId++, images: [...images] }), 'classify').probs,
    layerOutputs: async (image, names) => answer(await ask({ type: 'layers', id: nextId++, image, names: [...names] }), 'layers').outputs,
  };
}

async function startOnMainThread(options: DigitsEngineOptions): Promise<DigitsEngine> {
  const [{ loadModel }, infer] = await Promise.all([import('./loader'), import('./digits-infer')]);
  const loaded = await loadModel('digits', { onProgress: options.onProgress });
  // The first forward passes are the slow ones (kernel set-up): pay for them in idle time, not in the reader's first stroke.
  await whenIdle();
  infer.warmUp(loaded);
  return {
    entry: loaded.entry,
    backend: loaded.runtime.backend,
    simd: loaded.runtime.simd,
    thread: 'main',
    classify: async (images) => infer.classify(loaded, images),
    layerOutputs: async (image, names) => infer.layerOutputs(loaded, image, names),
  };
}

/**
 * Resolves in the next idle period (`requestIdleCallback`, at most `timeoutMs`
 * later), or after a 0 ms timeout where there is none.
 * @param timeoutMs upper bound on the wait, ms
 */
export function whenIdle(timeoutMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, 0);
  });
}
