/**
 * Island of figure "fit1d-random": switches between the gallery of the eight
 * random draws (static, drawn at build time and passed as `children`) and one
 * Chart.js chart with all eight functions overlaid on the target, where
 * hovering shows every draw's value at that x. The root carries `data-view`
 * (gallery | overlay) and `data-status` (idle | loading | ready | error) for tests.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Chart as ChartType } from 'chart.js';
import { Bi } from './Bi';
import { useUiText } from '../kit/ui-lang';
import { functionChartOptions, keepChartCurrent, loadChart, points, themeColors, tickText } from './charts';
import { drawColor } from './palette';
import { S, num } from './strings';
import css from './fit1d.module.css';

/** Props of {@link GalleryView} (serialised into the page by Astro). */
export interface GalleryViewProps {
  /** Inputs of every curve. */
  sampleXs: number[];
  /** The network's function for each draw, at `sampleXs`. */
  draws: number[][];
  targetXs: number[];
  targetYs: number[];
  /** Shared y range of the gallery. */
  y0: number;
  y1: number;
  /** The static gallery. */
  children?: ComponentChildren;
}

/** Gallery / overlay switch for the random draws. */
export default function GalleryView(props: GalleryViewProps) {
  const ui = useUiText();
  const [mounted, setMounted] = useState(false);
  const [view, setView] = useState<'gallery' | 'overlay'>('gallery');
  const [status, setStatus] = useState<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const [Chart, setChart] = useState<typeof ChartType | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => setMounted(true), []);

  function show(next: 'gallery' | 'overlay'): void {
    setView(next);
    if (next === 'overlay' && !Chart) {
      setStatus('loading');
      loadChart().then(
        (C) => {
          setChart(() => C);
          setStatus('ready');
        },
        (err: unknown) => {
          console.error('fit1d-random:', err);
          setStatus('error');
          setView('gallery');
        },
      );
    }
  }

  useEffect(() => {
    if (!Chart || view !== 'overlay' || !canvas.current) return;
    const el = canvas.current;
    return keepChartCurrent(() => {
      const c = themeColors(el);
      const options = functionChartOptions(c, props.y0, props.y1, [-2, -1, 0, 1, 2, 3, 4].filter((v) => v >= props.y0 && v <= props.y1));
      options.interaction = { mode: 'index', axis: 'x', intersect: false };
      options.plugins!.tooltip!.displayColors = true;
      options.plugins!.tooltip!.filter = (item) => item.datasetIndex > 0;
      options.plugins!.tooltip!.callbacks = {
        title: (items) => `x = ${tickText(items[0]?.parsed.x ?? 0)}`,
        label: (item) => `${item.datasetIndex}: ${num(item.parsed.y ?? 0, 3)}`,
      };
      const chart = new Chart(el, {
        type: 'line',
        data: {
          datasets: [
            { data: points(props.targetXs, props.targetYs), borderColor: c.fg, borderDash: [5, 4], borderWidth: 2, pointRadius: 0, pointHitRadius: 0 },
            ...props.draws.map((ys, k) => ({
              data: points(props.sampleXs, ys),
              borderColor: drawColor(k),
              backgroundColor: drawColor(k),
              borderWidth: 2,
              pointRadius: 0,
              pointHoverRadius: 3,
            })),
          ],
        },
        options,
      });
      return chart;
    });
  }, [Chart, view]);

  const overlay = view === 'overlay' && status === 'ready';
  return (
    <div class={css.root} data-view={overlay ? 'overlay' : 'gallery'} data-status={status} data-mounted={mounted ? '' : undefined}>
      {mounted && (
        <div class={css.toolbar}>
          <Bi t={S.view} />
          <div class={css.seg} role="group">
            <button type="button" data-view-button="gallery" aria-pressed={!overlay} onClick={() => show('gallery')}>
              <Bi t={S.gallery} />
            </button>
            <button type="button" data-view-button="overlay" aria-pressed={overlay} onClick={() => show('overlay')}>
              <Bi t={S.overlay} />
            </button>
          </div>
          {status === 'loading' && <Bi t={S.loadingChart} />}
        </div>
      )}
      {!overlay && props.children}
      {mounted && (
        <div hidden={!overlay}>
          <div class={css.panelHead}>
            <span class={css.key}>
              <i class={`${css.swatch} ${css.swTarget}`} style={{ borderTopColor: 'var(--fg)' }} />
              <Bi t={S.target} />
            </span>
            {props.draws.map((_, k) => (
              <span class={css.key}>
                <i class={css.swatch} style={{ borderTopColor: drawColor(k) }} />
                {k + 1}
              </span>
            ))}
          </div>
          <div class={`${css.canvasBox} ${css.overlayBox}`}>
            <canvas ref={canvas} role="img" aria-label={ui(S.overlay)} />
          </div>
        </div>
      )}
      {status === 'error' && (
        <p class={`${css.status} ${css.error}`} role="alert">
          <Bi t={S.chartFailed} />
        </p>
      )}
    </div>
  );
}
