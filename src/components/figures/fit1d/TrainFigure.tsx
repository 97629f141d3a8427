/**
 * Island of figure "fit1d-train": train the 1-D network live in a Web Worker.
 * Reads top to bottom: load the committed random weights (draw 0, verified
 * against the manifest) and Chart.js, with progress → drive the worker
 * (`./live-trainer.ts`) from the controls → draw each progress report (the
 * network's function over the target, the loss on a log scale beside the
 * pretrained run's curve). The static drawing passed as `children` stays until
 * the charts are ready, and stays for good when loading fails.
 *
 * For tests, the root carries `data-status` (loading | ready | running | paused | done | error),
 * `data-step`, `data-mse`, `data-probe` (see `src/lib/fit1d/probe.ts`), `data-worker`
 * (none | alive | terminated) and, once the goal is met, `data-reached-ms` / `data-reached-step`.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useUiText } from '../kit/ui-lang';
import { LossHistory } from '../../../lib/fit1d/loss-history';
import { probeText } from '../../../lib/fit1d/probe';
import type { Bilingual } from '../../../lib/i18n';
import { Bi } from './Bi';
import { canDrawOffscreen, createChartHost, type ChartHost } from './chart-host';
import { loadChart } from './charts';
import { LiveTrainer, WORKERS_MISSING, type Progress } from './live-trainer';
import { S, int, num } from './strings';
import css from './fit1d.module.css';

/** Props of {@link TrainFigure} (serialised into the page by Astro). */
export interface TrainFigureProps {
  /** Weight file of the starting weights (random draw 0). */
  initialFile: string;
  /** Inputs of the function chart (201 points on [−1, 1]). */
  sampleXs: number[];
  /** Corner points of the target. */
  targetXs: number[];
  targetYs: number[];
  /** Loss curve of the pretrained run, `[step, mse]`. */
  pretrained: [number, number][];
  threshold: number;
  learningRates: readonly number[];
  batchSizes: readonly number[];
  defaultLearningRate: number;
  defaultBatchSize: number;
  batchSeed: number;
  /** Static drawing shown until the charts are ready. */
  children?: ComponentChildren;
}

type Status = 'loading' | 'ready' | 'running' | 'paused' | 'done' | 'error';

/** The live-training figure. */
export default function TrainFigure(props: TrainFigureProps) {
  const ui = useUiText();
  const { threshold } = props;
  const [mounted, setMounted] = useState(false);
  const [status, setStatus] = useState<Status>('loading');
  const [bytes, setBytes] = useState<{ loaded: number; total: number } | null>(null);
  const [error, setError] = useState<Bilingual | null>(null);
  /** Whether the run has left step 0 (for the button's words); the numbers themselves are written straight into the DOM. */
  const [started, setStarted] = useState(false);
  const [reached, setReached] = useState<{ step: number; ms: number } | null>(null);
  const [lr, setLr] = useState(props.defaultLearningRate);
  const [batch, setBatch] = useState(props.defaultBatchSize);
  const [worker, setWorker] = useState<'none' | 'alive' | 'terminated'>('none');
  const [initial, setInitial] = useState<Float64Array | null>(null);

  const rootEl = useRef<HTMLDivElement>(null);
  const stepEl = useRef<HTMLElement>(null);
  const mseEl = useRef<HTMLElement>(null);
  const fnCanvas = useRef<HTMLCanvasElement>(null);
  const lossCanvas = useRef<HTMLCanvasElement>(null);
  const trainer = useRef<LiveTrainer | null>(null);
  const clock = useRef({ since: 0, ms: 0, running: false });
  const reachedRef = useRef<{ step: number; ms: number } | null>(null);
  const statusRef = useRef<Status>('loading');
  statusRef.current = status;

  // 1. Load the starting weights (and, when charts cannot be drawn in a worker, the chart code).
  useEffect(() => {
    setMounted(true);
    let cancelled = false;
    // The loader is imported on demand, as every island does (src/lib/models/README.md).
    const weights = import('../../../lib/models/fit1d-weights');
    Promise.all([
      weights.then((m) => m.loadFit1dWeights(props.initialFile, (p) => !cancelled && setBytes(p))),
      canDrawOffscreen()
        ? null
        : loadChart().catch((cause) => {
            throw Object.assign(new Error('chart code could not be loaded'), { cause, chart: true });
          }),
    ]).then(
      ([params]) => {
        if (cancelled) return;
        setInitial(params);
        setStatus('ready');
      },
      async (err: unknown) => {
        if (cancelled) return;
        console.error('fit1d-train:', err);
        const words = (err as { chart?: boolean }).chart ? S.chartFailed : await weights.then((m) => m.describeLoadError(err), () => S.loadFailed);
        setError(words);
        setStatus('error');
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  // 2. Once loaded (canvases visible): the charts and the trainer.
  useEffect(() => {
    if (!initial || !fnCanvas.current || !lossCanvas.current) return;
    let host: ChartHost | null = null;
    let disposed = false;
    let pending: Progress[] = [];
    createChartHost(
      fnCanvas.current,
      lossCanvas.current,
      { sampleXs: props.sampleXs, targetXs: props.targetXs, targetYs: props.targetYs, pretrained: props.pretrained, threshold },
      (message) => {
        console.error('fit1d-train charts:', message);
        setError(S.chartFailed);
      },
    ).then(
      (h) => {
        if (disposed) return h.dispose();
        host = h;
        for (const p of pending) h.progress(p);
        pending = [];
        // The charts are ready to take reports directly: start the training worker, idle.
        if (!t.alive) t.prepare();
      },
      (err: unknown) => {
        console.error('fit1d-train charts:', err);
        setError(S.chartFailed);
      },
    );

    // Ten reports a second: write the numbers into fixed boxes instead of re-rendering the island.
    const show = (p: Progress) => {
      const root = rootEl.current;
      if (!root) return;
      root.setAttribute('data-step', String(p.step));
      root.setAttribute('data-mse', p.mse.toPrecision(6));
      root.setAttribute('data-probe', probeText(p.curve));
      if (stepEl.current) stepEl.current.textContent = int(p.step);
      if (mseEl.current) mseEl.current.textContent = num(p.mse, 3);
    };
    const onProgress = (p: Progress, drawn: boolean) => {
      if (p.reason === 'init' || p.reason === 'reset') {
        // A fresh start from the random weights: the goal time starts again.
        clock.current = { since: performance.now(), ms: 0, running: clock.current.running };
        reachedRef.current = null;
        setReached(null);
      }
      if (!reachedRef.current) {
        const at = LossHistory.firstBelow(p.losses, threshold);
        if (at !== null) {
          const ck = clock.current;
          reachedRef.current = { step: at, ms: ck.ms + (ck.running ? performance.now() - ck.since : 0) };
          setReached(reachedRef.current);
        }
      }
      if (!drawn) {
        if (host) host.progress(p);
        else pending.push(p);
      }
      show(p);
      setStarted(p.step > 0);
      if (p.reason === 'done') {
        stopClock();
        setStatus('done');
      }
    };
    const t = new LiveTrainer({
      initial,
      sampleXs: Float64Array.from(props.sampleXs),
      settings: { learningRate: lr, batchSize: batch },
      seed: props.batchSeed,
      onProgress,
      chartPort: () => host?.connect() ?? null,
      onError: (message) => {
        console.error('fit1d-train worker:', message);
        stopClock();
        setError(message === WORKERS_MISSING ? S.noWorkers : S.workerFailed);
        setStatus('paused');
      },
      onWorkerChange: (state) => {
        setWorker(state);
        if (state === 'terminated') {
          stopClock();
          if (statusRef.current === 'running') setStatus('paused');
        }
      },
    });
    trainer.current = t;
    onProgress(t.initialProgress(), false);
    return () => {
      disposed = true;
      t.dispose();
      trainer.current = null;
      host?.dispose();
    };
  }, [initial]);

  function stopClock(): void {
    const ck = clock.current;
    if (ck.running) ck.ms += performance.now() - ck.since;
    ck.running = false;
  }

  function toggle(): void {
    const t = trainer.current;
    if (!t) return;
    if (status === 'running') {
      t.pause();
      stopClock();
      setStatus('paused');
    } else if (status === 'ready' || status === 'paused') {
      setError(null);
      clock.current.since = performance.now();
      clock.current.running = true;
      t.run();
      setStatus('running');
    }
  }

  function reset(): void {
    const t = trainer.current;
    if (!t) return;
    setError(null);
    stopClock();
    clock.current = { since: 0, ms: 0, running: false };
    t.reset();
    setStatus('ready');
  }

  const loaded = status !== 'loading' && status !== 'error';
  const busy = status === 'running';
  const toggleText = busy ? S.pause : started && status !== 'done' ? S.resume : S.train;
  const goalMet = reached !== null;

  return (
    <div
      ref={rootEl}
      class={css.root}
      data-status={status}
      data-worker={worker}
      data-reached-ms={reached ? Math.round(reached.ms) : undefined}
      data-reached-step={reached ? reached.step : undefined}
      data-mounted={mounted ? '' : undefined}
    >
      {mounted && (
        <div class={css.controls}>
          <button type="button" class={`${css.btn} ${css.primary}`} data-action="toggle" disabled={!loaded || status === 'done'} onClick={toggle} aria-pressed={busy}>
            <span aria-hidden="true" class={css.icon}>
              {busy ? '❚❚' : '▶'}
            </span>
            <Bi t={toggleText} />
          </button>
          <button type="button" class={css.btn} data-action="reset" disabled={!loaded} onClick={reset}>
            <span aria-hidden="true" class={css.icon}>
              ↺
            </span>
            <Bi t={S.reset} />
          </button>
          <label class={css.field}>
            <Bi t={S.learningRate} />
            <select
              data-control="learning-rate"
              value={String(lr)}
              disabled={!loaded}
              onChange={(e) => {
                const v = Number((e.target as HTMLSelectElement).value);
                setLr(v);
                trainer.current?.configure({ learningRate: v });
              }}
            >
              {props.learningRates.map((v) => (
                <option value={String(v)}>{v}</option>
              ))}
            </select>
          </label>
          <label class={css.field}>
            <Bi t={S.batchSize} />
            <select
              data-control="batch-size"
              value={String(batch)}
              disabled={!loaded}
              onChange={(e) => {
                const v = Number((e.target as HTMLSelectElement).value);
                setBatch(v);
                trainer.current?.configure({ batchSize: v });
              }}
            >
              {props.batchSizes.map((v) => (
                <option value={String(v)}>{v}</option>
              ))}
            </select>
          </label>
        </div>
      )}
      {mounted && (
        <p class={css.readout} aria-live="polite">
          <span>
            <Bi t={S.step} /> <b data-readout="step" ref={stepEl} />
          </span>
          <span>
            <Bi t={S.mse} /> <b data-readout="mse" ref={mseEl} />
          </span>
          <span class={goalMet ? css.goalMet : css.goal}>
            {goalMet ? '✓ ' : ''}
            <Bi t={S.goal} /> &lt; {threshold}
            {goalMet && reached && (
              <>
                <Bi t={{ zh: `：第 ${int(reached.step)} 步，用时 ${(reached.ms / 1000).toFixed(1)} 秒`, en: `: step ${int(reached.step)}, ${(reached.ms / 1000).toFixed(1)} s` }} />
              </>
            )}
          </span>
        </p>
      )}
      <div class={css.stage}>
        {status !== 'ready' && status !== 'running' && status !== 'paused' && status !== 'done' && props.children}
        {mounted && (
          <div class={css.charts} hidden={!loaded}>
            <div class={css.panel}>
              <div class={css.panelHead}>
                <span class={css.key}>
                  <i class={`${css.swatch} ${css.swNet}`} />
                  <Bi t={S.networkShort} />
                </span>
                <span class={css.key}>
                  <i class={`${css.swatch} ${css.swTarget}`} />
                  <Bi t={S.targetShort} />
                </span>
              </div>
              <div class={css.canvasBox}>
                <canvas ref={fnCanvas} role="img" aria-label={ui(S.network)} />
              </div>
            </div>
            <div class={css.panel}>
              <div class={css.panelHead}>
                <span class={css.key}>
                  <i class={`${css.swatch} ${css.swNet}`} />
                  <Bi t={S.live} />
                </span>
                <span class={css.key}>
                  <i class={`${css.swatch} ${css.swRef}`} />
                  <Bi t={S.pretrained} />
                </span>
                <span class={css.key}>
                  <i class={`${css.swatch} ${css.swGoal}`} />
                  <Bi t={S.goal} />
                </span>
              </div>
              <div class={css.canvasBox}>
                <canvas ref={lossCanvas} role="img" aria-label={ui(S.loss)} />
              </div>
              <div class={css.axisNote}>
                <Bi t={{ zh: '横轴：训练步数；纵轴：损失（对数刻度）', en: 'across: training steps; up: loss (log scale)' }} />
              </div>
            </div>
          </div>
        )}
      </div>
      {mounted && status === 'loading' && (
        <p class={css.status} role="status">
          <Bi t={S.loadingWeights} />
          {bytes && bytes.total > 0 ? ` ${(bytes.loaded / 1024).toFixed(1)} / ${(bytes.total / 1024).toFixed(1)} KB` : '…'}
        </p>
      )}
      {error && (
        <p class={`${css.status} ${css.error}`} role="alert">
          <Bi t={error} />
        </p>
      )}
    </div>
  );
}
