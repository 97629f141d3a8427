/**
 * The view of figure "nearest-net-map" (presentational): the network's map of
 * the plane beside the ideal function, the fraction where they agree and how
 * much of the plane the network is undecided about. Rendered at build time
 * (PNG map) and by the island (canvas map, live).
 */
import type { ComponentChildren } from 'preact';
import { Bi } from './Bi';
import { MapPanel } from './MapPanel';
import { PlaneFrame } from './PlaneFrame';
import { sx, sy } from './plane';

export interface NetMapViewProps {
  /** The network's map element from the island (canvas, class `nf-map-img`)… */
  image?: ComponentChildren;
  /** …or the URL of a pre-computed map image (the build-time PNG). */
  imageSrc?: string;
  /** Neurons of the network, for the titles. */
  neurons: number;
  /** Agreement with the ideal function on the 200×200 grid, in [0, 1]. */
  agreement: number;
  /** Fraction of the grid where the top probability is below 0.9. */
  undecided: number;
  /** Time to compute and draw the map, when measured live (ms). */
  ms?: number | null;
  /** Whether disagreeing cells are marked. */
  markDiff: boolean;
  onToggleDiff?: (on: boolean) => void;
  probe?: { x: number; y: number } | null;
  onProbe?: (p: { x: number; y: number } | null) => void;
  /** Text about the probe (network's and ideal answer). */
  readout?: ComponentChildren;
}

const pct = (v: number, digits = 2) => `${(v * 100).toFixed(digits)}%`;

/** The view. */
export function NetMapView(p: NetMapViewProps) {
  return (
    <div class="nf-net-map-view">
      <div class="nf-controls" style={{ justifyContent: 'center' }} data-needs-js>
        <label class="nf-check">
          <input type="checkbox" checked={p.markDiff} disabled={!p.onToggleDiff} onChange={(e) => p.onToggleDiff?.((e.target as HTMLInputElement).checked)} data-mark-diff />
          <i class="nf-legend-dot nf-swatch-diff" />
          <Bi zh="标出与理想函数不一致的位置" en="Mark where it differs from the ideal" />
        </label>
      </div>
      <div class="nf-maps">
        <div>
          <p class="nf-panel-title">
            <Bi zh={`${p.neurons} 个神经元的网络算出的结果`} en={`What the ${p.neurons}-neuron network computes`} />
          </p>
          <MapPanel image={p.image ?? <img src={p.imageSrc} alt="" width={200} height={200} class="nf-map-img" />} label={{ zh: `网络回答的分布图：在平面的 ${pct(p.agreement)} 上与理想函数一致`, en: `Map of the network's answers; they agree with the ideal function on ${pct(p.agreement)} of the plane` }} probe={p.probe} onProbe={p.onProbe} />
        </div>
        <div>
          <p class="nf-panel-title">
            <Bi zh="理想的最近点函数" en="The ideal nearest-point function" />
          </p>
          <PlaneFrame
            label={{ zh: '理想的最近点函数', en: 'The ideal nearest-point function' }}
            regions
            watersheds="solid"
            over={p.probe && <circle cx={sx(p.probe.x)} cy={sy(p.probe.y)} r={5} class="nf-probe" />}
          />
        </div>
      </div>
      <ul class="nf-stats">
        <li data-agreement={p.agreement.toFixed(6)}>
          <Bi zh="吻合：" en="Agreement: " />
          <b>{pct(p.agreement)}</b>
          <Bi zh="（200×200 网格）" en=" (200×200 grid)" />
        </li>
        <li>
          <Bi zh="拿不定主意（最大概率 < 0.9）：" en="Undecided (top probability < 0.9): " />
          <b>{pct(p.undecided, 1)}</b>
        </li>
        {p.ms != null && (
          <li data-map-ms={p.ms.toFixed(2)}>
            <Bi zh={`本机计算并绘制：${p.ms.toFixed(1)} 毫秒`} en={`Computed and drawn here in ${p.ms.toFixed(1)} ms`} />
          </li>
        )}
      </ul>
      <p class="nf-readout" aria-live="polite">
        {p.readout ?? (
          <Bi
            zh="颜色越淡，网络越拿不定主意；虚线是理想的分水岭。"
            en="The paler the colour, the less sure the network is; the dashed lines are the ideal watersheds."
          />
        )}
      </p>
    </div>
  );
}
