/**
 * Chart.js for the section-06 islands: imported on demand (so the chart code
 * downloads only when a figure comes into view), with only the pieces these
 * figures use registered, once. Also reads the site's colour tokens so the
 * charts follow the light/dark theme. Browser only.
 */
import type { Chart as ChartType, ChartOptions } from 'chart.js';
import { isDark, watchTheme as watchSiteTheme } from '../kit/theme';
import { watchDevicePixelRatio } from '../kit/resolution';

let chartPromise: Promise<typeof ChartType> | null = null;

/**
 * The Chart class with line charts, linear and logarithmic scales and tooltips registered.
 * @throws when the chart code cannot be downloaded (the promise rejects; a later call retries)
 */
export function loadChart(): Promise<typeof ChartType> {
  if (chartPromise) return chartPromise;
  chartPromise = import('chart.js').then((m) => {
    m.Chart.register(m.LineController, m.LineElement, m.PointElement, m.LinearScale, m.LogarithmicScale, m.Tooltip);
    return m.Chart;
  });
  chartPromise.catch(() => {
    chartPromise = null;
  });
  return chartPromise;
}

/** Colours of the current theme, as CSS colour strings. */
export interface ThemeColors {
  fg: string;
  muted: string;
  border: string;
  accent: string;
  surface: string;
  bg: string;
  /** Colour of negative weights and of the goal line (orange, readable in both themes). */
  warm: string;
}

/**
 * Read the site's tokens (`--fg`, `--muted`, …) as concrete `rgb(…)` colours
 * (the tokens may be written as `light-dark(…)`, which a canvas — above all
 * one in a worker — cannot resolve): each is applied to a hidden probe element
 * next to `el` and read back as its computed colour.
 * @param el any element inside the page
 */
export function themeColors(el: Element): ThemeColors {
  const host = el.parentElement ?? document.body;
  const probe = document.createElement('span');
  probe.style.display = 'none';
  host.appendChild(probe);
  const read = (name: string, fallback: string): string => {
    probe.style.color = fallback;
    probe.style.color = `var(${name}, ${fallback})`;
    return getComputedStyle(probe).color || fallback;
  };
  const dark = isDark();
  const colors: ThemeColors = {
    fg: read('--fg', '#1d1f23'),
    muted: read('--muted', '#5c6068'),
    border: read('--border', '#d9d5c9'),
    accent: read('--accent', '#0f5e8c'),
    surface: read('--surface', '#f3f1ea'),
    bg: read('--bg', '#fbfaf6'),
    warm: read('--fit1d-warm', dark ? '#f0a35e' : '#c2560c'),
  };
  probe.remove();
  return colors;
}

/**
 * The UI font stack (`--font-ui`) for chart labels, without `system-ui` and
 * `-apple-system`, which a worker's canvas does not resolve (it would fall
 * back to a serif face).
 * @param el any element inside the page
 */
export function chartFont(el: Element): string {
  const stack = getComputedStyle(el).getPropertyValue('--font-ui') || 'sans-serif';
  const families = stack.split(',').map((f) => f.trim()).filter((f) => f && f !== 'system-ui' && f !== '-apple-system');
  return families.length ? families.join(', ') : 'sans-serif';
}

export { isDark, watchTheme } from '../kit/theme';

/** Text of a number on an axis or in a tooltip: real minus sign, at most 3 significant digits. */
export function tickText(v: number | string): string {
  const n = typeof v === 'number' ? v : Number(v);
  return Number(n.toPrecision(3)).toString().replace('-', '−');
}

/**
 * Options shared by the function charts (x on [−1, 1], y linear), without
 * animation so updates cost one redraw.
 * @param c theme colours
 * @param y0 lower end of y; @param y1 upper end of y
 * @param yTicks exact y tick values (default: Chart.js chooses)
 */
export function functionChartOptions(c: ThemeColors, y0: number, y1: number, yTicks?: number[]): ChartOptions<'line'> {
  const font = { family: chartFont(document.body), size: 11 };
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    interaction: { mode: 'nearest', axis: 'x', intersect: false },
    layout: { padding: { top: 4, right: 8 } },
    scales: {
      x: {
        type: 'linear',
        min: -1,
        max: 1,
        ticks: { stepSize: 0.5, color: c.muted, font, callback: tickText },
        grid: { color: c.border },
        border: { color: c.border },
      },
      y: {
        type: 'linear',
        min: y0,
        max: y1,
        ticks: { color: c.muted, font, callback: tickText, maxTicksLimit: 6 },
        grid: { color: c.border },
        border: { color: c.border },
        ...(yTicks ? { afterBuildTicks: (axis: { ticks: { value: number }[] }) => void (axis.ticks = yTicks.map((value) => ({ value }))) } : {}),
      },
    },
    plugins: {
      tooltip: {
        backgroundColor: c.surface,
        titleColor: c.fg,
        bodyColor: c.fg,
        borderColor: c.border,
        borderWidth: 1,
        displayColors: false,
        titleFont: font,
        bodyFont: font,
      },
    },
  };
}

/** `{x, y}` points from two arrays (what Chart.js reads with `parsing: false`). */
export function points(xs: ArrayLike<number>, ys: ArrayLike<number>): { x: number; y: number }[] {
  return Array.from(xs, (x, i) => ({ x, y: ys[i]! }));
}

/**
 * Keep a chart in step with the page: draw it now, draw it afresh (the old one
 * destroyed) when the colour scheme changes, and resize it when
 * `devicePixelRatio` changes (Chart.js reads the ratio only on resize, so a
 * zoom would otherwise leave a blurry backing store).
 * @param build draws the chart in the current colours and returns it
 * @returns cleanup: stops watching and destroys the current chart
 */
export function keepChartCurrent<C extends { destroy(): void; resize(): void }>(build: () => C): () => void {
  let chart: C | null = build();
  const stopTheme = watchSiteTheme(() => {
    chart?.destroy();
    chart = build();
  });
  const stopRatio = watchDevicePixelRatio(() => chart?.resize());
  return () => {
    stopRatio();
    stopTheme();
    chart?.destroy();
    chart = null;
  };
}
