/**
 * Figure "nearest-sizes": networks of different depth and width (4 to 267
 * neurons), each with its diagram, neuron count, map of the plane and
 * agreement with the ideal function. Pointing at any map shows the same
 * position on every map and what each network answers there.
 *
 * Reads top to bottom: load every network through the shared loader (progress
 * shown) → one batched prediction of the 200×200 grid per network → paint the
 * canvases before the live cards first show. Until then, and if loading fails,
 * the build-time cards (passed as children) stay.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { NEAREST_GALLERY } from '../../../lib/models/nearest';
import { argmax, countParams, traceDense } from '../../../lib/nearest/dense';
import { AGREEMENT_GRID, idealMap, NEAREST_POINTS } from '../../../lib/nearest/geometry';
import { Bi } from './Bi';
import { LoadStatus } from './LoadStatus';
import { computeAndDraw } from './NetMap';
import { SizeCard } from './SizeCard';
import { useNearest } from './useNearest';
import './nearest.css';

const NAMES = NEAREST_GALLERY.map((c) => c.name);

interface CardResult {
  agreement: number;
  undecided: number;
  ms: number;
}

/** The island. */
export default function SizesGallery({ children }: { children?: ComponentChildren }) {
  const state = useNearest(NAMES);
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const [results, setResults] = useState<(CardResult | null)[]>(() => NAMES.map(() => null));
  const [probe, setProbe] = useState<{ x: number; y: number } | null>(null);
  const ideal = useMemo(() => idealMap(AGREEMENT_GRID), []);
  const models = state.status === 'ready' ? state.models : null;

  // Before the browser paints the live cards (so no blank canvas shows), draw every map.
  useLayoutEffect(() => {
    if (!models) return;
    setResults(
      models.map((m, i) => {
        const canvas = canvases.current[i];
        if (!canvas) return null;
        const r = computeAndDraw(m, canvas, ideal, false);
        return { agreement: r.agreement, undecided: r.undecided, ms: r.ms };
      }),
    );
  }, [models]);

  if (!models) {
    return (
      <div class="nf nf-sizes" data-state={state.status}>
        <LoadStatus state={state} />
        {children}
      </div>
    );
  }
  return (
    <div class="nf nf-sizes" data-state="ready">
      <p class="nf-note" style={{ textAlign: 'center', margin: '0 0 0.6rem' }} aria-live="polite" data-sizes-readout>
        {probe ? (
          (() => {
            const parts = models.map((m, i) => {
              const out = traceDense(m.net, [probe.x, probe.y]).post.at(-1)!;
              const k = argmax(out);
              return { n: NEAREST_GALLERY[i]!.name.replace(/^\D+/, ''), id: NEAREST_POINTS[k]!.id, p: (out[k]! * 100).toFixed(0) };
            });
            const at = `{${probe.x.toFixed(2)}, ${probe.y.toFixed(2)}}：`;
            return (
              <Bi
                zh={at + parts.map((q) => `${q.n} 个神经元 → ${q.id} ${q.p}%`).join('；')}
                en={`{${probe.x.toFixed(2)}, ${probe.y.toFixed(2)}}: ` + parts.map((q) => `${q.n} neurons → ${q.id} ${q.p}%`).join(' · ')}
              />
            );
          })()
        ) : (
          <span data-needs-js>
            <Bi
              zh="把指针移到任意一幅图上（或选中一幅图后按方向键），所有网络都会显示它们在同一位置给出的答案。"
              en="Point at any map (or focus one and use the arrow keys) to see what every network answers at the same position."
            />
          </span>
        )}
      </p>
      <div class="nf-sizes-grid">
        {models.map((m, i) => {
          const config = NEAREST_GALLERY[i]!;
          const r = results[i];
          let answer = null;
          if (probe) {
            const out = traceDense(m.net, [probe.x, probe.y]).post.at(-1)!;
            const k = argmax(out);
            answer = { k, p: out[k]! };
          }
          return (
            <SizeCard
              key={config.name}
              config={config}
              kernels={m.net.layers.map((l) => l.kernel)}
              params={countParams(m.net)}
              agreement={r?.agreement ?? m.loaded.entry.metric.value}
              undecided={r?.undecided ?? m.loaded.entry.extraMetrics?.find((e) => e.name === 'undecided')?.value ?? 0}
              ms={r?.ms ?? null}
              image={<canvas ref={(el) => { canvases.current[i] = el; }} width={AGREEMENT_GRID} height={AGREEMENT_GRID} class="nf-map-img" data-pixel-map />}
              probe={probe}
              onProbe={setProbe}
              answer={answer}
            />
          );
        })}
      </div>
    </div>
  );
}
