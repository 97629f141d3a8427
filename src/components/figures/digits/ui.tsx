/**
 * Small shared pieces of the digit figures: bilingual text, the model loading
 * hook, the latest-wins inference hook, the loading/error panel, and drawing 28×28 images and activation maps
 * onto canvases.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LoadProgress } from '../../../lib/models/loader';
import type { DigitsEngine } from '../../../lib/models/digits-engine';
import styles from './digits.module.css';

/** Text in both interface languages; the site's CSS shows the reader's. */
export function T({ zh, en }: { zh: ComponentChildren; en: ComponentChildren }) {
  return (
    <>
      <span lang="zh-CN" class="ui-zh">{zh}</span>
      <span lang="en" class="ui-en">{en}</span>
    </>
  );
}

/** State of the digit network's load, as a discriminated union. */
export type ModelState =
  | { status: 'loading'; progress: LoadProgress | null }
  | { status: 'ready'; engine: DigitsEngine }
  | { status: 'error'; error: unknown; message: { zh: string; en: string } };

/**
 * Load the digit network (`digits-engine.ts`: in a worker, else on the main
 * thread) when the island mounts, that is when the figure nears the viewport.
 * Every digit figure on the page shares one engine; tfjs is never imported here.
 * @returns the state and a retry function (for the error panel's button)
 */
export function useDigitsModel(): [ModelState, () => void] {
  const [state, setState] = useState<ModelState>({ status: 'loading', progress: null });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ status: 'loading', progress: null });
    Promise.all([import('../../../lib/models/digits-engine'), import('../../../lib/models/loader')])
      .then(([{ loadDigitsEngine }, { describeLoadError }]) =>
        loadDigitsEngine({ onProgress: (progress) => live && setState({ status: 'loading', progress }) }).then(
          (engine) => live && setState({ status: 'ready', engine }),
          (error: unknown) => {
            console.warn('[digits] model "digits" failed to load:', error);
            if (live) setState({ status: 'error', error, message: describeLoadError(error) });
          },
        ),
      )
      .catch((error: unknown) => live && setState({ status: 'error', error, message: { zh: '模型代码没能下载。', en: 'The model code could not be downloaded.' } }));
    return () => {
      live = false;
    };
  }, [attempt]);
  return [state, () => setAttempt((a) => a + 1)];
}

/**
 * The latest result of an asynchronous computation (here: a forward pass in the
 * digits worker), at most one in flight: while one runs, newer requests replace
 * each other and only the newest is started when it ends (latest wins), so a
 * fast stroke queues no backlog. A result is shown unless a newer request was
 * cancelled by `compute` becoming null (e.g. the pad was cleared).
 * @param compute the computation for the current inputs, or null for "no result"
 * @param deps inputs `compute` depends on (as for `useEffect`)
 * @returns the newest result, or null
 */
export function useLatest<T>(compute: (() => Promise<T>) | null, deps: readonly unknown[]): T | null {
  const [value, setValue] = useState<T | null>(null);
  const run = useRef({ busy: false, next: null as (() => Promise<T>) | null, generation: 0, live: true });
  useEffect(
    () => () => {
      run.current.live = false;
    },
    [],
  );
  useEffect(() => {
    const r = run.current;
    r.generation++;
    r.next = compute;
    if (!compute) {
      setValue(null);
      return;
    }
    if (r.busy) return;
    const pump = () => {
      const job = r.next;
      r.next = null;
      if (!job) {
        r.busy = false;
        return;
      }
      r.busy = true;
      const generation = r.generation;
      job().then(
        (v) => {
          if (r.live && (generation === r.generation || r.next)) setValue(v);
          pump();
        },
        (err: unknown) => {
          console.warn('[digits] inference failed:', err);
          pump();
        },
      );
    };
    pump();
  }, deps);
  return value;
}

function kb(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}

/** Progress while loading, the backend once ready, or the error in words with a retry button. */
export function ModelStatus({ state, onRetry }: { state: ModelState; onRetry: () => void }) {
  if (state.status === 'ready') {
    const { entry } = state.engine;
    const backend = state.engine.backend === 'wasm' ? `WebAssembly${state.engine.simd ? ' (SIMD)' : ''}` : 'CPU (JavaScript)';
    return (
      <p class={styles.status} data-state="ready" data-backend={state.engine.backend} data-thread={state.engine.thread}>
        <T
          zh={`网络在你的浏览器里运行：${backend}，测试集准确率 ${(entry.metric.value * 100).toFixed(2)}%。`}
          en={`The network runs in your browser: ${backend}, test accuracy ${(entry.metric.value * 100).toFixed(2)}%.`}
        />
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <div class={styles.error} role="alert" data-state="error">
        <p>
          <T zh={state.message.zh} en={state.message.en} />{' '}
          <T zh="交互部分暂不可用，上面的静态内容仍然有效。" en="The interactive part is unavailable; the static content above still applies." />
        </p>
        <button type="button" class={styles.button} onClick={onRetry}>
          <T zh="重试" en="Retry" />
        </button>
      </div>
    );
  }
  const p = state.progress;
  const phase = p?.phase === 'model' ? { zh: '下载网络权重', en: 'Downloading the weights' } : { zh: '下载 TensorFlow.js', en: 'Downloading TensorFlow.js' };
  return (
    <p class={styles.status} data-state="loading" aria-live="polite">
      <T zh={`${phase.zh}…`} en={`${phase.en}…`} />{' '}
      {p && p.total > 0 && (
        <>
          <progress max={p.total} value={Math.min(p.loaded, p.total)} class={styles.progress} />
          <span class={styles.bytes}>
            {kb(p.loaded)} / {kb(p.total)}
          </span>
        </>
      )}
    </p>
  );
}

/** Decode base64 pixels (784 bytes) to floats in [0, 1]. */
export function decodePixels(base64: string): Float32Array {
  const bin = atob(base64);
  const out = new Float32Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i) / 255;
  return out;
}

/** Parse a CSS colour (as returned by getComputedStyle) into RGB. */
export function rgbOf(color: string): [number, number, number] {
  const m = color.match(/\d+(\.\d+)?/g);
  return m && m.length >= 3 ? [Number(m[0]), Number(m[1]), Number(m[2])] : [0, 0, 0];
}

/**
 * Paint grey values onto a canvas at 1 canvas pixel per value (scale with CSS).
 * Positive values use `pos` colour, negative ones `neg`; opacity = |v| / scale.
 * @param values `width × height` values (channel already selected)
 * @param scale value drawn fully opaque (default: the max |v|)
 */
export function paint(
  canvas: HTMLCanvasElement,
  values: ArrayLike<number>,
  width: number,
  height: number,
  pos: [number, number, number],
  neg: [number, number, number] = pos,
  scale?: number,
): void {
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  let max = scale ?? 0;
  if (!scale) for (let i = 0; i < width * height; i++) max = Math.max(max, Math.abs(values[i]!));
  const img = ctx.createImageData(width, height);
  for (let i = 0; i < width * height; i++) {
    const v = values[i]!;
    const c = v >= 0 ? pos : neg;
    img.data[4 * i] = c[0];
    img.data[4 * i + 1] = c[1];
    img.data[4 * i + 2] = c[2];
    img.data[4 * i + 3] = max > 0 ? Math.round(Math.min(1, Math.abs(v) / max) * 255) : 0;
  }
  ctx.putImageData(img, 0, 0);
}

/** A 28×28 digit drawn in the text colour. */
export function DigitCanvas({ pixels, label, class: cls }: { pixels: Float32Array; label: string; class?: string }) {
  const [el, setEl] = useState<HTMLCanvasElement | null>(null);
  useEffect(() => {
    if (el) paint(el, pixels, 28, 28, rgbOf(getComputedStyle(el).color), undefined, 1);
  }, [el, pixels]);
  return <canvas ref={setEl} class={`${styles.digit} ${cls ?? ''}`} width={28} height={28} role="img" aria-label={label} />;
}

/** Ten horizontal probability bars, the largest highlighted. */
export function ProbBars({ probs, testId }: { probs: Float32Array | null; testId?: string }) {
  let best = -1;
  if (probs) for (let i = 0; i < 10; i++) if (best < 0 || probs[i]! > probs[best]!) best = i;
  return (
    <ol class={styles.bars} data-testid={testId} data-digit={best >= 0 ? String(best) : ''}>
      {Array.from({ length: 10 }, (_, d) => {
        const p = probs ? probs[d]! : 0;
        return (
          <li class={d === best ? styles.best : undefined} key={d}>
            <span class={styles.barLabel}>{d}</span>
            <span class={styles.barTrack}>
              <span class={styles.barFill} style={{ width: `${(p * 100).toFixed(1)}%` }} />
            </span>
            <span class={styles.barValue}>{probs ? `${(p * 100).toFixed(p >= 0.995 || p < 0.005 ? 0 : 1)}%` : '–'}</span>
          </li>
        );
      })}
    </ol>
  );
}
