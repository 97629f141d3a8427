/** The diverging colour scale with its numeric ends: −limit (blue), 0 (white), +limit (red). */
import { divergingGradientCss } from '../../../lib/catdog/activations';
import { T } from './T';

/** Format a scale value with two significant digits. */
export function fmt(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 0.01 ? v.toPrecision(2) : v.toExponential(1);
}

/**
 * Props: the limit drawn in full colour (null: each image's own largest value); `onlyPositive` when the layer cannot be negative (after a ReLU):
 * then only 0 … +limit is drawn; `note` replaces the default explanation.
 */
export function ColorLegend({ limit, onlyPositive = false, note }: { limit: number | null; onlyPositive?: boolean; note?: { zh: string; en: string } }) {
  const end = limit === null ? <T zh="最大" en="max" /> : fmt(limit);
  return (
    <div class="cd-legend">
      <span class="cd-legend-title"><T zh="颜色标尺" en="Colour scale" /></span>
      <span class={`cd-legend-scale${onlyPositive ? ' half' : ''}`}>
        <span class="cd-legend-bar" style={{ background: divergingGradientCss(onlyPositive ? 0 : -1) }} aria-hidden="true" />
        <span class="cd-legend-ticks">
          {!onlyPositive && <span>−{end}</span>}
          <span>0</span>
          <span>+{end}</span>
        </span>
      </span>
      {note ? (
        <span class="cd-legend-note"><T zh={note.zh} en={note.en} /></span>
      ) : onlyPositive ? (
        <span class="cd-legend-note"><T zh="ReLU 之后没有负值：白色 = 0，越红越大" en="After the ReLU nothing is negative: white = 0, redder = larger" /></span>
      ) : (
        <span class="cd-legend-note"><T zh="蓝 = 负，白 = 0，红 = 正；所有小图用同一标尺" en="blue = negative, white = 0, red = positive; one scale for every image" /></span>
      )}
    </div>
  );
}
