/**
 * Read the 1-D network's weights from tfjs' files into the flat parameter
 * vector of `./mlp.ts`. A tfjs `model.json` lists weight specs (name, shape,
 * dtype) in the order of the bytes of its shard; every weight file the
 * training script writes for this network has that same layout.
 * Pure: works on bytes, no fetch, no tfjs.
 */
import { layerSlices, paramCount, type MlpSpec } from './mlp';

/** The part of a tfjs weights-manifest entry this file reads. */
export interface WeightSpecLike {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: unknown;
}

/**
 * The weight specs of a parsed `model.json`, in shard order.
 * @throws Error when there is no `weightsManifest`
 */
export function weightSpecsOf(modelJson: unknown): WeightSpecLike[] {
  const groups = (modelJson as { weightsManifest?: { weights?: WeightSpecLike[] }[] } | null)?.weightsManifest;
  if (!Array.isArray(groups)) throw new Error('model.json has no weightsManifest');
  return groups.flatMap((g) => g.weights ?? []);
}

/**
 * Check that `specs` describe the network `spec` (kernel `[fanIn, fanOut]`
 * then bias `[fanOut]` for each layer, float32, not quantised).
 * @returns problems in words (empty = fine)
 */
export function specProblems(specs: readonly WeightSpecLike[], spec: MlpSpec): string[] {
  const slices = layerSlices(spec);
  const problems: string[] = [];
  if (specs.length !== 2 * slices.length) problems.push(`expected ${2 * slices.length} weight tensors, found ${specs.length}`);
  slices.forEach((s, l) => {
    const k = specs[2 * l];
    const b = specs[2 * l + 1];
    if (!k || k.shape.join('x') !== `${s.fanIn}x${s.fanOut}`) problems.push(`layer ${l + 1}: kernel shape ${k?.shape.join('×') ?? 'missing'}, expected ${s.fanIn}×${s.fanOut}`);
    if (!b || b.shape.join('x') !== `${s.fanOut}`) problems.push(`layer ${l + 1}: bias shape ${b?.shape.join('×') ?? 'missing'}, expected ${s.fanOut}`);
  });
  for (const w of specs) if (w.dtype !== 'float32' || w.quantization) problems.push(`${w.name}: stored as ${w.dtype}${w.quantization ? ' (quantised)' : ''}, expected plain float32`);
  return problems;
}

/**
 * Decode a float32 weight shard (little-endian) into the flat parameters.
 *
 * @param bytes the shard, 4 × {@link paramCount} bytes
 * @param specs the specs of `model.json` (checked with {@link specProblems})
 * @returns parameters in `mlp.ts` order (which is the shard's order)
 * @throws Error when the specs do not match the network or the byte length is wrong
 */
export function paramsFromShard(bytes: Uint8Array, specs: readonly WeightSpecLike[], spec: MlpSpec): Float64Array {
  const problems = specProblems(specs, spec);
  if (problems.length) throw new Error(`weights do not fit the network: ${problems.join('; ')}`);
  const n = paramCount(spec);
  if (bytes.byteLength !== 4 * n) throw new Error(`weight file has ${bytes.byteLength} bytes, expected ${4 * n}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}

/**
 * Encode parameters as a float32 little-endian shard (the inverse of {@link paramsFromShard}).
 * @returns 4 bytes per parameter
 */
export function shardFromParams(params: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(4 * params.length);
  const view = new DataView(out.buffer);
  for (let i = 0; i < params.length; i++) view.setFloat32(4 * i, params[i]!, true);
  return out;
}
