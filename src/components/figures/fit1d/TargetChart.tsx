/**
 * Island of figure "fit1d-target": the target function and its 200 training
 * examples drawn with Chart.js; hovering (or tapping) shows the example
 * nearest to the pointer. The static drawing passed as `children` shows until
 * the chart is ready, and stays if the chart code fails to load.
 * The root carries `data-status` (loading | ready | error) for tests.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Chart as ChartType } from 'chart.js';
import { Bi } from './Bi';
import { functionChartOptions, loadChart, points, themeColors, tickText, watchTheme } from './charts';
import { S } from './strings';
import css from './fit1d.module.css';

/** Props of {@link TargetChart} (serialised into the page by Astro). */
export interface TargetChartProps {
  /** Corner points of the target (drawn as straight segments). */
  targetXs: number[];
  targetYs: number[];
  /** Training examples. */
  exampleXs: number[];
  exampleYs: number[];
  /** Static drawing shown until the chart is ready. */
  children?: ComponentChildren;
}

/** The target-function chart. */
export default function TargetChart(props: TargetChartProps) {
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading');
  const [Chart, setChart] = useState<typeof ChartType | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let cancelled = false;
    loadChart().then(
      (C) => {
        if (cancelled) return;
        setChart(() => C);
        setStatus('ready');
      },
      (err: unknown) => {
        console.error('fit1d-target:', err);
        if (!cancelled) setStatus('error');
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!Chart || !canvas.current) return;
    const el = canvas.current;
    let chart: ChartType<'line'> | null = null;
    const build = () => {
      chart?.destroy();
      const c = themeColors(el);
      const options = functionChartOptions(c, -0.25, 1.25, [0, 0.5, 1]);
      options.plugins!.tooltip!.callbacks = {
        title: (items) => `x = ${tickText(items[0]?.parsed.x ?? 0)}`,
        label: (item) => `f(x) = ${tickText(item.parsed.y ?? 0)}`,
      };
      options.plugins!.tooltip!.filter = (item) => item.datasetIndex === 1;
      chart = new Chart(el, {
        type: 'line',
        data: {
          datasets: [
            { data: points(props.targetXs, props.targetYs), borderColor: c.accent, borderWidth: 2, pointRadius: 0, pointHitRadius: 0 },
            { data: points(props.exampleXs, props.exampleYs), showLine: false, pointRadius: 2.4, pointHoverRadius: 5, pointBackgroundColor: c.fg, pointBorderWidth: 0, backgroundColor: c.fg },
          ],
        },
        options,
      });
    };
    build();
    const stop = watchTheme(build);
    return () => {
      stop();
      chart?.destroy();
    };
  }, [Chart]);

  return (
    <div class={css.root} data-status={status}>
      <div class={css.stage}>
        {status !== 'ready' && props.children}
        <div class={`${css.canvasBox} ${css.wide}`} hidden={status !== 'ready'}>
          <canvas ref={canvas} role="img" aria-label={`${S.target.zh} / ${S.target.en}`} />
        </div>
      </div>
      {status === 'error' && (
        <p class={`${css.status} ${css.error}`} role="alert">
          <Bi t={S.chartFailed} />
        </p>
      )}
    </div>
  );
}
