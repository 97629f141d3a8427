/**
 * Island of figure "fit1d-target": the target function and its 200 training
 * examples drawn with Chart.js; hovering (or tapping) shows the example
 * nearest to the pointer; with the chart focused, the arrow keys step through
 * the examples from left to right (Shift: 10 at a time, Home/End: the ends),
 * and the chosen one is read out in a live region. The static drawing passed as `children` shows until
 * the chart is ready, and stays if the chart code fails to load.
 * The root carries `data-status` (loading | ready | error) for tests.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Chart as ChartType } from 'chart.js';
import { Bi } from './Bi';
import { useUiText } from '../kit/ui-lang';
import { useMounted } from '../kit/mounted';
import { functionChartOptions, keepChartCurrent, loadChart, points, themeColors, tickText } from './charts';
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
  const ui = useUiText();
  const mounted = useMounted();
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading');
  const [Chart, setChart] = useState<typeof ChartType | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<ChartType<'line'> | null>(null);
  /** Example indices sorted by x (the keyboard's order). */
  const order = useMemo(() => props.exampleXs.map((_, i) => i).sort((a, b) => props.exampleXs[a]! - props.exampleXs[b]!), [props.exampleXs]);
  /** Position in `order` chosen by keyboard, or null. */
  const [sel, setSel] = useState<number | null>(null);

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
    const stop = keepChartCurrent(() => {
      const c = themeColors(el);
      const options = functionChartOptions(c, -0.25, 1.25, [0, 0.5, 1]);
      options.plugins!.tooltip!.callbacks = {
        title: (items) => `x = ${tickText(items[0]?.parsed.x ?? 0)}`,
        label: (item) => `f(x) = ${tickText(item.parsed.y ?? 0)}`,
      };
      options.plugins!.tooltip!.filter = (item) => item.datasetIndex === 1;
      const chart = new Chart(el, {
        type: 'line',
        data: {
          datasets: [
            { data: points(props.targetXs, props.targetYs), borderColor: c.accent, borderWidth: 2, pointRadius: 0, pointHitRadius: 0 },
            { data: points(props.exampleXs, props.exampleYs), showLine: false, pointRadius: 2.4, pointHoverRadius: 5, pointBackgroundColor: c.fg, pointBorderWidth: 0, backgroundColor: c.fg },
          ],
        },
        options,
      });
      chartRef.current = chart;
      return chart;
    });
    return () => {
      stop();
      chartRef.current = null;
    };
  }, [Chart]);

  // Show the keyboard's example as the chart's hover state and tooltip.
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || sel === null) return;
    const index = order[sel]!;
    const el = chart.getDatasetMeta(1).data[index];
    const active = [{ datasetIndex: 1, index }];
    chart.setActiveElements(active);
    chart.tooltip?.setActiveElements(active, { x: el?.x ?? 0, y: el?.y ?? 0 });
    chart.update('none');
  }, [sel, order]);

  const onKeyDown = (e: KeyboardEvent) => {
    const last = order.length - 1;
    const cur = sel ?? -1;
    const step = e.shiftKey ? 10 : 1;
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowUp' ? Math.min(last, cur + step)
      : e.key === 'ArrowLeft' || e.key === 'ArrowDown' ? Math.max(0, cur < 0 ? 0 : cur - step)
      : e.key === 'Home' ? 0
      : e.key === 'End' ? last
      : null;
    if (next === null) return;
    e.preventDefault();
    setSel(next);
  };
  const chosen = sel === null ? null : order[sel]!;

  return (
    <div class={css.root} data-status={status}>
      <div class={css.stage}>
        {status !== 'ready' && props.children}
        {mounted && (
          <div class={`${css.canvasBox} ${css.wide}`} hidden={status !== 'ready'}>
            <canvas
              ref={canvas}
              role="application"
              tabIndex={0}
              aria-label={ui({
                zh: `${S.target.zh}：${props.exampleXs.length} 个样本。用左右方向键从左到右逐个查看，选中的样本在下方读出。`,
                en: `${S.target.en}: ${props.exampleXs.length} examples. Arrow keys step through them from left to right; the chosen one is read out below.`,
              })}
              onKeyDown={onKeyDown}
            />
          </div>
        )}
      </div>
      {status === 'ready' && (
        <p class={css.status} aria-live="polite" data-target-readout>
          {chosen !== null && (
            <Bi
              t={{
                zh: `第 ${sel! + 1} 个样例（共 ${order.length} 个，从左到右）：x = ${tickText(props.exampleXs[chosen]!)}，f(x) = ${tickText(props.exampleYs[chosen]!)}`,
                en: `Example ${sel! + 1} of ${order.length} (left to right): x = ${tickText(props.exampleXs[chosen]!)}, f(x) = ${tickText(props.exampleYs[chosen]!)}`,
              }}
            />
          )}
        </p>
      )}
      {status === 'error' && (
        <p class={`${css.status} ${css.error}`} role="alert">
          <Bi t={S.chartFailed} />
        </p>
      )}
    </div>
  );
}
