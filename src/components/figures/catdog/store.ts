/**
 * The state the four cat/dog figures share: the model's loading state and the
 * current photo with the network's answer for it. Picking a photo in figure 1
 * updates figures 2–4. One module instance per page (islands import it, and
 * the bundler keeps one copy).
 *
 * Flow: an island calls {@link startCatdog} when it becomes visible → the
 * loader fetches tfjs and the model (progress in `state.progress`) → the
 * sample photos are decoded and classified → the current photo is run.
 * {@link selectSample} and {@link selectFile} change the current photo.
 */
import { describeLoadError, loadModel, type LoadProgress } from '../../../lib/models/loader';
import { CATDOG_MODEL } from '../../../lib/models/catdog';
import { createCatdogProbe, type CatdogProbe, type CatdogResult } from '../../../lib/catdog/inference';
import { resizeToInput, squareRect, CENTRE_CROP, type Rect } from '../../../lib/catdog/preprocess';
import { CATDOG_SAMPLES, sampleById, TYPICAL_CAT_ID } from '../../../lib/catdog/samples';
import { decodePhoto, PhotoError, type DecodedPhoto } from './decode';

/** Bilingual text. */
export interface Words {
  zh: string;
  en: string;
}

/** The photo the figures show now. */
export interface CurrentPhoto {
  /** Increases with every change of photo (figures mark what they drew with it). */
  key: number;
  /** Sample id, or `upload` for the reader's own photo. */
  id: string;
  /** Displayable URL (the sample's file, or a `blob:` URL of the reader's downscaled photo). */
  url: string;
  /** Pixel size of the decoded photo (0 until decoded). */
  width: number;
  height: number;
  /** The square handed to the network, in decoded pixels. */
  rect: Rect | null;
  /** The network's input `[32, 32, 3]` in [0, 1], once the photo is decoded. */
  input: Float32Array | null;
  /** File name of an uploaded photo. */
  name?: string;
}

/** Everything the figures read. */
export interface CatdogState {
  model: 'idle' | 'loading' | 'ready' | 'error';
  progress: LoadProgress | null;
  modelError: Words | null;
  current: CurrentPhoto;
  /** The network's answer for {@link current} (null until the model is ready). */
  result: CatdogResult | null;
  /** Live probabilities of each sample photo. */
  sampleProbs: Record<string, [number, number]>;
  /** Problem with the reader's last file. */
  photoError: Words | null;
  /** Warning about the reader's last file (e.g. it looked truncated). */
  photoWarning: Words | null;
  /** A photo is being decoded. */
  busy: boolean;
  /** The probe (kernels and the forward pass), once ready. */
  probe: CatdogProbe | null;
}

const samplesBase = () => {
  const base = (import.meta as unknown as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';
  return `${base.endsWith('/') ? base : `${base}/`}samples/`;
};

/** URL of a committed sample photo. */
export function sampleUrl(id: string): string {
  return `${samplesBase()}${sampleById(id).file}`;
}

function sampleState(id: string, key: number): CurrentPhoto {
  return { key, id, url: sampleUrl(id), width: 0, height: 0, rect: null, input: null };
}

/**
 * The state before anything has loaded: what the server renders. Islands render
 * this first when they hydrate (so the DOM matches the server's HTML, which
 * Preact's hydration assumes), then switch to the live state.
 */
export const INITIAL_CATDOG_STATE: CatdogState = {
  model: 'idle',
  progress: null,
  modelError: null,
  current: sampleState(TYPICAL_CAT_ID, 0),
  result: null,
  sampleProbs: {},
  photoError: null,
  photoWarning: null,
  busy: false,
  probe: null,
};

let state: CatdogState = INITIAL_CATDOG_STATE;

const listeners = new Set<(s: CatdogState) => void>();
const samplePixels = new Map<string, Promise<DecodedPhoto>>();
const sampleInputs = new Map<string, { rect: Rect; input: Float32Array; width: number; height: number }>();
let uploadUrl: string | null = null;

/** The current state (immutable snapshot; replaced on every change). */
export function getCatdogState(): CatdogState {
  return state;
}

/**
 * Listen to changes.
 * @returns a function that stops listening
 */
export function subscribeCatdog(listener: (s: CatdogState) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function set(patch: Partial<CatdogState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l(state);
}

async function sampleInput(id: string) {
  const cached = sampleInputs.get(id);
  if (cached) return cached;
  let p = samplePixels.get(id);
  if (!p) {
    p = fetch(sampleUrl(id)).then((r) => {
      if (!r.ok) throw new Error(`sample ${id}: HTTP ${r.status}`);
      return r.blob();
    }).then((b) => decodePhoto(b, false));
    samplePixels.set(id, p);
    p.catch(() => samplePixels.delete(id));
  }
  const photo = await p;
  const rect = squareRect(photo.width, photo.height, sampleById(id).crop);
  const entry = { rect, input: resizeToInput(photo.rgba, photo.width, photo.height, rect), width: photo.width, height: photo.height };
  sampleInputs.set(id, entry);
  return entry;
}

/** Run the network on the current photo if both are ready, and publish. */
function runCurrent(): void {
  const { probe, current } = state;
  if (!probe || !current.input) return;
  set({ result: probe.run(current.input) });
}

/**
 * Load the model (once) and classify the sample photos. Safe to call from
 * every island; later calls return the same promise.
 */
let started: Promise<void> | null = null;
export function startCatdog(): Promise<void> {
  if (started) return started;
  started = (async () => {
    set({ model: 'loading', modelError: null });
    // Decode the current sample meanwhile, so the 32×32 view shows even if the model fails.
    void ensureCurrentInput();
    try {
      const loaded = await loadModel(CATDOG_MODEL, { onProgress: (progress) => set({ progress }) });
      const probe = createCatdogProbe(loaded.runtime.tf, loaded.runtime.tfl, loaded.model);
      const sampleProbs: Record<string, [number, number]> = {};
      for (const s of CATDOG_SAMPLES) {
        const { input } = await sampleInput(s.id);
        sampleProbs[s.id] = probe.run(input).probs;
      }
      set({ probe, sampleProbs, model: 'ready' });
      exposeForBenchmarks(probe, loaded.runtime.backend);
      await ensureCurrentInput();
      runCurrent();
    } catch (err) {
      set({ model: 'error', modelError: err instanceof PhotoError ? err.words : describeLoadError(err) });
      started = null;
    }
  })();
  return started;
}

/**
 * Read-only hooks for `scripts/bench/models/catdog.ts`: `window.__catdog.forwardMs(n)` times n
 * forward passes on the current input; `backend()` names the tfjs backend.
 */
function exposeForBenchmarks(probe: CatdogProbe, backend: string): void {
  (globalThis as { __catdog?: unknown }).__catdog = {
    backend: () => backend,
    forwardMs: (n: number) => {
      const input = state.current.input ?? new Float32Array(32 * 32 * 3);
      const ms: number[] = [];
      for (let i = 0; i < n; i++) ms.push(probe.run(input).ms);
      return ms;
    },
  };
}

async function ensureCurrentInput(): Promise<void> {
  const cur = state.current;
  if (cur.input || cur.id === 'upload') return;
  try {
    const s = await sampleInput(cur.id);
    if (state.current.key !== cur.key) return;
    set({ current: { ...cur, rect: s.rect, input: s.input, width: s.width, height: s.height } });
  } catch {
    // The sample could not be fetched: the static fallback stays.
  }
}

/**
 * Make a committed sample the current photo and run the network on it.
 * @param id sample id from `src/lib/catdog/samples.ts`
 * @throws Error when the id is unknown
 */
export async function selectSample(id: string): Promise<void> {
  sampleById(id);
  const key = state.current.key + 1;
  const cached = sampleInputs.get(id);
  const current = sampleState(id, key);
  if (cached) Object.assign(current, { rect: cached.rect, input: cached.input, width: cached.width, height: cached.height });
  const result = cached && state.probe ? state.probe.run(cached.input) : null;
  set({ current, result, photoError: null, photoWarning: null });
  if (!cached) {
    await ensureCurrentInput();
    runCurrent();
  }
}

/**
 * Make the reader's photo the current one. The file is checked and decoded in
 * the browser (never sent anywhere); on a problem, `photoError` says what and
 * the current photo does not change.
 * @param file a dropped, pasted, picked or camera file
 */
export async function selectFile(file: Blob & { name?: string }): Promise<void> {
  set({ busy: true, photoError: null, photoWarning: null });
  let photo: DecodedPhoto;
  try {
    photo = await decodePhoto(file, true);
  } catch (err) {
    set({ busy: false, photoError: err instanceof PhotoError ? err.words : new PhotoError('decode-failed').words });
    return;
  }
  if (uploadUrl) URL.revokeObjectURL(uploadUrl);
  uploadUrl = photo.url;
  const rect = squareRect(photo.width, photo.height, CENTRE_CROP);
  const input = resizeToInput(photo.rgba, photo.width, photo.height, rect);
  const current: CurrentPhoto = { key: state.current.key + 1, id: 'upload', url: photo.url, width: photo.width, height: photo.height, rect, input, ...(file.name ? { name: file.name } : {}) };
  set({
    current,
    busy: false,
    result: state.probe ? state.probe.run(input) : null,
    photoWarning: photo.truncated
      ? { zh: '这个文件似乎不完整，图片可能只解码了一部分。', en: 'This file seems to be cut short; only part of the image may have been decoded.' }
      : null,
  });
}

/**
 * Show a problem with something the reader gave (e.g. a dropped link, a paste
 * without an image) in the photo figure; the current photo does not change.
 * @param words the message, saying what to do instead
 */
export function reportPhotoProblem(words: Words): void {
  set({ busy: false, photoError: words, photoWarning: null });
}
