/**
 * Turning a layer's output (a `[height, width, channels]` block of numbers)
 * into pictures: one small image per channel, coloured on one diverging scale
 * (negative = blue, 0 = white, positive = red) that is shared by every channel
 * of the layer so that the images can be compared. Pure: no DOM, no tfjs.
 */

/** A layer output without the batch axis. */
export interface FeatureMaps {
  /** Height, width, channels. */
  shape: [number, number, number];
  /** `height × width × channels` values, channels last (tfjs NHWC order). */
  values: Float32Array;
}

/** RGB stops of the diverging scale from −1 to +1 (blue → white → red). */
export const DIVERGING_STOPS: readonly (readonly [number, number, number])[] = [
  [33, 102, 172],
  [103, 169, 207],
  [209, 229, 240],
  [247, 247, 247],
  [253, 219, 199],
  [239, 138, 98],
  [178, 24, 43],
];

/**
 * Colour of `t` on the diverging scale.
 * @param t value in [−1, 1] (clamped)
 * @returns [r, g, b] bytes
 */
export function divergingColor(t: number): [number, number, number] {
  const c = Math.max(-1, Math.min(1, Number.isFinite(t) ? t : 0));
  const pos = ((c + 1) / 2) * (DIVERGING_STOPS.length - 1);
  const i = Math.min(DIVERGING_STOPS.length - 2, Math.floor(pos));
  const f = pos - i;
  const a = DIVERGING_STOPS[i]!, b = DIVERGING_STOPS[i + 1]!;
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/**
 * A CSS `linear-gradient` of the diverging scale from `from` (left) to +1 (right).
 * @param from −1 for the whole scale, 0 for its positive half
 */
export function divergingGradientCss(from = -1): string {
  const n = 8;
  const stops: string[] = [];
  for (let i = 0; i <= n; i++) {
    const [r, g, b] = divergingColor(from + ((1 - from) * i) / n);
    stops.push(`rgb(${r} ${g} ${b}) ${((i / n) * 100).toFixed(1)}%`);
  }
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

/**
 * The colour-scale limit of a layer: the 99.5th percentile of |value| over all
 * channels (so one extreme value does not wash out every image), rounded up to
 * two significant digits; at least 1e-6.
 * @param values every value of the layer
 */
export function scaleLimit(values: Float32Array): number {
  if (values.length === 0) return 1e-6;
  const abs = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) abs[i] = Math.abs(values[i]!);
  abs.sort();
  const q = abs[Math.min(abs.length - 1, Math.floor(abs.length * 0.995))]!;
  if (!(q > 1e-6)) return Math.max(1e-6, abs[abs.length - 1]!);
  const digits = Math.pow(10, Math.floor(Math.log10(q)) - 1);
  return Number((Math.ceil(q / digits) * digits).toPrecision(2));
}

/**
 * The colour-scale limit of one channel image on its own: {@link scaleLimit}
 * of its values, leaving out the outermost ring of pixels when the image is
 * at least 16 pixels wide. (With zero padding the first layer responds strongly
 * where the photo meets the padding; letting that frame set the scale would
 * wash out the picture inside. The frame then saturates instead.)
 * @param values `height × width` values (row-major)
 */
export function channelLimit(values: Float32Array, height: number, width: number): number {
  if (height < 16 || width < 16) return scaleLimit(values);
  const inner = new Float32Array((height - 2) * (width - 2));
  let k = 0;
  for (let y = 1; y < height - 1; y++) for (let x = 1; x < width - 1; x++) inner[k++] = values[y * width + x]!;
  return scaleLimit(inner);
}

/**
 * One channel of a layer output, as a `height × width` array.
 * @param maps the layer output
 * @param channel 0-based channel index
 * @throws RangeError when the channel does not exist
 */
export function channelValues(maps: FeatureMaps, channel: number): Float32Array {
  const [h, w, c] = maps.shape;
  if (!(channel >= 0 && channel < c)) throw new RangeError(`channel ${channel} of ${c}`);
  const out = new Float32Array(h * w);
  for (let i = 0; i < h * w; i++) out[i] = maps.values[i * c + channel]!;
  return out;
}

/**
 * Colour a `height × width` array on the diverging scale.
 * @param values the array (row-major)
 * @param limit value drawn in full colour (±limit); see {@link scaleLimit}
 * @returns RGBA bytes of the same number of pixels, for `ImageData`
 */
export function colorize(values: Float32Array, limit: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(values.length * 4);
  const inv = 1 / Math.max(limit, 1e-12);
  for (let i = 0; i < values.length; i++) {
    const [r, g, b] = divergingColor(values[i]! * inv);
    out[i * 4] = r;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = b;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** Minimum, maximum and mean of an array (0s for an empty one). */
export function stats(values: Float32Array): { min: number; max: number; mean: number } {
  if (values.length === 0) return { min: 0, max: 0, mean: 0 };
  let min = Infinity, max = -Infinity, sum = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { min, max, mean: sum / values.length };
}

/** A convolution kernel without the batch axis. */
export interface Kernel {
  /** Kernel height, width, input channels, output channels (tfjs layout). */
  shape: [number, number, number, number];
  values: Float32Array;
}

/**
 * The slice of `kernel` that produces output channel `out`, as one
 * `kh × kw` array per input channel.
 * @throws RangeError when the output channel does not exist
 */
export function kernelSlices(kernel: Kernel, out: number): Float32Array[] {
  const [kh, kw, cin, cout] = kernel.shape;
  if (!(out >= 0 && out < cout)) throw new RangeError(`output channel ${out} of ${cout}`);
  const slices: Float32Array[] = [];
  for (let c = 0; c < cin; c++) {
    const s = new Float32Array(kh * kw);
    for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) s[y * kw + x] = kernel.values[((y * kw + x) * cin + c) * cout + out]!;
    slices.push(s);
  }
  return slices;
}

/**
 * An RGB picture of a kernel with 3 input channels (the first layer's): each
 * weight mapped to 0.5 + w / (2·max|w|), so grey = 0.
 * @param slices the R, G and B slices of {@link kernelSlices}
 * @returns RGBA bytes, `kh × kw` pixels
 */
export function kernelRgb(slices: Float32Array[]): Uint8ClampedArray {
  const n = slices[0]?.length ?? 0;
  let m = 1e-12;
  for (const s of slices) for (const v of s) m = Math.max(m, Math.abs(v));
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) out[i * 4 + c] = Math.round((0.5 + (slices[c]?.[i] ?? 0) / (2 * m)) * 255);
    out[i * 4 + 3] = 255;
  }
  return out;
}

/**
 * Lay out channel images as one sprite (channels side by side in a grid) for
 * the static fallback images.
 * @param maps the layer output
 * @param columns images per row
 * @param limit colour-scale limit: one for all channels, or one per channel
 * @returns RGBA bytes of a `(columns·w) × (rows·h)` image, and its size
 */
export function spriteRgba(maps: FeatureMaps, columns: number, limit: number | readonly number[]): { rgba: Uint8ClampedArray; width: number; height: number } {
  const [h, w, c] = maps.shape;
  const rows = Math.ceil(c / columns);
  const width = columns * w, height = rows * h;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let ch = 0; ch < c; ch++) {
    const tile = colorize(channelValues(maps, ch), typeof limit === 'number' ? limit : limit[ch]!);
    const ox = (ch % columns) * w, oy = Math.floor(ch / columns) * h;
    for (let y = 0; y < h; y++) rgba.set(tile.subarray(y * w * 4, (y + 1) * w * 4), ((oy + y) * width + ox) * 4);
  }
  return { rgba, width, height };
}
