/**
 * Island of figure "fit1d-network": the network's diagram, one input on top,
 * one output at the bottom, the hidden layers between, every connection drawn.
 * Server-rendered (so the diagram shows without JavaScript); once hydrated,
 * a switch colours the connections by a set of weights (random draw 1 or the
 * trained weights): colour = sign, thickness = size. The root carries
 * `data-mode` (structure | random | trained) for tests.
 *
 * Geometry in SVG user units (the SVG scales to the column): 560 × 400.
 */
import { useEffect, useState } from 'preact/hooks';
import { Bi } from './Bi';
import { useUiText } from '../kit/ui-lang';
import { S, int } from './strings';
import css from './fit1d.module.css';
import type { Bilingual } from '../../../lib/i18n';

/** Props of {@link NetworkDiagram} (serialised into the page by Astro). */
export interface NetworkDiagramProps {
  /** Units per layer, input first, e.g. `[1, 16, 16, 16, 1]`. */
  sizes: number[];
  /** Neurons with weights (hidden + output). */
  neurons: number;
  /** Weights and biases. */
  params: number;
  /** Kernels per layer (`[fanIn × fanOut]` row-major) of the random draw and of the trained network. */
  weights: { random: number[][]; trained: number[][] };
  /** Label of each layer row, input first. */
  rowLabels: Bilingual[];
  /** Shorter labels for narrow screens. */
  shortLabels: Bilingual[];
}

type Mode = 'structure' | 'random' | 'trained';

const W = 560;
const H = 400;
const PAD_X = 20;
const PAD_Y = 24;
const R = 9;

/** x of node `i` of a row of `n` nodes. */
function nodeX(i: number, n: number): number {
  return n === 1 ? W / 2 : PAD_X + (i * (W - 2 * PAD_X)) / (n - 1);
}

/** y of row `l` of `rows`. */
function rowY(l: number, rows: number): number {
  return PAD_Y + (l * (H - 2 * PAD_Y)) / (rows - 1);
}

interface Edge {
  key: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  w: number;
}

/** The diagram with its weight switch. */
export default function NetworkDiagram(props: NetworkDiagramProps) {
  const ui = useUiText();
  const { sizes } = props;
  const [mounted, setMounted] = useState(false);
  const [mode, setMode] = useState<Mode>('structure');
  useEffect(() => setMounted(true), []);

  const kernels = mode === 'structure' ? null : props.weights[mode];
  const edges: Edge[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nIn = sizes[l]!;
    const nOut = sizes[l + 1]!;
    for (let i = 0; i < nIn; i++) {
      for (let j = 0; j < nOut; j++) {
        edges.push({
          key: `${l}-${i}-${j}`,
          x1: nodeX(i, nIn),
          y1: rowY(l, sizes.length) + R,
          x2: nodeX(j, nOut),
          y2: rowY(l + 1, sizes.length) - R,
          w: kernels ? kernels[l]![i * nOut + j]! : 0,
        });
      }
    }
  }
  const maxAbs = kernels ? Math.max(1e-9, ...edges.map((e) => Math.abs(e.w))) : 1;
  if (kernels) edges.sort((a, b) => Math.abs(a.w) - Math.abs(b.w));

  return (
    <div class={`${css.root} ${css.net}`} data-mode={mode} data-mounted={mounted ? '' : undefined}>
      <p class={css.netCount}>
        <b>{int(props.neurons)}</b>{' '}
        <Bi
          t={{
            zh: `个神经元（${sizes.slice(1, -1).join(' + ')} 个隐藏、${sizes[sizes.length - 1]} 个输出），${int(props.params)} 个权重和偏置`,
            en: `neurons (${sizes.slice(1, -1).join(' + ')} hidden, ${sizes[sizes.length - 1]} output) · ${int(props.params)} weights and biases`,
          }}
        />
      </p>
      {mounted && (
        <div class={css.toolbar}>
          <Bi t={S.showWeights} />
          <div class={css.seg} role="group">
            {(['structure', 'random', 'trained'] as const).map((m) => (
              <button type="button" data-mode-button={m} aria-pressed={mode === m} onClick={() => setMode(m)}>
                <Bi t={m === 'structure' ? S.structure : m === 'random' ? S.randomWeights : S.trainedWeights} />
              </button>
            ))}
          </div>
        </div>
      )}
      <div class={css.netBody}>
        <div class={css.netLabels} aria-hidden="true">
          {props.rowLabels.map((t, l) => (
            <span style={{ top: `${((rowY(l, sizes.length) / H) * 100).toFixed(2)}%` }}>
              <span class={css.long}>
                <Bi t={t} />
              </span>
              <span class={css.short}>
                <Bi t={props.shortLabels[l] ?? t} />
              </span>
            </span>
          ))}
        </div>
        <svg
          class={css.netSvg}
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-label={ui({ zh: props.rowLabels.map((t) => t.zh).join('，'), en: props.rowLabels.map((t) => t.en).join(', ') })}
        >
          <g class={css.edges}>
            {edges.map((e) => {
              const a = Math.abs(e.w) / maxAbs;
              return (
                <line
                  key={e.key}
                  x1={e.x1.toFixed(1)}
                  y1={e.y1.toFixed(1)}
                  x2={e.x2.toFixed(1)}
                  y2={e.y2.toFixed(1)}
                  class={kernels ? (e.w >= 0 ? css.pos : css.neg) : undefined}
                  stroke-width={kernels ? (0.35 + 3.2 * Math.sqrt(a)).toFixed(2) : undefined}
                  stroke-opacity={kernels ? (0.25 + 0.75 * Math.sqrt(a)).toFixed(2) : undefined}
                />
              );
            })}
          </g>
          <g class={css.nodes}>
            {sizes.map((n, l) =>
              Array.from({ length: n }, (_, i) => (
                <circle
                  cx={nodeX(i, n).toFixed(1)}
                  cy={rowY(l, sizes.length).toFixed(1)}
                  r={l === 0 || l === sizes.length - 1 ? R + 2 : R}
                  class={l === 0 ? css.inNode : l === sizes.length - 1 ? css.outNode : undefined}
                />
              )),
            )}
          </g>
        </svg>
      </div>
      {kernels && (
        <div class={css.panelHead} style={{ marginTop: '0.4rem' }}>
          <span class={css.key}>
            <i class={`${css.swatch} ${css.swNet}`} />
            <Bi t={S.positive} />
          </span>
          <span class={css.key}>
            <i class={css.swatch} style={{ borderTopColor: 'var(--fit1d-warm, #c2560c)' }} />
            <Bi t={S.negative} />
          </span>
          <span>
            <Bi t={S.thickness} />
          </span>
        </div>
      )}
    </div>
  );
}
