/**
 * Types of the part of `d3-delaunay` 6 that `./voronoi.ts` uses (the package
 * ships no declarations). See https://d3js.org/d3-delaunay.
 */
declare module 'd3-delaunay' {
  export class Voronoi<P> {
    /** The cell of point i as a closed ring of [x, y] (first vertex repeated), or null when it has none. */
    cellPolygon(i: number): [number, number][] | null;
  }
  export class Delaunay<P> {
    /** Triangulate `points` read through the accessors. */
    static from<P>(points: ArrayLike<P> | Iterable<P>, fx: (p: P, i: number) => number, fy: (p: P, i: number) => number): Delaunay<P>;
    /** The Voronoi diagram clipped to [xmin, ymin, xmax, ymax]. */
    voronoi(bounds?: [number, number, number, number]): Voronoi<P>;
  }
}
