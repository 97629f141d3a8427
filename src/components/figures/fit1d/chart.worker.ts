/**
 * Web Worker that draws the live-training charts on `OffscreenCanvas`es the
 * page hands over, so redrawing costs the page's main thread nothing. The
 * page forwards each progress report of the training worker here.
 * Loaded with `new Worker(new URL('./chart.worker.ts', import.meta.url), { type: 'module' })`.
 *
 * Messages in: `init` (canvases, sizes, {@link LiveChartsSetup}), `progress`
 * (as from the training worker), `resize`, `colors`. Out: `drawn` after the
 * first drawing, `error` on failure.
 */
/// <reference lib="webworker" />
import { Chart, LineController, LineElement, LinearScale, LogarithmicScale, PointElement } from 'chart.js';
import { LossHistory } from '../../../lib/fit1d/loss-history';
import type { FromWorker } from '../../../lib/fit1d/protocol';
import type { ThemeColors } from './charts';
import { createLiveCharts, type LiveCharts, type LiveChartsSetup } from './live-charts';

declare const self: DedicatedWorkerGlobalScope;

/** Page → chart worker. */
export type ToChartWorker =
  | { type: 'init'; fn: OffscreenCanvas; loss: OffscreenCanvas; sizes: { fn: [number, number]; loss: [number, number] }; setup: LiveChartsSetup }
  | Extract<FromWorker, { type: 'progress' }>
  | { type: 'resize'; which: 'fn' | 'loss'; width: number; height: number }
  | { type: 'colors'; colors: ThemeColors }
  /** The page's devicePixelRatio changed (zoom, another screen). */
  | { type: 'pixelRatio'; devicePixelRatio: number }
  /** A port on which the training worker will send its reports. */
  | { type: 'connect'; port: MessagePort };

/** Chart worker → page. */
export type FromChartWorker = { type: 'drawn' } | { type: 'error'; message: string };

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale);

let charts: LiveCharts | null = null;
const history = new LossHistory();
let latest: { curve: Float64Array; step: number } | null = null;
let scheduled = false;
let told = false;
let port: MessagePort | null = null;

function draw(): void {
  scheduled = false;
  if (!charts || !latest) return;
  charts.update(latest.curve, history, latest.step);
  if (!told) {
    told = true;
    self.postMessage({ type: 'drawn' } satisfies FromChartWorker);
  }
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // Coalesce reports that arrive together into one drawing per frame.
  if (typeof self.requestAnimationFrame === 'function') self.requestAnimationFrame(draw);
  else setTimeout(draw, 16);
}

function handle(e: MessageEvent<ToChartWorker>): void {
  const msg = e.data;
  try {
    switch (msg.type) {
      case 'init':
        charts?.destroy();
        charts = createLiveCharts(Chart, msg.fn, msg.loss, msg.setup);
        charts.resize('fn', ...msg.sizes.fn);
        charts.resize('loss', ...msg.sizes.loss);
        schedule();
        return;
      case 'progress':
        if (msg.reason === 'init' || msg.reason === 'reset') history.clear();
        history.push(msg.losses);
        latest = { curve: msg.curve, step: msg.step };
        schedule();
        return;
      case 'resize':
        charts?.resize(msg.which, msg.width, msg.height);
        schedule();
        return;
      case 'colors':
        charts?.setColors(msg.colors);
        return;
      case 'pixelRatio':
        charts?.setPixelRatio(msg.devicePixelRatio);
        schedule();
        return;
      case 'connect':
        port?.close();
        port = msg.port;
        port.onmessage = handle;
        return;
    }
  } catch (err) {
    self.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies FromChartWorker);
  }
}

self.onmessage = handle;
