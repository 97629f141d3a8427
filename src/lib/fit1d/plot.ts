/**
 * Pure helpers that turn function samples into SVG path data, for the
 * static (build-time) drawings of the 1-D figures. No DOM: returns strings.
 */

/** A rectangle of the data plane mapped onto a rectangle of SVG user units (px). */
export interface Frame {
  /** Data range shown. */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Drawing area in px: left, top, width, height (y grows downwards in SVG). */
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Map a data x to px. */
export function px(frame: Frame, x: number): number {
  return frame.left + ((x - frame.x0) / (frame.x1 - frame.x0)) * frame.width;
}

/** Map a data y to px (larger y is higher up). */
export function py(frame: Frame, y: number): number {
  return frame.top + (1 - (y - frame.y0) / (frame.y1 - frame.y0)) * frame.height;
}

function fmt(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

/**
 * SVG path data (`M … L …`) through points, with y clamped to the frame so
 * a curve that leaves the plot runs along its edge instead of off the figure.
 * @param xs data x of each point; @param ys data y, same length
 * @returns path data in px, rounded to 0.1 px; '' for no points
 */
export function linePath(frame: Frame, xs: ArrayLike<number>, ys: ArrayLike<number>): string {
  const lo = Math.min(frame.y0, frame.y1);
  const hi = Math.max(frame.y0, frame.y1);
  let d = '';
  for (let i = 0; i < xs.length; i++) {
    const y = Math.min(hi, Math.max(lo, ys[i]!));
    d += `${i === 0 ? 'M' : 'L'}${fmt(px(frame, xs[i]!))} ${fmt(py(frame, y))}`;
  }
  return d;
}

/**
 * Nice tick values covering [lo, hi]: steps of 1, 2 or 5 × 10ᵏ.
 * @param count about how many ticks are wanted
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step) out.push(Math.abs(v) < 1e-12 ? 0 : Number(v.toPrecision(12)));
  return out;
}

/**
 * Powers of ten covering [lo, hi] (both > 0), for a logarithmic axis.
 * @throws RangeError when lo or hi is not positive
 */
export function logTicks(lo: number, hi: number): number[] {
  if (!(lo > 0 && hi > 0)) throw new RangeError('log axis needs positive bounds');
  const out: number[] = [];
  for (let k = Math.ceil(Math.log10(lo) - 1e-9); k <= Math.floor(Math.log10(hi) + 1e-9); k++) out.push(Number(`1e${k}`));
  return out;
}
