/**
 * Figure "nearest-ideal": the ideal nearest-point function as a coloured map
 * of the square, with its watersheds. Moving the pointer over the map (or
 * tapping it) reads the function's value there and highlights that region.
 */
import { useState } from 'preact/hooks';
import { nearestIndex, NEAREST_POINTS } from '../../../lib/nearest/geometry';
import { Bi } from './Bi';
import { PlaneFrame } from './PlaneFrame';
import { sx, sy } from './plane';
import { usePlaneProbe } from './use-plane-probe';
import './nearest.css';

/** The island (and its static rendering, without a probe). */
export default function IdealMap() {
  const [probe, setProbe] = useState<{ x: number; y: number } | null>(null);
  const { svgRef, onPointer, onKeyDown } = usePlaneProbe(probe, setProbe);
  const k = probe ? nearestIndex(NEAREST_POINTS, probe.x, probe.y) : null;
  return (
    <div class="nf nf-ideal">
      <div class="nf-square">
        <PlaneFrame
          svgRef={svgRef}
          label={{
            zh: '理想的最近点函数：正方形被分成三个着色区域，分别围绕 A、B、C 三点，由笔直的分水岭隔开。方向键移动探测点，函数在那里的值在下方读出。',
            en: "The ideal nearest-point function: the square split into three coloured regions, one around each of the points A, B and C, separated by straight watersheds. Arrow keys move a probe point; the function's value there is read out below.",
          }}
          regions
          watersheds="solid"
          highlight={k}
          onPointerMove={onPointer}
          onPointerDown={onPointer}
          onKeyDown={onKeyDown}
          over={probe && <circle cx={sx(probe.x)} cy={sy(probe.y)} r={5} class="nf-probe" />}
        />
      </div>
      <p class="nf-readout" aria-live="polite">
        {probe && k !== null ? (
          <>
            f[{`{${probe.x.toFixed(2)}, ${probe.y.toFixed(2)}}`}] = <span class={`nf-chip nf-chip-${k}`}>{NEAREST_POINTS[k]!.id}</span>
          </>
        ) : (
          <>
            <Bi zh="每个位置都涂上离它最近的那个点的颜色。" en="Each location has the colour of the point nearest to it." />
            <span data-needs-js>
              <Bi zh="把指针移到图上（或选中后按方向键），读出函数值。" en=" Move the pointer over the map (or focus it and use the arrow keys) to read the function's value." />
            </span>
          </>
        )}
      </p>
    </div>
  );
}
