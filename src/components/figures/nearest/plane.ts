/**
 * Geometry of the drawings of the plane [-1, 1]² (maths y up) in SVG user
 * units (y down), shared by the plane figures and their static fallbacks.
 */
import { NEAREST_POINTS, PLANE } from '../../../lib/nearest/geometry';
import { sharedEdges, voronoiCells } from '../../../lib/nearest/voronoi';

/** Side of the drawn square and the margin around it, in SVG user units. */
export const PLANE_SIZE = 300;
export const PLANE_MARGIN = 26;
/** Full viewBox side. */
export const PLANE_VIEW = PLANE_SIZE + 2 * PLANE_MARGIN;

/** Plane x → SVG x. */
export function sx(x: number): number {
  return PLANE_MARGIN + ((x - PLANE.xMin) / (PLANE.xMax - PLANE.xMin)) * PLANE_SIZE;
}

/** Plane y → SVG y. */
export function sy(y: number): number {
  return PLANE_MARGIN + ((PLANE.yMax - y) / (PLANE.yMax - PLANE.yMin)) * PLANE_SIZE;
}

/** SVG point → plane point, clamped to the square. */
export function toPlane(px: number, py: number): { x: number; y: number } {
  const x = PLANE.xMin + ((px - PLANE_MARGIN) / PLANE_SIZE) * (PLANE.xMax - PLANE.xMin);
  const y = PLANE.yMax - ((py - PLANE_MARGIN) / PLANE_SIZE) * (PLANE.yMax - PLANE.yMin);
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  return { x: clamp(x, PLANE.xMin, PLANE.xMax), y: clamp(y, PLANE.yMin, PLANE.yMax) };
}

/**
 * The pointer position of an event in an SVG's user units.
 * @returns null when the SVG has no screen transform (not rendered)
 */
export function svgPoint(svg: SVGSVGElement, clientX: number, clientY: number): { px: number; py: number } | null {
  const m = svg.getScreenCTM();
  if (!m) return null;
  const p = new DOMPoint(clientX, clientY).matrixTransform(m.inverse());
  return { px: p.x, py: p.y };
}

/** Cells of the three fixed points in SVG units, and their watersheds. */
export function idealCellsSvg(): { cells: ([number, number][] | null)[]; edges: ReturnType<typeof sharedEdges> } {
  const pts = NEAREST_POINTS.map((p) => ({ x: sx(p.x), y: sy(p.y) }));
  const cells = voronoiCells(pts, [sx(PLANE.xMin), sy(PLANE.yMax), sx(PLANE.xMax), sy(PLANE.yMin)]);
  return { cells, edges: sharedEdges(cells, 1e-4) };
}
