/**
 * Two drawings of one neuron's function max(0, w1·x + w2·y + b) over the
 * square [-1, 1]² (presentational, render at build time and in the island):
 *
 * - {@link NeuronSurface}: the surface in a fixed oblique 3-D view, faces split
 *   exactly along the crease (`surfaceFaces` in src/lib/nearest/neuron.ts);
 * - {@link NeuronMap}: the same function from above as a colour map. The
 *   function is linear where positive, so the map is exactly an SVG linear
 *   gradient from the crease (value 0, transparent) to the value
 *   {@link NEURON_Z_MAX} (full colour), with contour lines at 1 and 2.
 */
import { useUiText } from '../kit/ui-lang';
import type { Bilingual } from '../../../lib/i18n';
import { creaseSegment, NEURON_Z_MAX, projectOblique, surfaceFaces, type NeuronParams } from '../../../lib/nearest/neuron';

const VIEW_SCALE = 100;
const Z_SCALE = 0.16;

/** The function as a 3-D surface. */
export function NeuronSurface({ params, label, cells = 10 }: { params: NeuronParams; label: Bilingual; cells?: number }) {
  const ui = useUiText();
  const faces = surfaceFaces(params, cells, Z_SCALE);
  const V = (x: number, y: number, z = 0) => {
    const p = projectOblique(x, y, z, Z_SCALE);
    return { x: Number((p.sx * VIEW_SCALE).toFixed(1)), y: Number((p.sy * VIEW_SCALE).toFixed(1)) };
  };
  const P = (x: number, y: number) => {
    const v = V(x, y);
    return `${v.x},${v.y}`;
  };
  const crease = creaseSegment(params);
  // Extents of the view for heights up to 4 (the largest value the sliders allow).
  const top = (-0.54 - 4 * Z_SCALE) * VIEW_SCALE - 4;
  const bottom = 0.54 * VIEW_SCALE + 18;
  const lx = projectOblique(0.1, -1.32, 0, Z_SCALE);
  const ly = projectOblique(1.2, 0, 0, Z_SCALE);
  return (
    <svg viewBox={`-145 ${top.toFixed(0)} 290 ${(bottom - top).toFixed(0)}`} class="nf-surface" role="img" {...ui.attrs(label)}>
      <polygon points={[P(-1, -1), P(1, -1), P(1, 1), P(-1, 1)].join(' ')} class="nf-surface-base" />
      {faces.map((f, i) => (
        <polygon
          key={i}
          points={f.points.map((p) => `${(p.sx * VIEW_SCALE).toFixed(1)},${(p.sy * VIEW_SCALE).toFixed(1)}`).join(' ')}
          class={f.flat ? 'nf-face-flat' : 'nf-face-ramp'}
          fill-opacity={f.flat ? undefined : (0.3 + 0.6 * Math.min(1, f.height / NEURON_Z_MAX)).toFixed(2)}
        />
      ))}
      {crease && <line x1={V(...crease[0]).x} y1={V(...crease[0]).y} x2={V(...crease[1]).x} y2={V(...crease[1]).y} class="nf-crease" />}
      <text x={(lx.sx * VIEW_SCALE).toFixed(1)} y={(lx.sy * VIEW_SCALE + 4).toFixed(1)} class="nf-axis-label" text-anchor="middle">
        x
      </text>
      <text x={(ly.sx * VIEW_SCALE).toFixed(1)} y={(ly.sy * VIEW_SCALE + 4).toFixed(1)} class="nf-axis-label" text-anchor="start">
        y
      </text>
    </svg>
  );
}

const MAP = 200;
const mx = (x: number) => ((x + 1) / 2) * MAP;
const my = (y: number) => ((1 - y) / 2) * MAP;

/** The line w1·x + w2·y + b = level inside the square, or null. */
function levelLine(p: NeuronParams, level: number) {
  return creaseSegment({ ...p, b: p.b - level });
}

/** The function seen from above, as a colour map. */
export function NeuronMap({ params, id, label }: { params: NeuronParams; id: string; label: Bilingual }) {
  const ui = useUiText();
  const { w1, w2, b } = params;
  const n2 = w1 * w1 + w2 * w2;
  let fill: string;
  let gradient = null;
  if (n2 === 0) {
    fill = 'var(--nf-act)';
  } else {
    // Foot of the crease and the point where the value reaches NEURON_Z_MAX, along the gradient.
    const x0 = (-b * w1) / n2, y0 = (-b * w2) / n2;
    const x1 = x0 + (NEURON_Z_MAX * w1) / n2, y1 = y0 + (NEURON_Z_MAX * w2) / n2;
    gradient = (
      <linearGradient id={id} gradientUnits="userSpaceOnUse" x1={mx(x0).toFixed(2)} y1={my(y0).toFixed(2)} x2={mx(x1).toFixed(2)} y2={my(y1).toFixed(2)} data-neuron-gradient>
        <stop offset="0" stop-color="var(--nf-act)" stop-opacity="0" />
        <stop offset="1" stop-color="var(--nf-act)" stop-opacity="0.92" />
      </linearGradient>
    );
    fill = `url(#${id})`;
  }
  const constOpacity = n2 === 0 ? Math.min(1, Math.max(0, b) / NEURON_Z_MAX) * 0.92 : 1;
  const lines = [0, 1, 2].map((level) => ({ level, seg: levelLine(params, level) }));
  return (
    <svg viewBox={`-14 -4 ${MAP + 22} ${MAP + 22}`} class="nf-neuron-map" role="img" {...ui.attrs(label)}>
      <defs>{gradient}</defs>
      <rect x={0} y={0} width={MAP} height={MAP} fill="var(--bg)" />
      <rect x={0} y={0} width={MAP} height={MAP} fill={fill} fill-opacity={constOpacity} data-neuron-fill />
      {lines.map(({ level, seg }) =>
        seg ? (
          <line key={level} x1={mx(seg[0][0])} y1={my(seg[0][1])} x2={mx(seg[1][0])} y2={my(seg[1][1])} class={level === 0 ? 'nf-crease' : 'nf-contour'} />
        ) : null,
      )}
      <rect x={0} y={0} width={MAP} height={MAP} class="nf-frame" />
      <text x={MAP / 2} y={MAP + 15} class="nf-axis-label" text-anchor="middle">
        x
      </text>
      <text x={-6} y={MAP / 2 + 4} class="nf-axis-label" text-anchor="end">
        y
      </text>
    </svg>
  );
}
