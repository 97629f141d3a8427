/**
 * Figure "nearest-three-points": the three fixed points. Moving the pointer
 * over the square (or tapping it) places a probe and draws its distance to
 * each point; the shortest is drawn solid and named below.
 */
import { useState } from 'preact/hooks';
import { nearestIndex, NEAREST_POINTS } from '../../../lib/nearest/geometry';
import { Bi } from './Bi';
import { PlaneFrame } from './PlaneFrame';
import { sx, sy } from './plane';
import { usePlaneProbe } from './use-plane-probe';
import './nearest.css';

/** The island (and its static rendering, without a probe). */
export default function ThreePoints() {
  const [probe, setProbe] = useState<{ x: number; y: number } | null>(null);
  const { svgRef, onPointer, onKeyDown } = usePlaneProbe(probe, setProbe);
  const best = probe ? nearestIndex(NEAREST_POINTS, probe.x, probe.y) : -1;
  const dist = (i: number) => (probe ? Math.hypot(NEAREST_POINTS[i]!.x - probe.x, NEAREST_POINTS[i]!.y - probe.y) : 0);
  return (
    <div class="nf nf-three">
      <div class="nf-square">
        <PlaneFrame
          svgRef={svgRef}
          label={{
            zh: '−1 到 1 的正方形里固定的三个点 A、B、C。方向键移动探测点，离它最近的点在下方读出。',
            en: 'Three fixed points A, B and C in the square from −1 to 1. Arrow keys move a probe point; the nearest point is read out below.',
          }}
          onPointerMove={onPointer}
          onPointerDown={onPointer}
          onKeyDown={onKeyDown}
          under={
            probe &&
            NEAREST_POINTS.map((p, i) => (
              <line key={p.id} x1={sx(probe.x)} y1={sy(probe.y)} x2={sx(p.x)} y2={sy(p.y)} class={`nf-dist${i === best ? ' nf-best' : ''}`} />
            ))
          }
          over={probe && <circle cx={sx(probe.x)} cy={sy(probe.y)} r={5} class="nf-probe" />}
        />
      </div>
      <p class="nf-readout" aria-live="polite">
        {probe ? (
          <>
            {`{${probe.x.toFixed(2)}, ${probe.y.toFixed(2)}}`} →{' '}
            <span class={`nf-chip nf-chip-${best}`}>{NEAREST_POINTS[best]!.id}</span>{' '}
            <Bi
              zh={`最近（距离 ${dist(best).toFixed(2)}；${NEAREST_POINTS.map((p, i) => `${p.id} ${dist(i).toFixed(2)}`).join('，')}）`}
              en={`is nearest (distance ${dist(best).toFixed(2)}; ${NEAREST_POINTS.map((p, i) => `${p.id} ${dist(i).toFixed(2)}`).join(', ')})`}
            />
          </>
        ) : (
          <>
            {NEAREST_POINTS.map((p, i) => (
              <span key={p.id} style={{ marginRight: '0.9em' }}>
                <span class={`nf-chip nf-chip-${i}`}>{p.id}</span> {`{${p.x}, ${p.y}}`}
              </span>
            ))}
            <span data-needs-js>
              <br />
              <Bi zh="把指针移到方框里（或点一下，或选中方框后按方向键），看看哪个点最近。" en="Move the pointer over the square (or tap it, or focus it and use the arrow keys) to see which point is nearest." />
            </span>
          </>
        )}
      </p>
    </div>
  );
}
