/** Loading progress of tfjs and the model, or why it failed (the static figure stays). */
import type { CatdogState } from './store';
import { T } from './T';

function kb(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}

/** Props: the shared state. Renders nothing once the model is ready. */
export function LoadStatus({ state }: { state: CatdogState }) {
  if (state.model === 'ready' || state.model === 'idle') return null;
  if (state.model === 'error') {
    return (
      <p class="cd-status cd-error" role="alert">
        <T zh={`交互图没能启动：${state.modelError?.zh ?? ''}下面显示的是预先算好的静态图。`} en={`The interactive figure could not start: ${state.modelError?.en ?? ''} The precomputed static figure is shown instead.`} />
      </p>
    );
  }
  const p = state.progress;
  const frac = p && p.total > 0 ? Math.min(1, p.loaded / p.total) : null;
  const what = p?.phase === 'model' ? { zh: '下载网络权重', en: 'Downloading the network’s weights' } : { zh: '加载 TensorFlow.js', en: 'Loading TensorFlow.js' };
  return (
    <p class="cd-status" role="status">
      <span class="cd-spinner" aria-hidden="true" />
      <T zh={`${what.zh}${p ? `（${kb(p.loaded)}${p.total ? ` / ${kb(p.total)}` : ''}）` : ''}…先显示预先算好的静态图。`} en={`${what.en}${p ? ` (${kb(p.loaded)}${p.total ? ` of ${kb(p.total)}` : ''})` : ''}… showing the precomputed static figure meanwhile.`} />
      {frac !== null && <progress max={1} value={frac} />}
    </p>
  );
}
