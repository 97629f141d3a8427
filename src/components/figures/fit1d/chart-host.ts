/**
 * Where the live-training charts are drawn, decided once per island: in a
 * chart worker on `OffscreenCanvas`es when the browser can hand a canvas to a
 * worker (the page's main thread then only forwards ~3 KB per report), else
 * on the page with Chart.js loaded on demand. Either way the island calls
 * {@link ChartHost.progress} with each report. Browser only.
 */
import { LossHistory } from '../../../lib/fit1d/loss-history';
import type { Progress } from './live-trainer';
import { chartFont, loadChart, themeColors, watchTheme } from './charts';
import { watchDevicePixelRatio } from '../kit/resolution';
import type { FromChartWorker, ToChartWorker } from './chart.worker';
import { createLiveCharts, type LiveCharts, type LiveChartsSetup } from './live-charts';

/** The data part of {@link LiveChartsSetup} (the host adds colours, font and pixel ratio). */
export type ChartData = Pick<LiveChartsSetup, 'sampleXs' | 'targetXs' | 'targetYs' | 'pretrained' | 'threshold'>;

/** Draws progress reports. */
export interface ChartHost {
  /** `worker` (OffscreenCanvas) or `page`. */
  readonly where: 'worker' | 'page';
  progress(p: Progress): void;
  /**
   * A port for the training worker to report to the charts directly (worker host),
   * or null when the page draws (then pass every report to {@link progress}).
   */
  connect(): MessagePort | null;
  dispose(): void;
}

/** Whether canvases can be handed to a worker here. */
export function canDrawOffscreen(): boolean {
  return typeof Worker === 'function' && typeof HTMLCanvasElement !== 'undefined' && 'transferControlToOffscreen' in HTMLCanvasElement.prototype;
}

function boxSize(canvas: HTMLCanvasElement): [number, number] {
  const r = (canvas.parentElement ?? canvas).getBoundingClientRect();
  return [r.width, r.height];
}

/**
 * Start drawing on two canvases (which must be laid out, i.e. visible).
 * @param onError called once if drawing fails (message in English, for the console)
 * @throws when the chart code cannot be loaded (page fallback only; the promise rejects)
 */
export async function createChartHost(fnCanvas: HTMLCanvasElement, lossCanvas: HTMLCanvasElement, data: ChartData, onError: (message: string) => void): Promise<ChartHost> {
  const base = {
    ...data,
    colors: themeColors(fnCanvas),
    fontFamily: chartFont(fnCanvas),
    devicePixelRatio: window.devicePixelRatio || 1,
  };
  if (canDrawOffscreen()) {
    const worker = new Worker(new URL('./chart.worker.ts', import.meta.url), { type: 'module', name: 'fit1d-charts' });
    const send = (msg: ToChartWorker, transfer: Transferable[] = []) => worker.postMessage(msg, transfer);
    worker.onmessage = (e: MessageEvent<FromChartWorker>) => {
      if (e.data.type === 'error') onError(e.data.message);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      onError(e.message || 'the chart worker could not start');
    };
    const fn = fnCanvas.transferControlToOffscreen();
    const loss = lossCanvas.transferControlToOffscreen();
    send({ type: 'init', fn, loss, sizes: { fn: boxSize(fnCanvas), loss: boxSize(lossCanvas) }, setup: { ...base, offscreen: true } }, [fn, loss]);
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) {
        const which = entry.target === fnCanvas.parentElement ? 'fn' : 'loss';
        send({ type: 'resize', which, width: entry.contentRect.width, height: entry.contentRect.height });
      }
    });
    observer.observe(fnCanvas.parentElement!);
    observer.observe(lossCanvas.parentElement!);
    const stopTheme = watchTheme(() => send({ type: 'colors', colors: themeColors(fnCanvas) }));
    // A worker cannot see the screen: tell it when the pixel ratio changes.
    const stopRatio = watchDevicePixelRatio((dpr) => send({ type: 'pixelRatio', devicePixelRatio: dpr }));
    return {
      where: 'worker',
      progress: (p) => send(p),
      connect: () => {
        const channel = new MessageChannel();
        send({ type: 'connect', port: channel.port2 }, [channel.port2]);
        return channel.port1;
      },
      dispose: () => {
        observer.disconnect();
        stopTheme();
        stopRatio();
        worker.terminate();
      },
    };
  }

  const Chart = await loadChart();
  const charts: LiveCharts = createLiveCharts(Chart, fnCanvas, lossCanvas, { ...base, offscreen: false });
  const history = new LossHistory();
  let latest: Progress | null = null;
  let frame = 0;
  const draw = () => {
    frame = 0;
    if (latest) charts.update(latest.curve, history, latest.step);
  };
  const stopTheme = watchTheme(() => charts.setColors(themeColors(fnCanvas)));
  const stopRatio = watchDevicePixelRatio((dpr) => charts.setPixelRatio(dpr));
  return {
    where: 'page',
    connect: () => null,
    progress: (p) => {
      if (p.reason === 'init' || p.reason === 'reset') history.clear();
      history.push(p.losses);
      latest = p;
      if (!frame) frame = requestAnimationFrame(draw);
    },
    dispose: () => {
      if (frame) cancelAnimationFrame(frame);
      stopTheme();
      stopRatio();
      charts.destroy();
    },
  };
}
