/**
 * The view of figure "nearest-net-eval" (presentational): a point {x, y} in
 * the plane on the left, the network on the right with every neuron's value
 * for that input, and the answer. Rendered at build time from the committed
 * weights (static fallback) and by the island with the loaded network.
 */
import { useState } from 'preact/hooks';
import { argmax, traceDense, type DenseNet } from '../../../lib/nearest/dense';
import { nearestIndex, NEAREST_POINTS } from '../../../lib/nearest/geometry';
import { Bi } from './Bi';
import { NetDiagram } from './NetDiagram';
import { PlaneFrame } from './PlaneFrame';
import { svgPoint, sx, sy, toPlane } from './plane';
import { usePlaneProbe } from './use-plane-probe';

export interface EvalViewProps {
  net: DenseNet;
  probe: { x: number; y: number };
  /** When given, the reader can move the probe (drag on the plane, or type x and y). */
  onProbe?: (p: { x: number; y: number }) => void;
}

const clamp = (v: number) => Math.min(1, Math.max(-1, v));

/** The view. */
export function EvalView({ net, probe, onProbe }: EvalViewProps) {
  const { svgRef: svg, onKeyDown } = usePlaneProbe(probe, (p) => onProbe?.(p));
  const [dragging, setDragging] = useState(false);
  const trace = traceDense(net, [probe.x, probe.y]);
  const probs = trace.post[trace.post.length - 1]!;
  const answer = argmax(probs);
  const truth = nearestIndex(NEAREST_POINTS, probe.x, probe.y);
  const sizes = [2, ...net.layers.map((l) => l.units)];
  const place = (e: PointerEvent) => {
    if (!onProbe || !svg.current) return;
    const p = svgPoint(svg.current, e.clientX, e.clientY);
    if (p) onProbe(toPlane(p.px, p.py));
  };
  const numberInput = (key: 'x' | 'y') => (
    <label class="nf-num">
      <span>{key}</span>
      <input
        type="number"
        min={-1}
        max={1}
        step={0.01}
        value={probe[key].toFixed(2)}
        data-coord={key}
        onChange={(e) => {
          const v = Number((e.target as HTMLInputElement).value);
          if (Number.isFinite(v)) onProbe?.({ ...probe, [key]: clamp(v) });
        }}
      />
    </label>
  );
  return (
    <div class="nf-row nf-eval">
      <div class="nf-panel" style={{ flexBasis: '15rem' }}>
        <p class="nf-panel-title">
          <Bi zh={onProbe ? '在平面上点选或拖动 {x, y}' : '输入的位置 {x, y}'} en={onProbe ? 'Click or drag to pick {x, y}' : 'The input position {x, y}'} />
        </p>
        <PlaneFrame
          svgRef={svg}
          label={{
            zh: `平面上选中的点：x = ${probe.x.toFixed(2)}，y = ${probe.y.toFixed(2)}${onProbe ? '。方向键移动它，网络的回答在网络旁边读出。' : ''}`,
            en: `The plane with the chosen point at x = ${probe.x.toFixed(2)}, y = ${probe.y.toFixed(2)}${onProbe ? '. Arrow keys move it; the network\'s answer is read out beside the network.' : ''}`,
          }}
          onKeyDown={onProbe ? onKeyDown : undefined}
          regions
          watersheds="solid"
          highlight={truth}
          onPointerDown={
            onProbe
              ? (e) => {
                  setDragging(true);
                  try {
                    svg.current?.setPointerCapture?.(e.pointerId);
                  } catch {
                    /* not an active pointer */
                  }
                  place(e);
                }
              : undefined
          }
          onPointerMove={onProbe ? (e) => dragging && place(e) : undefined}
          onPointerUp={onProbe ? () => setDragging(false) : undefined}
          over={
            <g>
              <circle cx={sx(probe.x)} cy={sy(probe.y)} r={22} fill="transparent" class={onProbe ? 'nf-drag' : undefined} />
              <circle cx={sx(probe.x)} cy={sy(probe.y)} r={7} class="nf-probe" />
              <circle cx={sx(probe.x)} cy={sy(probe.y)} r={12} fill="none" stroke="var(--fg)" stroke-width={1.5} />
            </g>
          }
        />
        <div class="nf-controls" style={{ justifyContent: 'center', marginTop: '0.4rem' }}>
          {onProbe ? (
            <>
              {numberInput('x')}
              {numberInput('y')}
            </>
          ) : (
            <span class="nf-formula-line">{`{x, y} = {${probe.x.toFixed(2)}, ${probe.y.toFixed(2)}}`}</span>
          )}
        </div>
      </div>
      <div class="nf-col" style={{ flexBasis: '22rem' }}>
        <NetDiagram
          sizes={sizes}
          kernels={net.layers.map((l) => l.kernel)}
          values={[trace.input, ...trace.post]}
          width={400}
          radius={14}
          rowGap={70}
          label={{
            zh: `网络在 {${probe.x.toFixed(2)}, ${probe.y.toFixed(2)}} 处的计算：逐层给出每个神经元的值；输出概率 A ${Math.round(probs[0]! * 100)}%，B ${Math.round(probs[1]! * 100)}%，C ${Math.round(probs[2]! * 100)}%`,
            en: `The network evaluated at {${probe.x.toFixed(2)}, ${probe.y.toFixed(2)}}: every neuron's value, layer by layer; output probabilities A ${Math.round(probs[0]! * 100)}%, B ${Math.round(probs[1]! * 100)}%, C ${Math.round(probs[2]! * 100)}%`,
          }}
        />
        <p class="nf-readout" aria-live="polite" data-eval-output data-probs={Array.from(probs, (p) => p.toFixed(6)).join(',')} data-answer={NEAREST_POINTS[answer]!.id}>
          <Bi zh="网络的回答：" en="The network's answer: " />
          <span class={`nf-chip nf-chip-${answer}`}>{NEAREST_POINTS[answer]!.id}</span>{' '}
          <Bi zh={`（概率 ${(probs[answer]! * 100).toFixed(1)}%）`} en={`(probability ${(probs[answer]! * 100).toFixed(1)}%)`} />
          {' · '}
          <Bi zh="真正最近的点：" en="truly nearest: " />
          <span class={`nf-chip nf-chip-${truth}`}>{NEAREST_POINTS[truth]!.id}</span> {answer === truth ? '✓' : '✗'}
        </p>
      </div>
    </div>
  );
}
