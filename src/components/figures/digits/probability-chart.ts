/**
 * The Chart.js line chart of the interpolation figure: one line per class,
 * probability against position along the blend. The two end classes are
 * drawn in strong colours, the other eight thin and grey.
 */
import type { Chart as ChartType } from 'chart.js';
import { resolveColor } from '../kit/theme';

/** Colours of the start and end classes. */
export const FROM_COLOR = '#3b73b9';
export const TO_COLOR = '#e07b24';

let chartModule: Promise<typeof import('./chart-setup')> | null = null;

/** Data of the chart. */
export interface PathProbabilities {
  /** Positions along the path, 0…1. */
  ts: number[];
  /** probs[k][c] = probability of class c at ts[k]. */
  probs: Float32Array[];
  /** The classes at the two ends. */
  from: number;
  to: number;
  /** Current slider position (drawn as a vertical rule). */
  cursor: number;
}

interface CursorOptions {
  cursor?: { x: number; color: string };
}

/**
 * Create or update the chart in `canvas` (Chart.js is loaded on first use).
 * Colours are read from the page's theme on every call, so calling it again
 * after a theme change recolours the chart.
 * @returns the chart (pass it back in to update)
 */
export async function drawProbabilityChart(canvas: HTMLCanvasElement, data: PathProbabilities, existing: ChartType | null): Promise<ChartType> {
  chartModule ??= import('./chart-setup');
  const { Chart } = await chartModule;
  const fg = getComputedStyle(canvas).color;
  const muted = resolveColor(canvas, '--muted', fg);
  const grid = resolveColor(canvas, '--border', '#ddd');
  const datasets = Array.from({ length: 10 }, (_, c) => {
    const main = c === data.from || c === data.to;
    const color = c === data.from ? FROM_COLOR : c === data.to ? TO_COLOR : muted;
    return {
      label: String(c),
      data: data.ts.map((t, k) => ({ x: t, y: data.probs[k]![c]! })),
      borderColor: color,
      backgroundColor: color,
      borderWidth: main ? 3 : 1,
      pointRadius: 0,
      tension: 0.2,
      order: main ? 0 : 1,
    };
  });
  const cursor = { x: data.cursor, color: muted };
  if (existing) {
    existing.data.datasets = datasets;
    (existing.options.plugins as CursorOptions).cursor = cursor;
    // The theme may have changed since the chart was made: recolour ticks, grid and legend.
    for (const key of ['x', 'y'] as const) {
      const scale = existing.options.scales![key]!;
      scale.ticks!.color = muted;
      scale.grid!.color = grid;
    }
    existing.options.plugins!.legend!.labels!.color = fg;
    existing.update('none');
    return existing;
  }
  const percent = (v: number | string) => `${Math.round(Number(v) * 100)}%`;
  return new Chart(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { type: 'linear', min: 0, max: 1, ticks: { color: muted, stepSize: 0.25, callback: percent }, grid: { color: grid } },
        y: { type: 'linear', min: 0, max: 1, ticks: { color: muted, stepSize: 0.25, callback: percent }, grid: { color: grid } },
      },
      plugins: {
        legend: {
          position: 'bottom',
          labels: {
            color: fg,
            boxWidth: 12,
            boxHeight: 3,
            padding: 10,
            // Only the two end classes; the grey lines are explained under the chart.
            filter: (item) => (item.lineWidth ?? 0) > 1,
          },
        },
        tooltip: {
          filter: (item) => Number(item.parsed.y) >= 0.01,
          callbacks: { label: (item) => ` ${item.dataset.label}: ${(Number(item.parsed.y) * 100).toFixed(1)}%`, title: (items) => percent(items[0]?.parsed.x ?? 0) },
        },
        ...({ cursor } as object),
      },
    },
    plugins: [
      {
        id: 'cursor',
        afterDatasetsDraw(chart) {
          const c = (chart.options.plugins as CursorOptions).cursor;
          if (!c) return;
          const { ctx, chartArea, scales } = chart;
          const px = scales['x']!.getPixelForValue(c.x);
          ctx.save();
          ctx.strokeStyle = c.color;
          ctx.setLineDash([4, 3]);
          ctx.beginPath();
          ctx.moveTo(px, chartArea.top);
          ctx.lineTo(px, chartArea.bottom);
          ctx.stroke();
          ctx.restore();
        },
      },
    ],
  });
}
