/**
 * The toy task of section 05: which of three fixed points is nearest to a
 * position {x, y}? Plane, points, the ideal ("nearest-point") function on a
 * grid, and comparisons of class maps. Pure TypeScript: no DOM, no tfjs.
 *
 * Coordinates: the plane is the square [-1, 1] × [-1, 1], x to the right,
 * y upwards (maths convention). Grids are stored row-major with row 0 at the
 * **top** (y = +1), as images are, so a grid can be copied into an ImageData.
 */

/** One fixed point of the task. */
export interface LabelledPoint {
  /** Short label shown in the figures, also the class name: `A`, `B`, `C`. */
  id: string;
  /** Position in plane units. */
  x: number;
  y: number;
}

/** A rectangle of the plane, in plane units. */
export interface PlaneBounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** The plane every nearest-point figure and network uses. */
export const PLANE: Readonly<PlaneBounds> = Object.freeze({ xMin: -1, xMax: 1, yMin: -1, yMax: 1 });

/**
 * The three fixed points. Class index k of a network's output is point k.
 * Chosen as an irregular triangle whose three watersheds all cross the
 * square, meeting near its centre (the circumcentre is ≈ (0.024, 0.080)).
 */
export const NEAREST_POINTS: readonly LabelledPoint[] = Object.freeze([
  Object.freeze({ id: 'A', x: -0.55, y: 0.35 }),
  Object.freeze({ id: 'B', x: 0.5, y: 0.5 }),
  Object.freeze({ id: 'C', x: 0.1, y: -0.55 }),
]);

/** Side of the grid on which agreement with the ideal function is measured (200 × 200 cells). */
export const AGREEMENT_GRID = 200;

/**
 * Index of the point nearest to (x, y) (Euclidean distance; ties go to the lower index).
 * @param points candidate points (at least one)
 * @returns index into `points`
 * @throws Error when `points` is empty
 */
export function nearestIndex(points: readonly { x: number; y: number }[], x: number, y: number): number {
  if (points.length === 0) throw new Error('nearestIndex: no points');
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < points.length; i++) {
    const dx = points[i]!.x - x;
    const dy = points[i]!.y - y;
    const d = dx * dx + dy * dy;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/**
 * Plane x of the centre of grid column `col`.
 * @param col 0 … n − 1 (left to right)
 * @param n grid side in cells
 */
export function gridX(col: number, n: number, bounds: PlaneBounds = PLANE): number {
  return bounds.xMin + ((col + 0.5) * (bounds.xMax - bounds.xMin)) / n;
}

/**
 * Plane y of the centre of grid row `row` (row 0 is the top, y = yMax).
 * @param row 0 … n − 1 (top to bottom)
 * @param n grid side in cells
 */
export function gridY(row: number, n: number, bounds: PlaneBounds = PLANE): number {
  return bounds.yMax - ((row + 0.5) * (bounds.yMax - bounds.yMin)) / n;
}

/**
 * The centres of an n × n grid as network inputs.
 * @returns `[n·n, 2]` row-major (x, y) pairs, row 0 of the grid first
 */
export function gridInputs(n: number, bounds: PlaneBounds = PLANE): Float32Array {
  const out = new Float32Array(n * n * 2);
  for (let r = 0; r < n; r++) {
    const y = gridY(r, n, bounds);
    for (let c = 0; c < n; c++) {
      const i = (r * n + c) * 2;
      out[i] = gridX(c, n, bounds);
      out[i + 1] = y;
    }
  }
  return out;
}

/**
 * The ideal nearest-point function on an n × n grid.
 * @param n grid side in cells
 * @param points the fixed points (default {@link NEAREST_POINTS})
 * @returns `[n·n]` class indices, row 0 = top
 */
export function idealMap(n: number, points: readonly { x: number; y: number }[] = NEAREST_POINTS, bounds: PlaneBounds = PLANE): Uint8Array {
  const out = new Uint8Array(n * n);
  for (let r = 0; r < n; r++) {
    const y = gridY(r, n, bounds);
    for (let c = 0; c < n; c++) out[r * n + c] = nearestIndex(points, gridX(c, n, bounds), y);
  }
  return out;
}

/**
 * Fraction of cells on which two class maps agree.
 * @param a class map
 * @param b class map of the same length
 * @returns value in [0, 1]
 * @throws Error when the lengths differ or are 0
 */
export function agreement(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) throw new Error(`agreement: maps of length ${a.length} and ${b.length}`);
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * Cells that lie on a watershed of a class map: a cell whose right or lower
 * neighbour has another class marks both cells.
 * @param classes `[n·n]` class map, row-major
 * @param n grid side
 * @returns `[n·n]` 1 on a boundary, else 0
 */
export function boundaryMask(classes: ArrayLike<number>, n: number): Uint8Array {
  const out = new Uint8Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const i = r * n + c;
      if (c + 1 < n && classes[i] !== classes[i + 1]) out[i] = out[i + 1] = 1;
      if (r + 1 < n && classes[i] !== classes[i + n]) out[i] = out[i + n] = 1;
    }
  }
  return out;
}

/**
 * Distance from (x, y) to the nearest watershed of `points`: for the nearest
 * point i and any other point j, the distance to their perpendicular
 * bisector is (|p_j − q|² − |p_i − q|²) / (2 |p_j − p_i|); the minimum over j.
 * @returns distance in plane units (0 on a watershed)
 */
export function watershedDistance(points: readonly { x: number; y: number }[], x: number, y: number): number {
  const i = nearestIndex(points, x, y);
  const pi = points[i]!;
  const di = (pi.x - x) ** 2 + (pi.y - y) ** 2;
  let best = Infinity;
  for (let j = 0; j < points.length; j++) {
    if (j === i) continue;
    const pj = points[j]!;
    const dj = (pj.x - x) ** 2 + (pj.y - y) ** 2;
    const sep = Math.hypot(pj.x - pi.x, pj.y - pi.y);
    if (sep === 0) return 0;
    best = Math.min(best, (dj - di) / (2 * sep));
  }
  return best;
}

/** A network is "undecided" at a cell whose top probability is below this (the boundary band). */
export const UNDECIDED_BELOW = 0.9;

/**
 * Fraction of cells whose top probability is below {@link UNDECIDED_BELOW}.
 * @param confidence `[cells]` top probability per cell
 * @returns value in [0, 1] (0 for an empty array)
 */
export function undecidedFraction(confidence: ArrayLike<number>, below = UNDECIDED_BELOW): number {
  if (confidence.length === 0) return 0;
  let n = 0;
  for (let i = 0; i < confidence.length; i++) if (confidence[i]! < below) n++;
  return n / confidence.length;
}
