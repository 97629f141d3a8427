/**
 * One network of figure "nearest-sizes" (presentational): its shape, diagram,
 * neuron count, map of the plane and agreement with the ideal function.
 * Rendered at build time (PNG map) and by the island (live canvas map).
 */
import type { ComponentChildren } from 'preact';
import type { NearestNetConfig } from '../../../lib/models/nearest';
import { nearestLayerSizes, nearestNeuronCount } from '../../../lib/models/nearest';
import { NEAREST_POINTS } from '../../../lib/nearest/geometry';
import { Bi } from './Bi';
import { MapPanel } from './MapPanel';
import { NetDiagram } from './NetDiagram';

export interface SizeCardProps {
  config: NearestNetConfig;
  /** Kernels per layer `[inputs, units]` (for the diagram's colours and thicknesses). */
  kernels: readonly ArrayLike<number>[];
  params: number;
  /** Agreement with the ideal function on the 200×200 grid, in [0, 1]. */
  agreement: number;
  /** Fraction of the grid where the top probability is below 0.9. */
  undecided: number;
  /** Live map element (canvas)… */
  image?: ComponentChildren;
  /** …or the build-time PNG. */
  imageSrc?: string;
  /** ms to compute and draw the live map. */
  ms?: number | null;
  probe?: { x: number; y: number } | null;
  onProbe?: (p: { x: number; y: number } | null) => void;
  /** The network's answer at the probe: class index and its probability. */
  answer?: { k: number; p: number } | null;
}

/** The card. */
export function SizeCard(p: SizeCardProps) {
  const sizes = nearestLayerSizes(p.config.hidden);
  const neurons = nearestNeuronCount(p.config.hidden);
  const depth = p.config.hidden.length;
  return (
    <article class="nf-size-card" data-net={p.config.name} data-map-ms={p.ms != null ? p.ms.toFixed(2) : undefined}>
      <header>
        <strong class="nf-size-neurons">
          <Bi zh={`${neurons} 个神经元`} en={`${neurons} neurons`} />
        </strong>
        <span class="nf-formula-line">{sizes.join('→')}</span>
      </header>
      <NetDiagram sizes={sizes} kernels={p.kernels} compact width={240} rowGap={depth > 2 ? 30 : 40} radius={6.5} maxShown={9} label={{ zh: `网络 ${sizes.join('→')} 的结构图`, en: `Diagram of the network ${sizes.join('→')}` }} />
      <MapPanel
        image={p.image ?? <img src={p.imageSrc} alt="" width={200} height={200} class="nf-map-img" loading="lazy" />}
        label={{ zh: `${neurons} 个神经元的网络算出的结果图`, en: `Map of what the ${neurons}-neuron network computes` }}
        probe={p.probe}
        onProbe={p.onProbe}
      />
      <dl class="nf-size-stats">
        <dt>
          <Bi zh="吻合" en="Agreement" />
        </dt>
        <dd data-agreement={p.agreement.toFixed(6)}>{(p.agreement * 100).toFixed(2)}%</dd>
        <dt>
          <Bi zh="拿不定主意" en="Undecided" />
        </dt>
        <dd>{(p.undecided * 100).toFixed(1)}%</dd>
        <dt>
          <Bi zh="参数" en="Parameters" />
        </dt>
        <dd>{p.params.toLocaleString('en-US')}</dd>
      </dl>
      {p.answer && (
        <p class="nf-size-answer">
          → <span class={`nf-chip nf-chip-${p.answer.k}`}>{NEAREST_POINTS[p.answer.k]!.id}</span> {(p.answer.p * 100).toFixed(0)}%
        </p>
      )}
    </article>
  );
}
