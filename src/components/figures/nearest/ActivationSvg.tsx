/**
 * Static SVG plot of activation functions on [−3, 3] (the build-time
 * fallback of the ReLU figure; the island draws the same with Chart.js).
 */
import { ACTIVATIONS, sampleActivation } from '../../../lib/nearest/activations';
import { uiAttrs } from '../../../lib/ui-pick';
import { ACTIVATION_COLORS, X_RANGE, Y_RANGE } from './activation-style';

const W = 560, H = 300, L = 40, R = 12, T = 12, B = 30;
const px = (x: number) => L + ((x - X_RANGE[0]) / (X_RANGE[1] - X_RANGE[0])) * (W - L - R);
const py = (y: number) => T + ((Y_RANGE[1] - y) / (Y_RANGE[1] - Y_RANGE[0])) * (H - T - B);

/** The plot; `show` lists the activation ids drawn (ReLU by default). */
export function ActivationSvg({ show = ['relu'] }: { show?: readonly string[] }) {
  const xt = [-3, -2, -1, 0, 1, 2, 3];
  const yt = [-1, 0, 1, 2, 3];
  return (
    <svg viewBox={`0 0 ${W} ${H}`} class="nf-activation-svg" role="img" {...uiAttrs({ zh: '斜坡函数 max(0, x) 在 x 从 −3 到 3 上的图像', en: 'Plot of the ramp function max(0, x) for x from −3 to 3' })}>
      {xt.map((t) => (
        <g key={`x${t}`}>
          <line x1={px(t)} y1={py(Y_RANGE[0])} x2={px(t)} y2={py(Y_RANGE[1])} class="nf-gridline" />
          <text x={px(t)} y={H - B + 16} class="nf-axis-label" text-anchor="middle">
            {t}
          </text>
        </g>
      ))}
      {yt.map((t) => (
        <g key={`y${t}`}>
          <line x1={px(X_RANGE[0])} y1={py(t)} x2={px(X_RANGE[1])} y2={py(t)} class="nf-gridline" />
          <text x={L - 8} y={py(t) + 4} class="nf-axis-label" text-anchor="end">
            {t}
          </text>
        </g>
      ))}
      <line x1={px(0)} y1={py(Y_RANGE[0])} x2={px(0)} y2={py(Y_RANGE[1])} class="nf-axis" />
      <line x1={px(X_RANGE[0])} y1={py(0)} x2={px(X_RANGE[1])} y2={py(0)} class="nf-axis" />
      {ACTIVATIONS.filter((a) => show.includes(a.id)).map((a) => (
        <polyline
          key={a.id}
          points={sampleActivation(a, X_RANGE[0], X_RANGE[1], 161)
            .map((p) => `${px(p.x).toFixed(1)},${py(Math.max(Y_RANGE[0], Math.min(Y_RANGE[1], p.y))).toFixed(1)}`)
            .join(' ')}
          fill="none"
          stroke={ACTIVATION_COLORS[a.id]}
          stroke-width={a.id === 'relu' ? 3 : 2}
        />
      ))}
      <text x={W - R} y={py(0) - 6} class="nf-axis-label" text-anchor="end">
        x
      </text>
    </svg>
  );
}
