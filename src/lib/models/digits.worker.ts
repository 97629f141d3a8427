/**
 * Dedicated module worker running the digit network (see `digits-engine.ts`
 * for the protocol and the page side). It loads tfjs and the model through the
 * shared `loader.ts` (same manifest, sha256 checks, wasm-then-cpu backend,
 * progress in bytes), warms the model up, says `ready`, then answers
 * `classify` and `layers` requests with `digits-infer.ts`, in order.
 *
 * Load failures are posted as `load-error` with the {@link ModelLoadError} kind;
 * a failing request is posted as `failed` with its id.
 */
/// <reference lib="webworker" />
import { loadModel, ModelLoadError, type LoadedModel } from './loader';
import { classify, layerOutputs, warmUp } from './digits-infer';
import type { DigitsReply, DigitsRequest } from './digits-engine';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let model: Promise<LoadedModel> | null = null;

function post(reply: DigitsReply): void {
  scope.postMessage(reply);
}

async function load(): Promise<void> {
  model ??= loadModel('digits', { onProgress: (progress) => post({ type: 'progress', progress }) });
  try {
    const loaded = await model;
    // Kernel set-up and the probe model for the pad's first layer selection: here, not on the reader's first stroke.
    warmUp(loaded);
    post({ type: 'ready', entry: loaded.entry, backend: loaded.runtime.backend, simd: loaded.runtime.simd });
  } catch (err) {
    model = null;
    console.warn('[digits worker] model "digits" failed to load:', err);
    post({ type: 'load-error', kind: err instanceof ModelLoadError ? err.kind : null, message: (err as Error)?.message ?? String(err) });
  }
}

scope.addEventListener('message', async (e: MessageEvent<DigitsRequest>) => {
  const request = e.data;
  if (request.type === 'load') return void load();
  try {
    if (!model) throw new Error('the digits model is not loaded');
    const loaded = await model;
    if (request.type === 'classify') {
      const probs = classify(loaded, request.images);
      post({ type: 'classify', id: request.id, probs });
    } else {
      const outputs = layerOutputs(loaded, request.image, request.names);
      post({ type: 'layers', id: request.id, outputs });
    }
  } catch (err) {
    post({ type: 'failed', id: request.id, message: (err as Error)?.message ?? String(err) });
  }
});
