/**
 * The Chart.js rate–distortion plot of the codec figure: mean PSNR (dB)
 * against bytes per image (log scale) for the learned codec, JPEG counted by
 * its entropy-coded payload (solid) and by its whole file (dashed), each over
 * the same test digits; the reader's digit drawn as triangles on top.
 */
import type { Chart as ChartType, ChartDataset } from 'chart.js';
import type { RdPoint } from '../../../lib/codec/rd';

/** Colours of the two methods (mid-tones, legible on both themes). */
export const CODEC_COLOR = '#4a86d4';
export const JPEG_COLOR = '#e07b24';

/** What the plot shows. */
export interface RdChartData {
  codec: RdPoint[];
  jpegPayload: RdPoint[];
  jpegFile: RdPoint[];
  /** The reader's digit: bytes and PSNR per method and setting. */
  mine: { codec: RdPoint[]; jpegPayload: RdPoint[]; jpegFile: RdPoint[] };
}

let chartModule: Promise<typeof import('./chart-setup')> | null = null;

function cssColor(el: Element, value: string): string {
  const probe = document.createElement('span');
  probe.style.color = value;
  probe.style.display = 'none';
  el.parentElement?.appendChild(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color;
}

function datasets(data: RdChartData, zh: boolean): ChartDataset<'line', { x: number; y: number }[]>[] {
  const pts = (c: RdPoint[]) => c.map((p) => ({ x: p.bytes, y: Number(p.psnr.toFixed(2)) }));
  const label = (z: string, e: string) => (zh ? z : e);
  const line = { borderWidth: 2.5, pointRadius: 2.5, tension: 0 };
  const marks = { showLine: false, pointRadius: 6, pointStyle: 'triangle' as const, borderWidth: 1.5 };
  return [
    { ...line, label: label('学习型编解码器（100 个数字的平均）', 'learned codec (mean of 100 digits)'), data: pts(data.codec), borderColor: CODEC_COLOR, backgroundColor: CODEC_COLOR },
    { ...line, label: label('JPEG，只算熵编码数据', 'JPEG, payload only'), data: pts(data.jpegPayload), borderColor: JPEG_COLOR, backgroundColor: JPEG_COLOR },
    { ...line, label: label('JPEG，整个文件', 'JPEG, whole file'), data: pts(data.jpegFile), borderColor: JPEG_COLOR, backgroundColor: 'transparent', borderDash: [6, 4] },
    { ...marks, label: label('你的数字：编解码器', 'your digit: codec'), data: pts(data.mine.codec), borderColor: CODEC_COLOR, backgroundColor: CODEC_COLOR },
    { ...marks, label: label('你的数字：JPEG 数据', 'your digit: JPEG payload'), data: pts(data.mine.jpegPayload), borderColor: JPEG_COLOR, backgroundColor: JPEG_COLOR },
    { ...marks, label: label('你的数字：JPEG 文件', 'your digit: JPEG file'), data: pts(data.mine.jpegFile), borderColor: JPEG_COLOR, backgroundColor: 'transparent' },
  ];
}

/**
 * Create or update the chart in `canvas` (Chart.js loads on first use). Colours
 * of text and grid follow the page's theme at the time of the call.
 * @param zh label the datasets in Chinese (the reader's interface language)
 * @returns the chart (pass it back in to update)
 */
export async function drawRdChart(canvas: HTMLCanvasElement, data: RdChartData, existing: ChartType<'line', { x: number; y: number }[]> | null, zh: boolean): Promise<ChartType<'line', { x: number; y: number }[]>> {
  chartModule ??= import('./chart-setup');
  const { Chart } = await chartModule;
  const fg = cssColor(canvas, 'var(--muted, #666)');
  const grid = cssColor(canvas, 'var(--border, #ddd)');
  const scaleColors = (scale: { ticks?: { color?: unknown }; grid?: { color?: unknown }; title?: { color?: unknown } }) => {
    if (scale.ticks) scale.ticks.color = fg;
    if (scale.grid) scale.grid.color = grid;
    if (scale.title) scale.title.color = fg;
  };
  if (existing) {
    existing.data.datasets = datasets(data, zh);
    const scales = existing.options.scales as Record<string, Parameters<typeof scaleColors>[0]>;
    Object.values(scales).forEach(scaleColors);
    (existing.options.plugins!.legend!.labels as { color?: string }).color = fg;
    existing.update('none');
    return existing;
  }
  return new Chart<'line', { x: number; y: number }[]>(canvas, {
    type: 'line',
    data: { datasets: datasets(data, zh) },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      scales: {
        x: {
          type: 'logarithmic',
          min: 2,
          title: { display: true, text: zh ? '每个图像的字节数（对数刻度）' : 'bytes per image (log scale)', color: fg },
          ticks: { color: fg, autoSkip: false, maxRotation: 0, callback: (v) => ([2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000].includes(Number(v)) ? String(v) : '') },
          grid: { color: grid },
        },
        y: { type: 'linear', title: { display: true, text: 'PSNR (dB)', color: fg }, ticks: { color: fg }, grid: { color: grid } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { color: fg, boxWidth: 14, usePointStyle: true, font: { size: 11 } } },
        tooltip: {
          callbacks: { label: (ctx) => `${ctx.dataset.label}: ${Math.round(ctx.parsed.x!)} B, ${ctx.parsed.y!.toFixed(1)} dB` },
        },
      },
    },
  });
}
