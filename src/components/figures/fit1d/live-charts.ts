/**
 * The two charts of the live-training figure — the network's function over
 * the target, and the loss on a logarithmic axis beside the pretrained run's
 * curve and the goal line — built with Chart.js on a canvas that may be an
 * `OffscreenCanvas` in a worker (`./chart.worker.ts`) or a page canvas
 * (fallback). No DOM access: colours, font and sizes are passed in.
 */
import type { Chart as ChartType, ChartConfiguration } from 'chart.js';
import type { LossHistory } from '../../../lib/fit1d/loss-history';
import type { ThemeColors } from './charts';

/** What the charts draw besides the live data. */
export interface LiveChartsSetup {
  colors: ThemeColors;
  /** CSS font-family for tick labels. */
  fontFamily: string;
  /** Device pixel ratio (a worker cannot read it). */
  devicePixelRatio: number;
  /** Whether the canvases live in a worker (no events, no resize observer). */
  offscreen: boolean;
  sampleXs: number[];
  targetXs: number[];
  targetYs: number[];
  /** Pretrained run's loss curve, `[step, mse]`. */
  pretrained: [number, number][];
  threshold: number;
}

type AnyCanvas = HTMLCanvasElement | OffscreenCanvas;

/** y range of the function chart; ticks at halves. */
const Y_FN: [number, number] = [-0.6, 1.6];
const Y_FN_TICKS = [-0.5, 0, 0.5, 1, 1.5];
/** y range of the loss chart (log) while every loss is above its lower end; the axis extends below to follow the data. */
const Y_LOSS: [number, number] = [1e-4, 10];

/**
 * Lower end of the loss chart's log axis: {@link Y_LOSS}[0], or the power of
 * ten at or below the smallest positive loss when that is lower, so no loss
 * drawn is ever below the axis. Never below 1e-12 (float32 training noise).
 * @param series loss values (MSE, dimensionless); non-positive and non-finite values are ignored
 */
export function lossYMin(...series: ArrayLike<number>[]): number {
  let lowest = Infinity;
  for (const s of series) {
    for (let i = 0; i < s.length; i++) {
      const v = s[i]!;
      if (v > 0 && v < lowest) lowest = v;
    }
  }
  if (!(lowest < Y_LOSS[0])) return Y_LOSS[0];
  return Math.max(1e-12, 10 ** Math.floor(Math.log10(lowest) + 1e-9));
}

/**
 * Right end of the loss chart's step axis: at least 1 000, else 1.15 × the
 * step rounded up to 1, 2, 2.5 or 5 × 10ᵏ.
 */
export function lossXMax(step: number): number {
  const want = Math.max(1000, step * 1.15);
  const mag = 10 ** Math.floor(Math.log10(want));
  return [1, 2, 2.5, 5, 10].map((m) => m * mag).find((v) => v >= want)!;
}

function minus(v: number): string {
  return Number(v.toPrecision(3)).toString().replace('-', '−');
}

function thousands(v: number): string {
  return Math.round(v).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
}

/** Handle on the two charts. */
export interface LiveCharts {
  /** Draw the current function (at `sampleXs`) and the loss history up to `step`. */
  update(curve: ArrayLike<number>, history: LossHistory, step: number): void;
  /** New theme colours. */
  setColors(colors: ThemeColors): void;
  /** New devicePixelRatio: the backing stores are resized to CSS size × ratio and redrawn. */
  setPixelRatio(devicePixelRatio: number): void;
  /** New CSS size of one canvas (offscreen canvases only; page canvases follow their box). */
  resize(which: 'fn' | 'loss', width: number, height: number): void;
  destroy(): void;
}

/**
 * Create both charts.
 * @param Chart the Chart.js class with line controller, elements, linear and log scales registered
 */
export function createLiveCharts(Chart: typeof ChartType, fnCanvas: AnyCanvas, lossCanvas: AnyCanvas, setup: LiveChartsSetup): LiveCharts {
  let colors = setup.colors;
  const font = { family: setup.fontFamily, size: 11 };
  const common = {
    animation: false as const,
    responsive: !setup.offscreen,
    maintainAspectRatio: false,
    devicePixelRatio: setup.devicePixelRatio,
    parsing: false as const,
    normalized: true,
    events: setup.offscreen ? [] : (['mousemove', 'mouseout', 'touchstart', 'touchmove'] as ('mousemove' | 'mouseout' | 'touchstart' | 'touchmove')[]),
    layout: { padding: { top: 4, right: 8 } },
    plugins: { tooltip: { enabled: false } },
  };
  const axis = () => ({ grid: { color: colors.border }, border: { color: colors.border } });

  const fnConfig: ChartConfiguration<'line'> = {
    type: 'line',
    data: {
      datasets: [
        { data: setup.targetXs.map((x, i) => ({ x, y: setup.targetYs[i]! })), borderColor: colors.muted, borderDash: [5, 4], borderWidth: 2, pointRadius: 0 },
        { data: [], borderColor: colors.accent, borderWidth: 2.5, pointRadius: 0 },
      ],
    },
    options: {
      ...common,
      scales: {
        x: { type: 'linear', min: -1, max: 1, ticks: { stepSize: 0.5, color: colors.muted, font, callback: (v) => minus(Number(v)) }, ...axis() },
        y: {
          type: 'linear',
          min: Y_FN[0],
          max: Y_FN[1],
          ticks: { color: colors.muted, font, callback: (v) => minus(Number(v)) },
          afterBuildTicks: (a) => void (a.ticks = Y_FN_TICKS.map((value) => ({ value }))),
          ...axis(),
        },
      },
    },
  };
  const lossConfig: ChartConfiguration<'line'> = {
    type: 'line',
    data: {
      datasets: [
        { data: setup.pretrained.map(([x, y]) => ({ x, y })), borderColor: colors.muted, borderDash: [3, 3], borderWidth: 1.5, pointRadius: 0 },
        { data: [], borderColor: colors.accent, borderWidth: 2, pointRadius: 0 },
        { data: [{ x: 0, y: setup.threshold }, { x: 1e6, y: setup.threshold }], borderColor: colors.warm, borderDash: [2, 3], borderWidth: 1.5, pointRadius: 0 },
      ],
    },
    options: {
      ...common,
      scales: {
        x: { type: 'linear', min: 0, max: lossXMax(0), ticks: { color: colors.muted, font, maxTicksLimit: 6, callback: (v) => thousands(Number(v)) }, ...axis() },
        y: {
          type: 'logarithmic',
          min: Y_LOSS[0],
          max: Y_LOSS[1],
          ticks: {
            color: colors.muted,
            font,
            callback: (v) => {
              const n = Number(v);
              return Math.abs(Math.log10(n) - Math.round(Math.log10(n))) < 1e-6 ? minus(n) : '';
            },
          },
          ...axis(),
        },
      },
    },
  };
  const pretrainedMses = setup.pretrained.map((p) => p[1]);
  lossConfig.options!.scales!['y']!.min = lossYMin(pretrainedMses, [setup.threshold]);
  // Chart.js accepts OffscreenCanvas at run time; its types name only page canvases.
  const fn = new Chart(fnCanvas as HTMLCanvasElement, fnConfig);
  const loss = new Chart(lossCanvas as HTMLCanvasElement, lossConfig);

  const recolor = () => {
    const ds = (c: ChartType<'line'>, i: number) => c.data.datasets[i]!;
    ds(fn, 0).borderColor = colors.muted;
    ds(fn, 1).borderColor = colors.accent;
    ds(loss, 0).borderColor = colors.muted;
    ds(loss, 1).borderColor = colors.accent;
    ds(loss, 2).borderColor = colors.warm;
    for (const c of [fn, loss]) {
      for (const key of ['x', 'y'] as const) {
        const s = c.options.scales![key]!;
        s.grid!.color = colors.border;
        s.border!.color = colors.border;
        s.ticks!.color = colors.muted;
      }
    }
  };

  return {
    update(curve, history, step) {
      fn.data.datasets[1]!.data = setup.sampleXs.map((x, i) => ({ x, y: curve[i]! }));
      loss.data.datasets[1]!.data = history.steps.map((x, i) => ({ x, y: history.mses[i]! }));
      loss.options.scales!['x']!.max = lossXMax(step);
      loss.options.scales!['y']!.min = lossYMin(history.mses, pretrainedMses, [setup.threshold]);
      fn.update('none');
      loss.update('none');
    },
    setColors(next) {
      colors = next;
      recolor();
      fn.update('none');
      loss.update('none');
    },
    setPixelRatio(dpr) {
      for (const c of [fn, loss]) {
        c.options.devicePixelRatio = dpr;
        c.resize(c.width, c.height);
      }
    },
    resize(which, width, height) {
      (which === 'fn' ? fn : loss).resize(Math.max(1, Math.round(width)), Math.max(1, Math.round(height)));
    },
    destroy() {
      fn.destroy();
      loss.destroy();
    },
  };
}
