/**
 * Pure parts of the nearest-point figures: the ideal function, agreement,
 * watersheds, Voronoi cells, one neuron, the formula, colours and the PNG encoder.
 */
import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import {
  agreement,
  boundaryMask,
  gridInputs,
  gridX,
  gridY,
  idealMap,
  nearestIndex,
  NEAREST_POINTS,
  undecidedFraction,
  watershedDistance,
} from '../../src/lib/nearest/geometry';
import { BASINS_BOX, DEFAULT_SHOPS, polygonArea, polygonCentroid, sharedEdges, voronoiCells } from '../../src/lib/nearest/voronoi';
import { clipHalfPlane, creaseSegment, neuronGrid, neuronValue, surfaceFaces } from '../../src/lib/nearest/neuron';
import { formulaPlainText, networkFormulaTex } from '../../src/lib/nearest/formula';
import { paintClassMap, CLASS_RGB, DISAGREE_RGB } from '../../src/lib/nearest/colors';
import { crc32, encodePng } from '../../src/lib/nearest/png';
import { ACTIVATIONS, gelu, sampleActivation } from '../../src/lib/nearest/activations';
import { predictDense, type DenseNet } from '../../src/lib/nearest/dense';
import { nearestLayerSizes, nearestNeuronCount, nearestParamCount, NEAREST_GALLERY, NEAREST_MAIN } from '../../src/lib/models/nearest';

describe('ideal nearest-point function', () => {
  it('names the nearest point, and each fixed point is its own nearest', () => {
    NEAREST_POINTS.forEach((p, i) => expect(nearestIndex(NEAREST_POINTS, p.x, p.y)).toBe(i));
    expect(nearestIndex(NEAREST_POINTS, -1, 1)).toBe(0);
    expect(nearestIndex(NEAREST_POINTS, 1, 1)).toBe(1);
    expect(nearestIndex(NEAREST_POINTS, 0, -1)).toBe(2);
    expect(() => nearestIndex([], 0, 0)).toThrow();
  });

  it('grid cell centres run left→right and top→bottom', () => {
    expect(gridX(0, 200)).toBeCloseTo(-0.995, 12);
    expect(gridX(199, 200)).toBeCloseTo(0.995, 12);
    expect(gridY(0, 200)).toBeCloseTo(0.995, 12);
    const inputs = gridInputs(4);
    expect(Array.from(inputs.slice(0, 4))).toEqual([-0.75, 0.75, -0.25, 0.75]);
    expect(inputs.length).toBe(32);
  });

  it('ideal map: all three classes, each region holds its point, watersheds lie between', () => {
    const n = 200;
    const map = idealMap(n);
    const counts = [0, 0, 0];
    map.forEach((c) => counts[c]!++);
    expect(counts.every((c) => c > 0.15 * n * n)).toBe(true);
    const mask = boundaryMask(map, n);
    // Every marked cell is within one cell diagonal of a true watershed.
    const cell = 2 / n;
    for (let i = 0; i < mask.length; i++) {
      if (!mask[i]) continue;
      const x = gridX(i % n, n);
      const y = gridY(Math.floor(i / n), n);
      expect(watershedDistance(NEAREST_POINTS, x, y)).toBeLessThan(cell * Math.SQRT2);
    }
    const marked = mask.reduce((a, b) => a + b, 0);
    expect(marked).toBeGreaterThan(300);
    expect(marked).toBeLessThan(1500);
  });

  it('agreement counts equal cells and rejects mismatched maps', () => {
    expect(agreement([0, 1, 2, 2], [0, 1, 1, 2])).toBe(0.75);
    expect(() => agreement([0], [0, 1])).toThrow();
    expect(undecidedFraction([0.95, 0.5, 0.89, 1])).toBe(0.5);
  });

  it('an exact linear "network" (logits 2p·q − |p|²) agrees 100 % with the ideal map', () => {
    // argmin |q − p|² = argmax (2 p·q − |p|²): the ideal function is an argmax of linear functions.
    const kernel = new Float32Array(6);
    const bias = new Float32Array(3);
    NEAREST_POINTS.forEach((p, k) => {
      kernel[0 * 3 + k] = 2 * p.x;
      kernel[1 * 3 + k] = 2 * p.y;
      bias[k] = -(p.x * p.x + p.y * p.y);
    });
    const net: DenseNet = { layers: [{ name: 'out', inputs: 2, units: 3, kernel, bias, activation: 'softmax' }] };
    const probs = predictDense(net, gridInputs(100));
    const cls = new Uint8Array(100 * 100).map((_, i) => (probs[3 * i]! >= probs[3 * i + 1]! && probs[3 * i]! >= probs[3 * i + 2]! ? 0 : probs[3 * i + 1]! >= probs[3 * i + 2]! ? 1 : 2));
    expect(agreement(cls, idealMap(100))).toBe(1);
  });
});

describe('network family', () => {
  it('counts neurons (hidden + output) and parameters', () => {
    expect(nearestNeuronCount(NEAREST_MAIN.hidden)).toBe(17);
    expect(nearestParamCount(NEAREST_MAIN.hidden)).toBe(2 * 7 + 7 + 7 * 7 + 7 + 7 * 3 + 3);
    expect(nearestLayerSizes([7, 7])).toEqual([2, 7, 7, 3]);
    const counts = NEAREST_GALLERY.map((c) => nearestNeuronCount(c.hidden));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.length).toBeGreaterThanOrEqual(5);
    expect(counts[0]).toBeLessThan(10);
    expect(counts.at(-1)).toBeGreaterThan(200);
    expect(new Set(NEAREST_GALLERY.map((c) => c.hidden.length)).size).toBeGreaterThan(1);
  });
});

describe('Voronoi cells of the coffee shops', () => {
  it('tile the box, each cell holds its shop, and watersheds are shared edges', () => {
    const cells = voronoiCells(DEFAULT_SHOPS);
    const [x0, y0, x1, y1] = BASINS_BOX;
    const total = cells.reduce((a, c) => a + (c ? polygonArea(c) : 0), 0);
    expect(total).toBeCloseTo((x1 - x0) * (y1 - y0), 3);
    // Probe points: the cell they fall in (by the nearest shop) contains them; check via areas of a fine grid.
    for (let i = 0; i < DEFAULT_SHOPS.length; i++) {
      const s = DEFAULT_SHOPS[i]!;
      expect(nearestIndex(DEFAULT_SHOPS, s.x + 0.5, s.y - 0.5)).toBe(i);
      expect(cells[i]).not.toBeNull();
    }
    const edges = sharedEdges(cells);
    expect(edges.length).toBeGreaterThanOrEqual(DEFAULT_SHOPS.length - 1);
    for (const e of edges) {
      // Every point of a watershed is equally far from the two shops.
      const mid: [number, number] = [(e.from[0] + e.to[0]) / 2, (e.from[1] + e.to[1]) / 2];
      const a = DEFAULT_SHOPS[e.a]!;
      const b = DEFAULT_SHOPS[e.b]!;
      expect(Math.hypot(mid[0] - a.x, mid[1] - a.y)).toBeCloseTo(Math.hypot(mid[0] - b.x, mid[1] - b.y), 6);
    }
  });

  it('moving a shop moves its cell the same way; a single shop owns the whole box', () => {
    const before = voronoiCells(DEFAULT_SHOPS)[4]!;
    const moved = DEFAULT_SHOPS.map((s, i) => (i === 4 ? { ...s, x: s.x + 60 } : s));
    const after = voronoiCells(moved)[4]!;
    expect(polygonCentroid(after)[0]).toBeGreaterThan(polygonCentroid(before)[0] + 10);
    const one = voronoiCells([{ x: 5, y: 5 }]);
    expect(polygonArea(one[0]!)).toBe(640 * 400);
  });
});

describe('one ReLU neuron', () => {
  it('value, grid and crease', () => {
    const p = { w1: 1, w2: -0.5, b: 0.25 };
    expect(neuronValue(p, 0.5, 0.5)).toBeCloseTo(0.5, 12);
    expect(neuronValue(p, -1, 0)).toBe(0);
    const g = neuronGrid(p, 10);
    expect(g[0]).toBeCloseTo(neuronValue(p, gridX(0, 10), gridY(0, 10)), 6);
    const crease = creaseSegment(p)!;
    for (const [x, y] of crease) expect(p.w1 * x + p.w2 * y + p.b).toBeCloseTo(0, 12);
    expect(creaseSegment({ w1: 0, w2: 0, b: 1 })).toBeNull();
    expect(creaseSegment({ w1: 0.1, w2: 0, b: 1 })).toBeNull();
  });

  it('surface faces cover the square exactly once, split along the crease', () => {
    const p = { w1: 1.2, w2: 0.7, b: -0.3 };
    const half = clipHalfPlane([[-1, -1], [1, -1], [1, 1], [-1, 1]], p, 1);
    expect(half.length).toBeGreaterThanOrEqual(3);
    const faces = surfaceFaces(p, 6, 0.2);
    expect(faces.some((f) => f.flat)).toBe(true);
    expect(faces.some((f) => !f.flat)).toBe(true);
    // Painter's order: far to near.
    for (let i = 1; i < faces.length; i++) expect(faces[i]!.depth).toBeLessThanOrEqual(faces[i - 1]!.depth);
  });
});

describe('the network as a formula', () => {
  const net: DenseNet = {
    layers: [
      { name: 'h1', inputs: 2, units: 2, kernel: Float32Array.from([1, -0.5, 2, 0.25]), bias: Float32Array.from([0.1, -0.2]), activation: 'relu' },
      { name: 'out', inputs: 2, units: 3, kernel: Float32Array.from([1, 0, -1, 0.5, 2, 0.004]), bias: Float32Array.from([0, 1, -1]), activation: 'softmax' },
    ],
  };
  it('writes every weight with its sign and nests f[…]', () => {
    const a = networkFormulaTex(net, 0);
    // The output constant is 0, so it is not written.
    expect(formulaPlainText(a.tex)).toBe('1.00 f[1.00 x + 2.00 y + 0.10] + 0.50 f[ - 0.50 x + 0.25 y - 0.20]');
    expect(a.stats).toEqual({ numbers: 2 + 6, ramps: 2 });
    const c = networkFormulaTex(net, 2);
    // 0.004 rounds to 0: that term is left out.
    expect(formulaPlainText(c.tex)).toBe('- 1.00 f[1.00 x + 2.00 y + 0.10] - 1.00');
    expect(() => networkFormulaTex(net, 3)).toThrow();
  });
  it('coloured brackets are KaTeX \\textcolor groups around the brackets only', () => {
    const { tex } = networkFormulaTex(net, 1, { bracketColors: ['#112233'] });
    expect(tex).toContain('f\\textcolor{#112233}{[}');
    expect(formulaPlainText(tex)).toBe('2.00 f[ - 0.50 x + 0.25 y - 0.20] + 1.00');
  });
});

describe('colours and PNG', () => {
  it('paints classes with confidence as opacity and disagreements opaque', () => {
    const out = paintClassMap([0, 1, 2], [1, 1 / 3, 0.9], new Uint8Array(12), { disagree: [0, 0, 1] });
    expect(Array.from(out.slice(0, 3))).toEqual([...CLASS_RGB[0]!]);
    expect(out[3]).toBeGreaterThan(out[7]!);
    expect(Array.from(out.slice(8, 11))).toEqual([...DISAGREE_RGB]);
  });
  it('encodes a valid PNG whose pixels decode back', () => {
    const w = 3, h = 2;
    const rgba = Uint8Array.from({ length: w * h * 4 }, (_, i) => (i * 37) % 256);
    const png = encodePng(rgba, w, h);
    expect(Array.from(png.slice(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const view = new DataView(png.buffer);
    expect(view.getUint32(16)).toBe(w);
    expect(view.getUint32(20)).toBe(h);
    // IHDR CRC covers type + data.
    expect(view.getUint32(29)).toBe(crc32(png, 12, 29));
    const idatLen = view.getUint32(33);
    const raw = inflateSync(png.slice(41, 41 + idatLen));
    expect(raw.length).toBe(h * (1 + 4 * w));
    expect(Array.from(raw.subarray(1, 1 + 4 * w))).toEqual(Array.from(rgba.subarray(0, 4 * w)));
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(() => encodePng(rgba, 4, 2)).toThrow();
  });
});

describe('activation functions', () => {
  it('ReLU, step, GELU values and the step drawn with a vertical edge', () => {
    const byId = Object.fromEntries(ACTIVATIONS.map((a) => [a.id, a]));
    expect(byId['relu']!.f(-2)).toBe(0);
    expect(byId['relu']!.f(1.5)).toBe(1.5);
    expect(byId['step']!.f(0.1)).toBe(1);
    expect(gelu(0)).toBe(0);
    expect(gelu(3)).toBeCloseTo(3 * 0.99865, 2);
    const s = sampleActivation(byId['step']!, -1, 1, 4);
    expect(s.filter((p) => p.x === 0).map((p) => p.y)).toEqual([0, 1]);
  });
});
