/**
 * The square [-1, 1]² as an SVG: frame, light grid, axis ticks, optionally the
 * three regions of the ideal function and their watersheds, and the three
 * fixed points. Overlays are passed as `under` (drawn below the points) and
 * `over` (drawn on top). Presentational; used by islands and static fallbacks.
 */
import type { ComponentChildren, Ref } from 'preact';
import { useUiText } from '../kit/ui-lang';
import type { Bilingual } from '../../../lib/i18n';
import { NEAREST_POINTS } from '../../../lib/nearest/geometry';
import { CLASS_HEX } from '../../../lib/nearest/colors';
import { polygonPath } from '../../../lib/nearest/voronoi';
import { idealCellsSvg, PLANE_MARGIN, PLANE_SIZE, PLANE_VIEW, sx, sy } from './plane';

export interface PlaneFrameProps {
  /** Accessible description, in both interface languages. */
  label: Bilingual;
  /** Fill the three regions of the ideal function. */
  regions?: boolean;
  /** Draw the watersheds of the ideal function: solid, dashed, or not. */
  watersheds?: 'solid' | 'dashed' | false;
  /** Draw the three fixed points (default true). */
  points?: boolean;
  /** Highlight one region (index) by a stronger fill. */
  highlight?: number | null;
  under?: ComponentChildren;
  over?: ComponentChildren;
  svgRef?: Ref<SVGSVGElement>;
  class?: string;
  onPointerDown?: (e: PointerEvent) => void;
  onPointerMove?: (e: PointerEvent) => void;
  onPointerUp?: (e: PointerEvent) => void;
  onPointerLeave?: (e: PointerEvent) => void;
  /**
   * Keyboard route: when given, the square is a tab stop (role `application`,
   * so screen readers pass the arrow keys through) and receives key presses.
   */
  onKeyDown?: (e: KeyboardEvent) => void;
  /** Image drawn under everything, filling the square (e.g. a network's map). */
  image?: ComponentChildren;
  /** Paint the square with the page background (default true); false lets a layer below show through. */
  background?: boolean;
}

const TICKS = [-1, -0.5, 0, 0.5, 1];

/** The three fixed points with their labels. */
export function FixedPoints() {
  return (
    <g>
      {NEAREST_POINTS.map((p, i) => (
        <g key={p.id}>
          <circle cx={sx(p.x)} cy={sy(p.y)} r={7.5} fill={CLASS_HEX[i]} class="nf-point" />
          <text x={sx(p.x) + 11} y={sy(p.y) - 9} class="nf-point-label">
            {p.id}
          </text>
        </g>
      ))}
    </g>
  );
}

/** The square with its decorations. */
export function PlaneFrame(props: PlaneFrameProps) {
  const ui = useUiText();
  const { cells, edges } = idealCellsSvg();
  const interactive = !!props.onPointerDown || !!props.onPointerMove;
  return (
    <svg
      ref={props.svgRef}
      viewBox={`0 0 ${PLANE_VIEW} ${PLANE_VIEW}`}
      class={`nf-plane-svg ${props.class ?? ''}`}
      role={props.onKeyDown ? 'application' : 'img'}
      tabindex={props.onKeyDown ? 0 : undefined}
      {...ui.attrs(props.label)}
      onKeyDown={props.onKeyDown}
      onPointerDown={props.onPointerDown}
      onPointerMove={props.onPointerMove}
      onPointerUp={props.onPointerUp}
      onPointerLeave={props.onPointerLeave}
      style={interactive ? { cursor: 'crosshair' } : undefined}
    >
      {props.background !== false && <rect x={PLANE_MARGIN} y={PLANE_MARGIN} width={PLANE_SIZE} height={PLANE_SIZE} fill="var(--bg)" />}
      {props.image}
      {props.regions &&
        cells.map((c, i) =>
          c ? <path key={i} d={polygonPath(c)} fill={CLASS_HEX[i]} fill-opacity={props.highlight === i ? 0.6 : 0.36} /> : null,
        )}
      {TICKS.map((t) => (
        <g key={t}>
          <line x1={sx(t)} y1={sy(-1)} x2={sx(t)} y2={sy(1)} class="nf-gridline" />
          <line x1={sx(-1)} y1={sy(t)} x2={sx(1)} y2={sy(t)} class="nf-gridline" />
        </g>
      ))}
      {props.watersheds &&
        edges.map((e, k) => (
          <line key={k} x1={e.from[0]} y1={e.from[1]} x2={e.to[0]} y2={e.to[1]} class={props.watersheds === 'dashed' ? 'nf-watershed-dashed' : 'nf-watershed'} />
        ))}
      <rect x={PLANE_MARGIN} y={PLANE_MARGIN} width={PLANE_SIZE} height={PLANE_SIZE} class="nf-frame" />
      {[-1, 0, 1].map((t) => (
        <g key={`l${t}`}>
          <text x={sx(t)} y={PLANE_MARGIN + PLANE_SIZE + 16} class="nf-axis-label" text-anchor="middle">
            {t}
          </text>
          <text x={PLANE_MARGIN - 6} y={sy(t) + 4} class="nf-axis-label" text-anchor="end">
            {t}
          </text>
        </g>
      ))}
      <text x={PLANE_MARGIN + PLANE_SIZE + 6} y={PLANE_MARGIN + PLANE_SIZE + 16} class="nf-axis-label">
        x
      </text>
      <text x={PLANE_MARGIN - 6} y={PLANE_MARGIN - 10} class="nf-axis-label" text-anchor="end">
        y
      </text>
      {props.under}
      {props.points !== false && <FixedPoints />}
      {props.over}
    </svg>
  );
}
