/**
 * A probe point in the plane [-1, 1]² that the reader moves with the pointer
 * (move, tap) or, once the square has focus, with the arrow keys (0.05 per
 * press, 0.2 with Shift; the first press starts at the centre). The same
 * handlers serve every figure that reads a value at a point.
 */
import type { RefObject } from 'preact';
import { useRef } from 'preact/hooks';
import { arrowMove } from '../kit/keys';
import { svgPoint, toPlane } from './plane';

/** Plane units per arrow key press. */
export const PROBE_STEP = 0.05;

export type PlanePoint = { x: number; y: number };

/**
 * Handlers for a {@link PlaneFrame} whose probe lives in the caller's state.
 * @param probe the current probe (null: none yet)
 * @param setProbe called with the new probe, in plane units, clamped to [-1, 1]²
 * @returns `svgRef` for the frame, `onPointer` (for pointerdown/move) and `onKeyDown`
 */
export function usePlaneProbe(probe: PlanePoint | null, setProbe: (p: PlanePoint) => void): {
  svgRef: RefObject<SVGSVGElement>;
  onPointer: (e: PointerEvent) => void;
  onKeyDown: (e: KeyboardEvent) => void;
} {
  const svgRef = useRef<SVGSVGElement>(null);
  const onPointer = (e: PointerEvent) => {
    if (!svgRef.current) return;
    const p = svgPoint(svgRef.current, e.clientX, e.clientY);
    if (p) setProbe(toPlane(p.px, p.py));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const m = arrowMove(e);
    if (!m && e.key !== 'Home') return;
    e.preventDefault();
    if (!m || !probe) {
      setProbe({ x: 0, y: 0 });
      return;
    }
    const clamp = (v: number) => Math.round(Math.min(1, Math.max(-1, v)) * 100) / 100;
    setProbe({ x: clamp(probe.x + m[0] * PROBE_STEP), y: clamp(probe.y + m[1] * PROBE_STEP) });
  };
  return { svgRef, onPointer, onKeyDown };
}
