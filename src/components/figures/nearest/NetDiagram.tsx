/**
 * Drawing of a small fully connected network, inputs at the top and outputs
 * at the bottom: every neuron a circle, every connection a line whose colour
 * gives the weight's sign and whose thickness its size. Presentational only:
 * rendered at build time by the slots (static fallback) and inside islands.
 *
 * Wide layers (more than `maxShown` units) are drawn condensed: their first and
 * last units with "⋯" between, and only the connections among drawn units.
 */
import type { JSX } from 'preact';
import { useUiText } from '../kit/ui-lang';
import type { Bilingual } from '../../../lib/i18n';
import { CLASS_HEX } from '../../../lib/nearest/colors';

/** A neuron: row 0 is the input row, row k the k-th layer's units. */
export interface NeuronRef {
  row: number;
  index: number;
}

export interface NetDiagramProps {
  /** Units per row, input first, e.g. `[2, 7, 7, 3]`. */
  sizes: readonly number[];
  /** Per layer the kernel `[inputs, units]` row-major; omitted = all lines thin grey. */
  kernels?: readonly ArrayLike<number>[];
  /** Per row (input row included) the values to show inside the neurons. */
  values?: readonly ArrayLike<number>[];
  /** Names of the inputs (default x, y). */
  inputLabels?: readonly string[];
  /** Names of the outputs (default A, B, C), drawn in the class colours. */
  outputLabels?: readonly string[];
  /** Largest number of units drawn in a row (default 12). */
  maxShown?: number;
  /** Width of the drawing in SVG user units (default 560). */
  width?: number;
  /** Vertical distance between rows in user units (default 78). */
  rowGap?: number;
  /** Neuron radius in user units (default 13). */
  radius?: number;
  /** Highlighted neuron: its connections are emphasised, the others dimmed. */
  focus?: NeuronRef | null;
  /** Makes neurons focusable and reports hover / focus / tap. */
  onFocusNeuron?: (n: NeuronRef | null) => void;
  /** Accessible description of the drawing. */
  label: Bilingual;
  /** Extra class on the `<svg>`. */
  class?: string;
  /** Smaller labels, no values (gallery thumbnails). */
  compact?: boolean;
}

interface Slot {
  /** Unit index, or -1 for the "⋯" placeholder. */
  index: number;
  x: number;
}

/** Which units of a row are drawn, and where (x in user units). A condensed row leaves room at its right for its size. */
function rowSlots(units: number, maxShown: number, width: number, radius: number, pad: number): Slot[] {
  const shown: number[] = [];
  if (units <= maxShown) for (let i = 0; i < units; i++) shown.push(i);
  else {
    const head = Math.ceil((maxShown - 1) / 2);
    const tail = maxShown - 1 - head;
    for (let i = 0; i < head; i++) shown.push(i);
    shown.push(-1);
    for (let i = units - tail; i < units; i++) shown.push(i);
  }
  const spacing = Math.min(4.6 * radius, (width - 2 * radius - 8 - 2 * pad) / Math.max(1, shown.length - 1));
  const x0 = width / 2 - (spacing * (shown.length - 1)) / 2;
  return shown.map((index, k) => ({ index, x: x0 + k * spacing }));
}

/** Value as text with 2 decimals (no "-0.00"). */
function fmt(v: number): string {
  const s = v.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

/** The diagram. */
export function NetDiagram(props: NetDiagramProps) {
  const ui = useUiText();
  const width = props.width ?? 560;
  const rowGap = props.rowGap ?? 78;
  const r = props.radius ?? 13;
  const maxShown = props.maxShown ?? 12;
  const { sizes, kernels, values, focus } = props;
  const inputLabels = props.inputLabels ?? ['x', 'y'];
  const outputLabels = props.outputLabels ?? ['A', 'B', 'C'];
  const top = (props.compact ? 14 : 22) + r;
  const height = top + rowGap * (sizes.length - 1) + r + (props.compact ? 16 : 26);
  const pad = sizes.some((u) => u > maxShown) ? 22 : 0;
  const rows = sizes.map((u) => rowSlots(u, maxShown, width, r, pad));
  const last = sizes.length - 1;

  // Thickness scale: the 95th percentile of |w| over the drawn connections is "full".
  let scale = 1;
  if (kernels) {
    const mags: number[] = [];
    kernels.forEach((k, li) => {
      const units = sizes[li + 1]!;
      for (const a of rows[li]!) for (const b of rows[li + 1]!) if (a.index >= 0 && b.index >= 0) mags.push(Math.abs(k[a.index * units + b.index]!));
    });
    mags.sort((a, b) => a - b);
    scale = mags[Math.floor(0.95 * (mags.length - 1))] || 1;
  }

  const y = (row: number) => top + row * rowGap;
  const isFocusEdge = (li: number, a: number, b: number) =>
    !!focus && ((focus.row === li && focus.index === a) || (focus.row === li + 1 && focus.index === b));

  const edges: JSX.Element[] = [];
  const focusEdges: JSX.Element[] = [];
  for (let li = 0; li < last; li++) {
    const units = sizes[li + 1]!;
    for (const a of rows[li]!) {
      if (a.index < 0) continue;
      for (const b of rows[li + 1]!) {
        if (b.index < 0) continue;
        const w = kernels ? kernels[li]![a.index * units + b.index]! : 0;
        const t = kernels ? Math.min(1, Math.abs(w) / scale) : 0.25;
        const hot = isFocusEdge(li, a.index, b.index);
        const el = (
          <line
            key={`${li}-${a.index}-${b.index}`}
            x1={a.x}
            y1={y(li) + r}
            x2={b.x}
            y2={y(li + 1) - r}
            class={`nf-edge ${kernels ? (w >= 0 ? 'nf-pos' : 'nf-neg') : 'nf-plain'}${hot ? ' nf-hot' : ''}`}
            stroke-width={(hot ? Math.max(1.4, 0.35 + 3.4 * t) : 0.35 + 3.4 * t).toFixed(2)}
            stroke-opacity={focus && !hot ? 0.1 : hot ? 1 : (0.3 + 0.7 * t).toFixed(2)}
          >
            {kernels && <title>{`w = ${w.toFixed(3)}`}</title>}
          </line>
        );
        (hot ? focusEdges : edges).push(el);
      }
    }
  }

  const interactive = !!props.onFocusNeuron;
  const nodes: JSX.Element[] = [];
  rows.forEach((slots, row) => {
    const rowValues = values?.[row];
    let rowMax = 0;
    if (rowValues) for (let i = 0; i < rowValues.length; i++) rowMax = Math.max(rowMax, Math.abs(rowValues[i]!));
    for (const s of slots) {
      if (s.index < 0) {
        nodes.push(
          <text key={`dots-${row}`} x={s.x} y={y(row) + 4} class="nf-dots" text-anchor="middle">
            ⋯
          </text>,
        );
        continue;
      }
      const isInput = row === 0;
      const isOutput = row === last;
      const v = rowValues ? rowValues[s.index]! : null;
      const fill = isOutput ? CLASS_HEX[s.index] ?? 'currentColor' : 'var(--nf-node)';
      const level = v === null ? null : isOutput ? v : rowMax > 0 ? Math.abs(v) / rowMax : 0;
      const focused = !!focus && focus.row === row && focus.index === s.index;
      const label = isInput ? inputLabels[s.index] : isOutput ? outputLabels[s.index] : undefined;
      nodes.push(
        <g
          key={`n-${row}-${s.index}`}
          class={`nf-neuron${focused ? ' nf-focused' : ''}${isInput ? ' nf-input' : ''}${isOutput ? ' nf-output' : ''}`}
          data-row={row}
          data-index={s.index}
          tabindex={interactive && !isInput ? 0 : undefined}
          role={interactive && !isInput ? 'button' : undefined}
          aria-label={interactive && !isInput ? ui(isOutput ? { zh: `输出 ${label}`, en: `output ${label}` } : { zh: `第 ${row} 层，第 ${s.index + 1} 个神经元`, en: `layer ${row}, neuron ${s.index + 1}` }) : undefined}
          onPointerEnter={interactive && !isInput ? () => props.onFocusNeuron!({ row, index: s.index }) : undefined}
          onFocus={interactive && !isInput ? () => props.onFocusNeuron!({ row, index: s.index }) : undefined}
          onClick={interactive && !isInput ? () => props.onFocusNeuron!({ row, index: s.index }) : undefined}
        >
          <circle cx={s.x} cy={y(row)} r={r} class="nf-node-bg" />
          {isOutput && <circle cx={s.x} cy={y(row)} r={r} fill={fill} fill-opacity={level === null ? 0.85 : 0.12 + 0.88 * level} />}
          {!isOutput && !isInput && level !== null && <circle cx={s.x} cy={y(row)} r={r} class="nf-node-fill" fill-opacity={(0.1 + 0.75 * level).toFixed(2)} />}
          <circle cx={s.x} cy={y(row)} r={r} class="nf-node-ring" stroke={isOutput ? fill : undefined} />
          {isInput && (
            <text x={s.x} y={y(row) - r - (props.compact ? 4 : 7)} class="nf-io-label" text-anchor="middle">
              {label}
            </text>
          )}
          {isOutput && (
            <text x={s.x} y={y(row) + r + (props.compact ? 13 : 17)} class="nf-io-label" text-anchor="middle" fill={fill}>
              {label}
            </text>
          )}
          {v !== null && (
            <text x={s.x} y={y(row) + 3.5} class={`nf-value${isOutput && level! > 0.55 ? ' nf-value-on' : ''}`} text-anchor="middle">
              {isOutput ? `${Math.round(v * 100)}%` : fmt(v)}
            </text>
          )}
        </g>,
      );
    }
    if (sizes[row]! > maxShown) {
      nodes.push(
        <text key={`count-${row}`} x={width - 1} y={y(row) + 4} class="nf-count" text-anchor="end">
          {sizes[row]}
        </text>,
      );
    }
  });

  return (
    <svg viewBox={`0 0 ${width} ${height}`} class={`nf-diagram${props.compact ? ' nf-compact' : ''} ${props.class ?? ''}`} role={interactive ? 'group' : 'img'} {...ui.attrs(props.label)}>
      <g>{edges}</g>
      <g>{focusEdges}</g>
      <g>{nodes}</g>
    </svg>
  );
}
