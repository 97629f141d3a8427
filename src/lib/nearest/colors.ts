/**
 * Colours of the nearest-point figures and the painting of class maps into
 * RGBA pixels (for a canvas ImageData in the browser, or a PNG at build time).
 * Maps are painted with transparency, so the page's own background (light or
 * dark theme) shows through and the same pixels work in both themes.
 *
 * Point colours are from the Okabe–Ito palette (distinguishable with the
 * common colour-vision deficiencies): Okabe & Ito, "Color Universal Design", 2002.
 */

/** Colour of each fixed point / class, as `[r, g, b]` 0–255, index = class. */
export const CLASS_RGB: readonly (readonly [number, number, number])[] = [
  [230, 159, 0], // A: orange
  [0, 114, 178], // B: blue
  [0, 158, 115], // C: bluish green
];

/** The same colours as CSS hex strings. */
export const CLASS_HEX: readonly string[] = CLASS_RGB.map(([r, g, b]) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`);

/** Colour that marks cells where a network disagrees with the ideal function (magenta-red). */
export const DISAGREE_RGB: readonly [number, number, number] = [214, 36, 110];

/** Options of {@link paintClassMap}. */
export interface PaintOptions {
  /** Opacity 0–1 of a cell the network is sure about (default 0.42). */
  alphaSure?: number;
  /** Opacity 0–1 of a cell where the top probability is 1/classes (default 0.06). */
  alphaUnsure?: number;
  /** Per cell 1 = paint it in {@link DISAGREE_RGB}, opaque. */
  disagree?: ArrayLike<number> | null;
}

/**
 * Paint a class map into RGBA bytes.
 * @param classes `[count]` class index per cell
 * @param confidence `[count]` top probability per cell in [1/k, 1], or null to paint every cell as sure
 * @param out `[count·4]` RGBA bytes (e.g. `ImageData.data`), overwritten
 * @returns `out`
 */
export function paintClassMap(classes: ArrayLike<number>, confidence: ArrayLike<number> | null, out: Uint8ClampedArray | Uint8Array, options: PaintOptions = {}): Uint8ClampedArray | Uint8Array {
  const sure = options.alphaSure ?? 0.42;
  const unsure = options.alphaUnsure ?? 0.06;
  const k = CLASS_RGB.length;
  const disagree = options.disagree ?? null;
  for (let i = 0; i < classes.length; i++) {
    const o = 4 * i;
    if (disagree && disagree[i]) {
      out[o] = DISAGREE_RGB[0];
      out[o + 1] = DISAGREE_RGB[1];
      out[o + 2] = DISAGREE_RGB[2];
      out[o + 3] = 235;
      continue;
    }
    const rgb = CLASS_RGB[classes[i]!] ?? [128, 128, 128];
    let a = sure;
    if (confidence) {
      // 1/k (undecided) → 0, 1 (certain) → 1; squared so that only near-certain cells look solid.
      const t = Math.max(0, Math.min(1, (confidence[i]! - 1 / k) / (1 - 1 / k)));
      a = unsure + (sure - unsure) * t * t;
    }
    out[o] = rgb[0];
    out[o + 1] = rgb[1];
    out[o + 2] = rgb[2];
    out[o + 3] = Math.round(255 * a);
  }
  return out;
}

/**
 * Colour of a single neuron's value for its map: transparent at 0, rising
 * through the accent purple to full opacity at `zMax` (values above are clamped).
 * @param out `[count·4]` RGBA bytes, overwritten
 * @returns `out`
 */
export function paintNeuronMap(values: ArrayLike<number>, zMax: number, out: Uint8ClampedArray | Uint8Array): Uint8ClampedArray | Uint8Array {
  for (let i = 0; i < values.length; i++) {
    const t = Math.max(0, Math.min(1, values[i]! / zMax));
    const o = 4 * i;
    out[o] = 118;
    out[o + 1] = 72;
    out[o + 2] = 196;
    out[o + 3] = t === 0 ? 0 : Math.round(255 * (0.12 + 0.83 * t));
  }
  return out;
}
