/**
 * Basins of attraction of a set of points ("coffee shops"): their Voronoi
 * cells inside a rectangle, computed with d3-delaunay (Delaunator under the
 * hood). Pure TypeScript: no DOM. Coordinates are whatever units the caller
 * uses (the figure uses SVG user units, y downwards).
 */
import { Delaunay } from 'd3-delaunay';

/** A point with a stable id (so a dragged shop keeps its colour). */
export interface Shop {
  id: number;
  x: number;
  y: number;
}

/** `[xMin, yMin, xMax, yMax]` of the drawing. */
export type Box = readonly [number, number, number, number];

/** The drawing area of the basins figure, in SVG user units. */
export const BASINS_BOX: Box = [0, 0, 640, 400];

/** The shops the figure starts with. */
export const DEFAULT_SHOPS: readonly Shop[] = [
  { id: 1, x: 92, y: 86 },
  { id: 2, x: 262, y: 64 },
  { id: 3, x: 468, y: 112 },
  { id: 4, x: 566, y: 292 },
  { id: 5, x: 352, y: 232 },
  { id: 6, x: 154, y: 300 },
  { id: 7, x: 420, y: 352 },
];

/**
 * The Voronoi cell of every shop, clipped to `box`.
 * @param shops at least one point; coincident points share a cell (the later one gets none)
 * @returns per shop, in the same order: the polygon as `[x, y]` vertices (first vertex not repeated), or null
 */
export function voronoiCells(shops: readonly { x: number; y: number }[], box: Box = BASINS_BOX): ([number, number][] | null)[] {
  if (shops.length === 0) return [];
  if (shops.length === 1) {
    const [x0, y0, x1, y1] = box;
    return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]];
  }
  const delaunay = Delaunay.from(shops, (p) => p.x, (p) => p.y);
  const voronoi = delaunay.voronoi([...box]);
  return shops.map((_, i) => {
    const poly = voronoi.cellPolygon(i) as [number, number][] | null;
    if (!poly || poly.length < 4) return null;
    // d3 closes the ring by repeating the first vertex.
    return poly.slice(0, -1).map(([x, y]) => [x, y] as [number, number]);
  });
}

/** SVG path data of a polygon (`M … L … Z`), coordinates rounded to 0.1. */
export function polygonPath(poly: readonly [number, number][]): string {
  return poly.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`).join('') + 'Z';
}

/** Area of a polygon (shoelace formula), in squared units. */
export function polygonArea(poly: readonly [number, number][]): number {
  let a = 0;
  for (let i = 0; i < poly.length; i++) {
    const [x0, y0] = poly[i]!;
    const [x1, y1] = poly[(i + 1) % poly.length]!;
    a += x0 * y1 - x1 * y0;
  }
  return Math.abs(a) / 2;
}

/** Centroid of a polygon (for checking that a cell moved). */
export function polygonCentroid(poly: readonly [number, number][]): [number, number] {
  let a = 0, cx = 0, cy = 0;
  for (let i = 0; i < poly.length; i++) {
    const [x0, y0] = poly[i]!;
    const [x1, y1] = poly[(i + 1) % poly.length]!;
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (a === 0) return poly[0] ?? [0, 0];
  return [cx / (3 * a), cy / (3 * a)];
}

/**
 * The watersheds: edges shared by two cells (the cells' outer edges along the
 * drawing's border are left out).
 * @param cells polygons as returned by {@link voronoiCells}
 * @param eps distance under which two vertices count as the same
 * @returns segments `[[x1, y1], [x2, y2]]` with the indices of the two cells
 */
export function sharedEdges(cells: readonly ([number, number][] | null)[], eps = 1e-6): { a: number; b: number; from: [number, number]; to: [number, number] }[] {
  const out: { a: number; b: number; from: [number, number]; to: [number, number] }[] = [];
  const same = (p: [number, number], q: [number, number]) => Math.abs(p[0] - q[0]) <= eps && Math.abs(p[1] - q[1]) <= eps;
  for (let a = 0; a < cells.length; a++) {
    const pa = cells[a];
    if (!pa) continue;
    for (let b = a + 1; b < cells.length; b++) {
      const pb = cells[b];
      if (!pb) continue;
      for (let i = 0; i < pa.length; i++) {
        const p = pa[i]!;
        const q = pa[(i + 1) % pa.length]!;
        // An edge of a is shared when b has the same two vertices next to each other (in reverse order).
        for (let j = 0; j < pb.length; j++) {
          if (same(pb[j]!, q) && same(pb[(j + 1) % pb.length]!, p)) out.push({ a, b, from: p, to: q });
        }
      }
    }
  }
  return out;
}
