/**
 * Web Worker of the live-training figure ("fit1d-train"): trains the 1-D
 * network with the plain-TypeScript MLP (`src/lib/fit1d/`) at the pace of
 * `src/lib/fit1d/pace.ts`, and reports to the page at most every
 * {@link REPORT_MS} ms, so the page's main thread only redraws.
 *
 * Protocol: `src/lib/fit1d/protocol.ts`. Loaded with
 * `new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' })`.
 */
/// <reference lib="webworker" />
import { MAX_STEPS, stepsForTick } from '../../../lib/fit1d/pace';
import { REPORT_MS, type FromWorker, type ToWorker } from '../../../lib/fit1d/protocol';
import { TrainingSession } from '../../../lib/fit1d/session';
import { trainingSet } from '../../../lib/fit1d/target';
import { FIT1D_SPEC } from '../../../lib/models/fit1d';

declare const self: DedicatedWorkerGlobalScope;

/** Longest stretch of computing in one tick, ms (the rest of the tick the worker is idle). */
const COMPUTE_BUDGET_MS = 40;
/** Full-data errors recorded per tick, at most. */
const LOSSES_PER_TICK = 8;

let session: TrainingSession | null = null;
let sampleXs: Float64Array = new Float64Array(0);
let running = false;
let timer: ReturnType<typeof setTimeout> | null = null;
let lastTick = 0;
let carry = 0;
let losses: number[] = [];
let chartPort: MessagePort | null = null;
let ticksSinceParams = 0;
/** Ticks between two reports that carry the parameters. */
const PARAMS_EVERY = 10;

function post(reason: Extract<FromWorker, { type: 'progress' }>['reason']): void {
  if (!session) return;
  const curve = session.evaluate(sampleXs);
  const lossValues = Float64Array.from(losses);
  const mse = session.loss();
  losses = [];
  // The chart worker gets its own copy directly; the page gets the numbers it shows.
  if (chartPort) {
    const forChart: FromWorker = { type: 'progress', reason, step: session.step, mse, losses: lossValues.slice(), curve: curve.slice() };
    chartPort.postMessage(forChart);
  }
  const withParams = reason !== 'tick' || ++ticksSinceParams >= PARAMS_EVERY;
  if (withParams) ticksSinceParams = 0;
  const params = withParams ? Float64Array.from(session.params) : undefined;
  const msg: FromWorker = { type: 'progress', reason, step: session.step, mse, losses: lossValues, curve, ...(params ? { params } : {}) };
  self.postMessage(msg, params ? [curve.buffer, lossValues.buffer, params.buffer] : [curve.buffer, lossValues.buffer]);
}

function tick(): void {
  timer = null;
  if (!running || !session) return;
  const now = performance.now();
  const { steps, carry: left } = stepsForTick(session.step, Math.min(250, now - lastTick), carry);
  carry = left;
  lastTick = now;
  const chunk = Math.max(1, Math.ceil(steps / LOSSES_PER_TICK));
  let done = 0;
  while (done < steps) {
    const k = Math.min(chunk, steps - done);
    session.steps(k);
    done += k;
    losses.push(session.step, session.loss());
    if (performance.now() - now > COMPUTE_BUDGET_MS) break;
  }
  const finished = session.step >= MAX_STEPS;
  if (finished) running = false;
  post(finished ? 'done' : 'tick');
  if (running) timer = setTimeout(tick, REPORT_MS);
}

function stop(): void {
  running = false;
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

function handle(msg: ToWorker): void {
  switch (msg.type) {
    case 'init': {
      stop();
      sampleXs = msg.sampleXs;
      chartPort?.close();
      chartPort = msg.chartPort ?? null;
      session = new TrainingSession(FIT1D_SPEC, msg.initial, trainingSet(), msg.settings, msg.seed);
      if (msg.current) session.restore(msg.current, msg.step ?? 0);
      losses = [session.step, session.loss()];
      post(msg.current ? 'restore' : 'init');
      return;
    }
    case 'run':
      if (!session || running || session.step >= MAX_STEPS) return;
      running = true;
      lastTick = performance.now();
      carry = 0;
      timer = setTimeout(tick, REPORT_MS);
      return;
    case 'pause':
      stop();
      post('pause');
      return;
    case 'reset':
      stop();
      if (!session) return;
      session.reset();
      losses = [0, session.loss()];
      post('reset');
      return;
    case 'settings':
      session?.configure(msg.settings);
      return;
  }
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  try {
    handle(e.data);
  } catch (err) {
    stop();
    const msg: FromWorker = { type: 'error', message: err instanceof Error ? err.message : String(err) };
    self.postMessage(msg);
  }
};
