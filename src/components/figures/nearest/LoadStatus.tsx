/**
 * Progress while tfjs and a network load, or the failure in both languages
 * (the static picture computed at build time stays visible meanwhile).
 */
import { Bi } from './Bi';
import { useUiText } from '../kit/ui-lang';
import type { NearestLoadState } from './useNearest';

function kb(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}

/** Renders nothing once ready. */
export function LoadStatus({ state }: { state: NearestLoadState }) {
  const ui = useUiText();
  if (state.status === 'ready') return null;
  if (state.status === 'error') {
    return (
      <p class="nf-status nf-error" role="alert">
        <Bi zh={`网络无法在浏览器里运行：${state.message.zh}下面是构建网站时用同一组权重预先算好的静态图。`} en={`The network could not run in this browser: ${state.message.en} The picture below was computed in advance from the same weights.`} />
      </p>
    );
  }
  const p = state.progress;
  const frac = p && p.total > 0 ? Math.min(1, p.loaded / p.total) : null;
  const what =
    p?.phase === 'runtime'
      ? { zh: '正在加载 TensorFlow.js', en: 'Loading TensorFlow.js' }
      : { zh: '正在加载训练好的网络', en: 'Loading the trained network' };
  const count = state.of > 1 ? ` (${state.done}/${state.of})` : '';
  const bytes = p ? ` ${kb(p.loaded)}${p.total ? ` / ${kb(p.total)}` : ''}` : '';
  return (
    // Without JavaScript nothing loads: not shown then (src/styles/no-js.css).
    <div class="nf-status" role="status" aria-live="polite" data-needs-js>
      <Bi zh={`${what.zh}${count}…${bytes}`} en={`${what.en}${count}…${bytes}`} />
      <span class="nf-progress" role="progressbar" aria-label={ui({ zh: '加载进度', en: 'Loading progress' })} aria-valuemin={0} aria-valuemax={100} aria-valuenow={frac === null ? undefined : Math.round(frac * 100)}>
        <span style={{ width: frac === null ? '30%' : `${(frac * 100).toFixed(0)}%` }} class={frac === null ? 'nf-indeterminate' : ''} />
      </span>
    </div>
  );
}
