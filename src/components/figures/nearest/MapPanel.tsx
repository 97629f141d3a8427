/**
 * A network's map of the plane (presentational): the map itself (an `<img>`
 * of the build-time PNG, or the island's `<canvas>`) placed exactly under the
 * inner square of a transparent {@link PlaneFrame} that draws the frame, the
 * ideal watersheds (dashed), the three points and an optional crosshair.
 */
import type { ComponentChildren } from 'preact';
import type { Bilingual } from '../../../lib/i18n';
import { PlaneFrame } from './PlaneFrame';
import { PLANE_MARGIN, PLANE_SIZE, PLANE_VIEW, sx, sy } from './plane';
import { usePlaneProbe } from './use-plane-probe';

export interface MapPanelProps {
  /** The map: an element filling its box (img or canvas) with `class="nf-map-img"`. */
  image: ComponentChildren;
  /** Accessible description, in both interface languages. */
  label: Bilingual;
  /** Crosshair position in plane units. */
  probe?: { x: number; y: number } | null;
  onProbe?: (p: { x: number; y: number } | null) => void;
  /** Draw the ideal watersheds (default true). */
  watersheds?: boolean;
  /** Draw the three points (default true). */
  points?: boolean;
}

/** Inset of the inner square in % of the panel. */
const INSET = `${((PLANE_MARGIN / PLANE_VIEW) * 100).toFixed(3)}%`;
const SIDE = `${((PLANE_SIZE / PLANE_VIEW) * 100).toFixed(3)}%`;

/** The panel. */
export function MapPanel(props: MapPanelProps) {
  const probe = props.probe;
  const { svgRef, onPointer: move, onKeyDown } = usePlaneProbe(probe ?? null, (p) => props.onProbe?.(p));
  return (
    <div class="nf-map-panel">
      <div class="nf-map-layer" style={{ left: INSET, top: INSET, width: SIDE, height: SIDE }}>
        {props.image}
      </div>
      <PlaneFrame
        svgRef={svgRef}
        label={
          props.onProbe
            ? { zh: `${props.label.zh}。方向键移动探测点，网络在那里的回答在下方读出。`, en: `${props.label.en}. Arrow keys move a probe point; the network's answer there is read out below.` }
            : props.label
        }
        background={false}
        watersheds={props.watersheds === false ? false : 'dashed'}
        points={props.points}
        onPointerMove={props.onProbe ? move : undefined}
        onPointerDown={props.onProbe ? move : undefined}
        onPointerLeave={props.onProbe ? (e) => e.pointerType === 'mouse' && props.onProbe!(null) : undefined}
        onKeyDown={props.onProbe ? onKeyDown : undefined}
        over={
          probe && (
            <g class="nf-map-cross">
              <line x1={sx(probe.x)} y1={sy(1)} x2={sx(probe.x)} y2={sy(-1)} stroke-opacity={0.35} />
              <line x1={sx(-1)} y1={sy(probe.y)} x2={sx(1)} y2={sy(probe.y)} stroke-opacity={0.35} />
              <circle cx={sx(probe.x)} cy={sy(probe.y)} r={5} class="nf-probe" />
            </g>
          )
        }
      />
    </div>
  );
}
