/**
 * Figure "nearest-net-map": what the trained 17-neuron network computes over
 * the whole plane, beside the ideal function, with the fraction where they
 * agree and the cells where they differ marked.
 *
 * Reads top to bottom: load the network through the shared loader (progress
 * shown) → one batched prediction of the 200×200 grid (`predictGrid`, tfjs) →
 * paint a canvas. Until then, and if loading fails, the build-time PNG of the
 * same weights (passed as children) stays.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { loadNearest, predictGrid, warmGrid } from '../../../lib/models/nearest-runtime';
import { paintClassMap } from '../../../lib/nearest/colors';
import { classesOf, traceDense } from '../../../lib/nearest/dense';
import { AGREEMENT_GRID, agreement, idealMap, nearestIndex, NEAREST_POINTS, undecidedFraction } from '../../../lib/nearest/geometry';
import { Bi } from './Bi';
import { LoadStatus } from './LoadStatus';
import { NetMapView } from './NetMapView';
import { useNearest } from './useNearest';
import './nearest.css';

const N = AGREEMENT_GRID;

interface MapResult {
  classes: Uint8Array;
  confidence: Float32Array;
  diff: Uint8Array;
  agreement: number;
  undecided: number;
  ms: number;
}

/**
 * Compute the map of a loaded network and paint it into `canvas`. The first
 * call per network warms the backend up first (untimed, see `warmGrid`).
 * @returns the map, its statistics and the time from the prediction to pixels on the canvas (ms)
 * @throws Error when the canvas has no 2-D context
 */
export function computeAndDraw(model: Parameters<typeof predictGrid>[0], canvas: HTMLCanvasElement, ideal: Uint8Array, markDiff: boolean): MapResult {
  warmGrid(model, N);
  const t0 = performance.now();
  const { probs } = predictGrid(model, N);
  const { classes, confidence } = classesOf(probs, 3);
  const diff = new Uint8Array(classes.length);
  for (let i = 0; i < classes.length; i++) diff[i] = classes[i] === ideal[i] ? 0 : 1;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2d context unavailable');
  const img = ctx.createImageData(N, N);
  paintClassMap(classes, confidence, img.data, { disagree: markDiff ? diff : null });
  ctx.putImageData(img, 0, 0);
  const ms = performance.now() - t0;
  return { classes, confidence, diff, agreement: agreement(classes, ideal), undecided: undecidedFraction(confidence), ms };
}

/**
 * For benchmarks and tests driving the page from outside (like the loader's
 * `window.__siteModels`): the exact function the figures use to compute and
 * draw a map. Read-only use.
 */
(globalThis as { __nearestMaps?: unknown }).__nearestMaps = {
  /** Load a network (shared cache) and time `runs` calls of computeAndDraw on a detached 200×200 canvas; returns ms per run. */
  async time(name: string, runs: number): Promise<number[]> {
    const model = await loadNearest(name);
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = N;
    const ideal = idealMap(N);
    const out: number[] = [];
    for (let i = 0; i < runs; i++) out.push(computeAndDraw(model, canvas, ideal, true).ms);
    return out;
  },
};

/** The island. */
export default function NetMap({ model, children }: { model: string; children?: ComponentChildren }) {
  const state = useNearest([model]);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [result, setResult] = useState<MapResult | null>(null);
  const [markDiff, setMarkDiff] = useState(true);
  const [probe, setProbe] = useState<{ x: number; y: number } | null>(null);
  const ideal = useMemo(() => idealMap(N), []);
  const loaded = state.status === 'ready' ? state.models[0]! : null;

  // Before the browser paints the live view (so no blank canvas shows), draw the map.
  useLayoutEffect(() => {
    if (!loaded || !canvas.current) return;
    setResult(computeAndDraw(loaded, canvas.current, ideal, markDiff));
  }, [loaded]);

  useEffect(() => {
    if (!result || !canvas.current) return;
    const ctx = canvas.current.getContext('2d')!;
    const img = ctx.createImageData(N, N);
    paintClassMap(result.classes, result.confidence, img.data, { disagree: markDiff ? result.diff : null });
    ctx.putImageData(img, 0, 0);
  }, [markDiff]);

  if (!loaded) {
    return (
      <div class="nf nf-net-map" data-state={state.status}>
        <LoadStatus state={state} />
        {children}
      </div>
    );
  }

  let readout: ComponentChildren = null;
  if (probe) {
    const out = traceDense(loaded.net, [probe.x, probe.y]).post.at(-1)!;
    const truth = nearestIndex(NEAREST_POINTS, probe.x, probe.y);
    readout = (
      <>
        {`{${probe.x.toFixed(2)}, ${probe.y.toFixed(2)}}: `}
        <Bi zh="网络给出 " en="the network gives " />
        {NEAREST_POINTS.map((p, i) => (
          <span key={p.id} style={{ marginRight: '0.4em' }}>
            <span class={`nf-chip nf-chip-${i}`}>{p.id}</span> {(out[i]! * 100).toFixed(1)}%
          </span>
        ))}
        · <Bi zh="理想答案 " en="ideal answer " />
        <span class={`nf-chip nf-chip-${truth}`}>{NEAREST_POINTS[truth]!.id}</span>
      </>
    );
  }
  const m = loaded.loaded.entry;
  return (
    <div class="nf nf-net-map" data-state="ready">
      <NetMapView
        image={<canvas ref={canvas} width={N} height={N} class="nf-map-img" data-net-map data-pixel-map />}
        neurons={m.neurons}
        agreement={result?.agreement ?? m.metric.value}
        undecided={result?.undecided ?? 0}
        ms={result?.ms ?? null}
        markDiff={markDiff}
        onToggleDiff={setMarkDiff}
        probe={probe}
        onProbe={setProbe}
        readout={readout}
      />
    </div>
  );
}
