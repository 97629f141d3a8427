/**
 * Main-thread side of the live run: owns the Web Worker (created by
 * {@link LiveTrainer.prepare} or the first "Train", terminated when the reader
 * leaves the page or the island goes away), forwards the reader's commands, and hands each progress report
 * to the island. Keeps the latest parameters, so a run stopped by `pagehide`
 * (e.g. a page kept in the back/forward cache) resumes in a fresh worker.
 * Browser only; no drawing here.
 */
import { forward, meanSquaredError } from '../../../lib/fit1d/mlp';
import type { FromWorker, ToWorker } from '../../../lib/fit1d/protocol';
import type { TrainSettings } from '../../../lib/fit1d/session';
import { trainingSet } from '../../../lib/fit1d/target';

/** The `onError` message when the browser has no Web Workers (live training runs in one). */
export const WORKERS_MISSING = 'this browser provides no Web Workers';
import { FIT1D_SPEC } from '../../../lib/models/fit1d';

/** A progress report (from the worker, or made here after a reset without a worker). */
export type Progress = Extract<FromWorker, { type: 'progress' }>;

/** What the island passes to {@link LiveTrainer}. */
export interface LiveTrainerOptions {
  /** Random draw 0: where every run starts and reset returns. */
  initial: Float64Array;
  /** Inputs at which progress reports carry the network's function. */
  sampleXs: Float64Array;
  settings: TrainSettings;
  /** Seed of the mini-batch order. */
  seed: number;
  /**
   * Each report; `drawn` is true when the report also went straight to the chart worker
   * (through the port of {@link chartPort}), so the page need not pass it on.
   */
  onProgress: (p: Progress, drawn: boolean) => void;
  /** A port for the training worker to send reports to the chart worker (null: the page draws). */
  chartPort?: () => MessagePort | null;
  /** The worker failed (message in English, for the console). */
  onError: (message: string) => void;
  /** The worker was started or terminated. */
  onWorkerChange?: (state: 'alive' | 'terminated') => void;
}

/** Drives one live run. */
export class LiveTrainer {
  private worker: Worker | null = null;
  private current: Float64Array | null = null;
  private step = 0;
  private chartConnected = false;
  private settings: TrainSettings;
  private readonly onPageHide = () => this.terminate();

  constructor(private readonly opts: LiveTrainerOptions) {
    this.settings = { ...opts.settings };
    window.addEventListener('pagehide', this.onPageHide);
  }

  /** The progress report of the initial weights, computed here (no worker needed). */
  initialProgress(): Progress {
    const data = trainingSet();
    return {
      type: 'progress',
      reason: 'reset',
      step: 0,
      mse: meanSquaredError(FIT1D_SPEC, this.opts.initial, data.xs, data.ys),
      losses: Float64Array.of(0, meanSquaredError(FIT1D_SPEC, this.opts.initial, data.xs, data.ys)),
      curve: forward(FIT1D_SPEC, this.opts.initial, this.opts.sampleXs),
      params: Float64Array.from(this.opts.initial),
    };
  }

  private send(msg: ToWorker, transfer: Transferable[] = []): void {
    this.worker?.postMessage(msg, transfer);
  }

  private ensureWorker(): void {
    if (this.worker) return;
    if (typeof Worker !== 'function') {
      this.opts.onError(WORKERS_MISSING);
      return;
    }
    const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module', name: 'fit1d-train' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      if (msg.type === 'error') {
        this.opts.onError(msg.message);
        return;
      }
      if (msg.params) {
        this.current = msg.params;
        this.step = msg.step;
      }
      this.opts.onProgress(msg, this.chartConnected);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      this.terminate();
      this.opts.onError(e.message || 'the training worker could not start');
    };
    this.worker = worker;
    const port = this.opts.chartPort?.() ?? null;
    this.chartConnected = port !== null;
    const init: ToWorker = {
      type: 'init',
      initial: Float64Array.from(this.opts.initial),
      settings: this.settings,
      seed: this.opts.seed,
      sampleXs: Float64Array.from(this.opts.sampleXs),
      ...(this.current && this.step > 0 ? { current: Float64Array.from(this.current), step: this.step } : {}),
      ...(port ? { chartPort: port } : {}),
    };
    this.send(init, port ? [port] : []);
    this.opts.onWorkerChange?.('alive');
  }

  /**
   * Start the worker now, idle, so that pressing "Train" later only sends a message
   * (the worker's start-up then never falls inside the training).
   */
  prepare(): void {
    this.ensureWorker();
  }

  /** Start or resume training. */
  run(): void {
    this.ensureWorker();
    this.send({ type: 'run' });
  }

  /** Stop taking steps (the worker stays, idle). */
  pause(): void {
    this.send({ type: 'pause' });
  }

  /** Back to the initial weights and step 0 (without a worker, reports here). */
  reset(): void {
    this.current = null;
    this.step = 0;
    if (this.worker) this.send({ type: 'reset' });
    else this.opts.onProgress(this.initialProgress(), false);
  }

  /** Change learning rate and/or batch size (from the next step on). */
  configure(settings: Partial<TrainSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.send({ type: 'settings', settings });
  }

  /** Whether a worker is running. */
  get alive(): boolean {
    return this.worker !== null;
  }

  /** End the worker now (its last reported parameters are kept for a later {@link run}). */
  terminate(): void {
    if (!this.worker) return;
    this.worker.terminate();
    this.worker = null;
    this.chartConnected = false;
    this.opts.onWorkerChange?.('terminated');
  }

  /** Terminate and stop listening to the page (the island is going away). */
  dispose(): void {
    this.terminate();
    window.removeEventListener('pagehide', this.onPageHide);
  }
}
