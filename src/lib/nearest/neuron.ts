/**
 * One neuron with two inputs and the ramp activation: value = max(0, w1·x + w2·y + b)
 * on the square [-1, 1]². Values on a grid (for a map), the crease line where
 * the ramp starts, and the polygons of its surface in a fixed oblique 3-D view
 * (for a small perspective-free drawing). Pure TypeScript: no DOM.
 */
import { PLANE, gridX, gridY, type PlaneBounds } from './geometry';

/** Weights and constant of the neuron. */
export interface NeuronParams {
  w1: number;
  w2: number;
  b: number;
}

/** Slider ranges of the figure. */
export const NEURON_RANGES = { w: { min: -1.5, max: 1.5, step: 0.05 }, b: { min: -1, max: 1, step: 0.05 } } as const;

/** Height that the drawings treat as full scale (values above run off the top of the map's colour scale). */
export const NEURON_Z_MAX = 3;

/** Parameter choices of the gallery, each showing one thing a single neuron can do. */
export const NEURON_PRESETS: readonly { params: NeuronParams; note: { zh: string; en: string } }[] = [
  { params: { w1: 1, w2: 0, b: 0 }, note: { zh: '只看 x', en: 'x only' } },
  { params: { w1: 0, w2: 1, b: 0 }, note: { zh: '只看 y', en: 'y only' } },
  { params: { w1: 1, w2: 1, b: 0 }, note: { zh: 'x 与 y 同号相加', en: 'x and y added' } },
  { params: { w1: -1, w2: 0.5, b: 0.3 }, note: { zh: '负权重：方向反过来', en: 'a negative weight turns it round' } },
  { params: { w1: 1.5, w2: -1.5, b: -0.5 }, note: { zh: '陡峭，且有负常数', en: 'steep, with a negative constant' } },
  { params: { w1: 0.3, w2: 0.2, b: 0.8 }, note: { zh: '常数大：处处为正，只剩平面', en: 'large constant: positive everywhere, just a plane' } },
];

/** w1·x + w2·y + b. */
export function neuronPre(p: NeuronParams, x: number, y: number): number {
  return p.w1 * x + p.w2 * y + p.b;
}

/** max(0, w1·x + w2·y + b). */
export function neuronValue(p: NeuronParams, x: number, y: number): number {
  const s = neuronPre(p, x, y);
  return s > 0 ? s : 0;
}

/**
 * The neuron's value on an n × n grid of cell centres.
 * @param out optional array of length n·n to fill (avoids allocation while dragging a slider)
 * @returns `[n·n]`, row 0 = top (y = yMax)
 */
export function neuronGrid(p: NeuronParams, n: number, out: Float32Array = new Float32Array(n * n), bounds: PlaneBounds = PLANE): Float32Array {
  for (let r = 0; r < n; r++) {
    const base = p.w2 * gridY(r, n, bounds) + p.b;
    for (let c = 0; c < n; c++) {
      const s = p.w1 * gridX(c, n, bounds) + base;
      out[r * n + c] = s > 0 ? s : 0;
    }
  }
  return out;
}

/**
 * Clip a convex polygon to the half-plane where `sign · (w1·x + w2·y + b) ≥ 0`
 * (Sutherland–Hodgman against one line).
 * @param poly vertices in order, `[x, y]` each
 * @returns the clipped polygon (possibly empty)
 */
export function clipHalfPlane(poly: readonly [number, number][], p: NeuronParams, sign: 1 | -1): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    const sa = sign * neuronPre(p, a[0], a[1]);
    const sb = sign * neuronPre(p, b[0], b[1]);
    if (sa >= 0) out.push(a);
    if ((sa >= 0) !== (sb >= 0)) {
      const t = sa / (sa - sb);
      out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    }
  }
  return out;
}

/**
 * The crease: the part of the line w1·x + w2·y + b = 0 inside the plane's square.
 * @returns its two end points, or null when the line misses the square (or w1 = w2 = 0)
 */
export function creaseSegment(p: NeuronParams, bounds: PlaneBounds = PLANE): [[number, number], [number, number]] | null {
  if (p.w1 === 0 && p.w2 === 0) return null;
  const square: [number, number][] = [
    [bounds.xMin, bounds.yMin],
    [bounds.xMax, bounds.yMin],
    [bounds.xMax, bounds.yMax],
    [bounds.xMin, bounds.yMax],
  ];
  const hits: [number, number][] = [];
  for (let i = 0; i < 4; i++) {
    const a = square[i]!;
    const b = square[(i + 1) % 4]!;
    const sa = neuronPre(p, a[0], a[1]);
    const sb = neuronPre(p, b[0], b[1]);
    if (sa === 0) hits.push(a);
    else if (sa * sb < 0) {
      const t = sa / (sa - sb);
      hits.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    }
  }
  if (hits.length < 2) return null;
  return [hits[0]!, hits[hits.length - 1]!];
}

/** Screen position of a point of the oblique view, in view units (y grows downwards). */
export interface ViewPoint {
  sx: number;
  sy: number;
}

/**
 * The fixed oblique view of the surfaces, seen from the front (y = −1) and a
 * little to the right: x runs to the right (dipping slightly), y recedes
 * up-right, z goes straight up.
 * @param zScale view units per unit of height
 * @returns sx = 0.9x + 0.42y, sy = 0.14x − 0.4y − z·zScale (view units, y down)
 */
export function projectOblique(x: number, y: number, z: number, zScale: number): ViewPoint {
  return { sx: 0.9 * x + 0.42 * y, sy: 0.14 * x - 0.4 * y - z * zScale };
}

/** Depth of a point of the plane in {@link projectOblique}'s view: larger is farther. */
export function obliqueDepth(x: number, y: number): number {
  return 0.4 * y - 0.14 * x;
}

/** One face of the drawn surface. */
export interface SurfaceFace {
  /** Projected vertices. */
  points: ViewPoint[];
  /** True on the flat part (value 0), false on the ramp. */
  flat: boolean;
  /** Depth for painter's ordering: larger is farther. */
  depth: number;
  /** Mean height of the face's vertices (0 on the flat part). */
  height: number;
}

/**
 * Faces of the surface z = max(0, w1·x + w2·y + b) over the square, cut into
 * `cells × cells` squares, each split exactly along the crease, sorted far to
 * near (draw them in order). Height is clamped at `zMax`.
 */
export function surfaceFaces(p: NeuronParams, cells = 10, zScale = 0.18, zMax = 2 * NEURON_Z_MAX, bounds: PlaneBounds = PLANE): SurfaceFace[] {
  const faces: SurfaceFace[] = [];
  const dx = (bounds.xMax - bounds.xMin) / cells;
  const dy = (bounds.yMax - bounds.yMin) / cells;
  const z = (x: number, y: number) => Math.min(zMax, neuronValue(p, x, y));
  for (let i = 0; i < cells; i++) {
    for (let j = 0; j < cells; j++) {
      const x0 = bounds.xMin + i * dx;
      const y0 = bounds.yMin + j * dy;
      const quad: [number, number][] = [
        [x0, y0],
        [x0 + dx, y0],
        [x0 + dx, y0 + dy],
        [x0, y0 + dy],
      ];
      for (const sign of [-1, 1] as const) {
        const part = clipHalfPlane(quad, p, sign);
        if (part.length < 3) continue;
        let cx = 0, cy = 0, h = 0;
        for (const [x, y] of part) {
          cx += x;
          cy += y;
          h += z(x, y);
        }
        cx /= part.length;
        cy /= part.length;
        faces.push({
          points: part.map(([x, y]) => projectOblique(x, y, z(x, y), zScale)),
          flat: sign === -1,
          depth: obliqueDepth(cx, cy),
          height: h / part.length,
        });
      }
    }
  }
  faces.sort((a, b) => b.depth - a.depth);
  return faces;
}
