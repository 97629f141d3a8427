/**
 * Figure "nearest-ideal": the ideal nearest-point function as a coloured map
 * of the square, with its watersheds. Moving the pointer over the map (or
 * tapping it) reads the function's value there and highlights that region.
 */
import { useRef, useState } from 'preact/hooks';
import { nearestIndex, NEAREST_POINTS } from '../../../lib/nearest/geometry';
import { Bi } from './Bi';
import { PlaneFrame } from './PlaneFrame';
import { svgPoint, sx, sy, toPlane } from './plane';
import './nearest.css';

/** The island (and its static rendering, without a probe). */
export default function IdealMap() {
  const svg = useRef<SVGSVGElement>(null);
  const [probe, setProbe] = useState<{ x: number; y: number } | null>(null);
  const move = (e: PointerEvent) => {
    if (!svg.current) return;
    const p = svgPoint(svg.current, e.clientX, e.clientY);
    if (p) setProbe(toPlane(p.px, p.py));
  };
  const k = probe ? nearestIndex(NEAREST_POINTS, probe.x, probe.y) : null;
  return (
    <div class="nf nf-ideal">
      <div class="nf-square">
        <PlaneFrame
          svgRef={svg}
          label="The ideal nearest-point function: the square split into three coloured regions, one around each of the points A, B and C, separated by straight watersheds"
          regions
          watersheds="solid"
          highlight={k}
          onPointerMove={move}
          onPointerDown={move}
          over={probe && <circle cx={sx(probe.x)} cy={sy(probe.y)} r={5} class="nf-probe" />}
        />
      </div>
      <p class="nf-readout" aria-live="polite">
        {probe && k !== null ? (
          <>
            f[{`{${probe.x.toFixed(2)}, ${probe.y.toFixed(2)}}`}] = <span class={`nf-chip nf-chip-${k}`}>{NEAREST_POINTS[k]!.id}</span>
          </>
        ) : (
          <Bi zh="每个位置都涂上离它最近的那个点的颜色。把指针移到图上，读出函数值。" en="Each location has the colour of the point nearest to it. Move the pointer over the map to read the function's value." />
        )}
      </p>
    </div>
  );
}
