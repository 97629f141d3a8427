/**
 * Small shared pieces of the digit figures: bilingual text, the model loading
 * hook, the loading/error panel, and drawing 28×28 images and activation maps
 * onto canvases.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { LoadedModel, LoadProgress } from '../../../lib/models/loader';
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

/** State of a model load, as a discriminated union. */
export type ModelState =
  | { status: 'loading'; progress: LoadProgress | null }
  | { status: 'ready'; loaded: LoadedModel }
  | { status: 'error'; error: unknown; message: { zh: string; en: string } };

/**
 * Load a model through the shared loader when the island mounts (that is,
 * when the figure nears the viewport). tfjs is imported only here, dynamically.
 */
export function useModel(name: string): [ModelState, () => void] {
  const [state, setState] = useState<ModelState>({ status: 'loading', progress: null });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ status: 'loading', progress: null });
    Promise.all([import('../../../lib/models/loader'), import('../../../lib/models/digits-infer')])
      .then(([{ loadModel, describeLoadError }, { warmUp }]) =>
        loadModel(name, { onProgress: (progress) => live && setState({ status: 'loading', progress }) }).then(
          // Warm up (first forward pass) in idle time before saying "ready", so the reader's first stroke is not the slow one (issue 12).
          (loaded) => whenIdle().then(() => live && (warmUp(loaded), setState({ status: 'ready', loaded }))),
          (error: unknown) => {
            console.warn(`[digits] model "${name}" failed to load:`, error);
            if (live) setState({ status: 'error', error, message: describeLoadError(error) });
          },
        ),
      )
      .catch((error: unknown) => live && setState({ status: 'error', error, message: { zh: '模型代码没能下载。', en: 'The model code could not be downloaded.' } }));
    return () => {
      live = false;
    };
  }, [name, attempt]);
  return [state, () => setAttempt((a) => a + 1)];
}

/**
 * Resolves in the browser's next idle period (`requestIdleCallback`, at most
 * `timeoutMs` later), or after a 0 ms timeout where there is none.
 * @param timeoutMs upper bound on the wait, ms
 */
function whenIdle(timeoutMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, 0);
  });
}

function kb(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}

/** Progress while loading, the backend once ready, or the error in words with a retry button. */
export function ModelStatus({ state, onRetry }: { state: ModelState; onRetry: () => void }) {
  if (state.status === 'ready') {
    const { runtime, entry } = state.loaded;
    const backend = runtime.backend === 'wasm' ? `WebAssembly${runtime.simd ? ' (SIMD)' : ''}` : 'CPU (JavaScript)';
    return (
      <p class={styles.status} data-state="ready" data-backend={runtime.backend}>
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
