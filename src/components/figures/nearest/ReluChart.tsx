/**
 * Figure "relu": the ramp function max(0, x), drawn with Chart.js, with
 * toggles to lay other activation functions over it (the step "threshold",
 * sigmoid, tanh, GELU). Until Chart.js has drawn, the static SVG plot passed
 * as children stays visible.
 */
import { watchDevicePixelRatio } from '../kit/resolution';
import { watchTheme } from '../kit/theme';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Chart, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';
import { ACTIVATIONS, sampleActivation, type ActivationFn } from '../../../lib/nearest/activations';
import { ACTIVATION_COLORS, X_RANGE, Y_RANGE } from './activation-style';
import { Bi } from './Bi';
import { useUiText } from '../kit/ui-lang';
import './nearest.css';

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip);

type Id = ActivationFn['id'];

/**
 * Resolve a CSS colour (e.g. `var(--accent)`, whose value may be a
 * `light-dark(…)` pair) to the `rgb(…)` the element would use: canvas cannot
 * read CSS variables. A probe element inherits the element's color-scheme.
 */
function resolveColor(el: Element, color: string): string {
  const probe = document.createElement('span');
  probe.style.color = color;
  probe.style.display = 'none';
  (el.parentElement ?? document.body).appendChild(probe);
  const rgb = getComputedStyle(probe).color;
  probe.remove();
  return rgb || '#888';
}

/** The island. */
export default function ReluChart({ children }: { children?: ComponentChildren }) {
  const ui = useUiText();
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'line', { x: number; y: number }[]> | null>(null);
  const [shown, setShown] = useState<Set<Id>>(new Set<Id>(['relu']));
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const themed = () => {
      const fg = resolveColor(el, 'var(--fg)');
      const muted = resolveColor(el, 'var(--muted)');
      const grid = resolveColor(el, 'var(--border)');
      return { fg, muted, grid };
    };
    const t = themed();
    const c = new Chart(el, {
      type: 'line',
      data: {
        datasets: ACTIVATIONS.map((a) => ({
          label: a.formula,
          data: sampleActivation(a, X_RANGE[0], X_RANGE[1], 161),
          borderColor: resolveColor(el, ACTIVATION_COLORS[a.id]),
          backgroundColor: resolveColor(el, ACTIVATION_COLORS[a.id]),
          borderWidth: a.id === 'relu' ? 3 : 2,
          pointRadius: 0,
          pointHoverRadius: 4,
          tension: 0,
          hidden: a.id !== 'relu',
          parsing: false,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: { type: 'linear', min: X_RANGE[0], max: X_RANGE[1], ticks: { stepSize: 1, color: t.muted }, grid: { color: t.grid }, title: { display: true, text: 'x', color: t.muted } },
          y: { type: 'linear', min: Y_RANGE[0], max: Y_RANGE[1], ticks: { stepSize: 1, color: t.muted }, grid: { color: t.grid }, title: { display: true, text: 'f(x)', color: t.muted } },
        },
        plugins: {
          tooltip: {
            callbacks: {
              title: (items) => `x = ${(items[0]?.parsed.x ?? 0).toFixed(2)}`,
              label: (item) => `${item.dataset.label}: ${(item.parsed.y ?? 0).toFixed(3)}`,
            },
          },
        },
      },
    });
    chart.current = c;
    setReady(true);
    // Follow the site's theme (the <html> data-theme attribute or the system setting).
    const retheme = () => {
      const t2 = themed();
      const scales = c.options.scales as Record<string, { ticks: { color: string }; grid: { color: string }; title: { color: string } }>;
      for (const s of Object.values(scales)) {
        s.ticks.color = t2.muted;
        s.grid.color = t2.grid;
        s.title.color = t2.muted;
      }
      c.data.datasets.forEach((d, i) => {
        d.borderColor = d.backgroundColor = resolveColor(el, ACTIVATION_COLORS[ACTIVATIONS[i]!.id]);
      });
      c.update('none');
    };
    const stopTheme = watchTheme(retheme);
    // Chart.js sizes its backing store from devicePixelRatio on resize only: resize when the ratio changes.
    const stopRatio = watchDevicePixelRatio(() => c.resize());
    return () => {
      stopTheme();
      stopRatio();
      c.destroy();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    ACTIVATIONS.forEach((a, i) => c.setDatasetVisibility(i, shown.has(a.id)));
    c.update('none');
  }, [shown, ready]);

  const toggle = (id: Id) => {
    if (id === 'relu') return;
    const next = new Set(shown);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setShown(next);
  };

  return (
    <div class="nf nf-relu">
      <div class="nf-controls nf-activation-keys" role="group" aria-label={ui({ zh: '激活函数', en: 'Activation functions' })}>
        {ACTIVATIONS.map((a) => (
          <button
            type="button"
            key={a.id}
            class="nf-btn nf-key"
            aria-pressed={shown.has(a.id)}
            disabled={a.id === 'relu'}
            onClick={() => toggle(a.id)}
            data-activation={a.id}
            // Without JavaScript the ramp's key stays as the static plot's legend; the others need the live chart.
            {...(a.id === 'relu' ? { 'data-nojs-content': '' } : { 'data-needs-js': '' })}
          >
            <i style={{ background: ACTIVATION_COLORS[a.id] }} />
            <Bi zh={a.label.zh} en={a.label.en} />
            <span class="nf-key-formula">{a.formula}</span>
          </button>
        ))}
      </div>
      <div class="nf-chart">
        <canvas ref={canvas} role="img" aria-label={ui({ zh: '斜坡函数 max(0, x) 以及已打开的其他激活函数的图像', en: 'Plot of the ramp function max(0, x) and any activation functions switched on' })} style={{ visibility: ready ? 'visible' : 'hidden' }} />
        {!ready && <div class="nf-chart-fallback">{children}</div>}
      </div>
      <p class="nf-note" style={{ textAlign: 'center' }}>
        <Bi zh="斜坡函数：x 为负时输出 0，为正时原样输出 x。" en="The ramp outputs 0 for negative x and x itself for positive x." />
        <span data-needs-js>
          <Bi zh="点按钮叠加其他激活函数作比较。" en=" Press a button to lay another activation function over it." />
        </span>
      </p>
    </div>
  );
}
