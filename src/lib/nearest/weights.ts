/**
 * Turn saved tfjs weights into a {@link DenseNet} for the hand-written forward
 * pass, without tfjs: used at build time (static fallbacks read the committed
 * `public/models/<name>/model.json` + `weights.bin`) and in tests.
 * In the browser, models come through the shared loader instead
 * (`src/lib/models/nearest-runtime.ts`).
 */
import type { DenseActivation, DenseLayer, DenseNet } from './dense';
import { validateNet } from './dense';

interface LayerJson {
  class_name?: string;
  config?: { name?: string; units?: number; activation?: string; batch_input_shape?: (number | null)[]; use_bias?: boolean };
}

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: unknown;
}

/**
 * Map a Keras/tfjs activation name to a {@link DenseActivation}.
 * @throws Error for activations the forward pass does not implement
 */
export function denseActivation(name: string | undefined): DenseActivation {
  if (name === 'relu' || name === 'softmax' || name === 'linear') return name;
  if (name === undefined || name === null) return 'linear';
  throw new Error(`unsupported activation "${name}"`);
}

/**
 * Build a {@link DenseNet} from the parts of a tfjs `model.json` (layers
 * format, Sequential of Dense layers) and its weight bytes.
 *
 * @param modelJson parsed `model.json` (`modelTopology` + `weightsManifest`)
 * @param weightData the concatenated weight shards, in manifest order
 * @returns the layers with copies of their kernels `[inputs, units]` and biases `[units]`
 * @throws Error when a layer is not Dense, a weight is missing, quantised or not float32,
 *   the byte count does not match, or the layer sizes do not chain
 */
export function denseNetFromArtifacts(modelJson: unknown, weightData: ArrayBuffer | Uint8Array): DenseNet {
  const json = modelJson as {
    modelTopology?: { config?: { layers?: LayerJson[] } | LayerJson[]; model_config?: { config?: { layers?: LayerJson[] } } };
    weightsManifest?: { weights?: WeightSpec[] }[];
  };
  const topo = json.modelTopology;
  const cfg = topo?.model_config?.config ?? topo?.config;
  const layersJson: LayerJson[] | undefined = Array.isArray(cfg) ? cfg : cfg?.layers;
  if (!layersJson) throw new Error('model.json: no layer list in modelTopology');
  const specs = (json.weightsManifest ?? []).flatMap((g) => g.weights ?? []);
  const bytes = weightData instanceof Uint8Array ? weightData : new Uint8Array(weightData);

  const values = new Map<string, Float32Array>();
  let offset = 0;
  for (const spec of specs) {
    if (spec.dtype !== 'float32' || spec.quantization) throw new Error(`weight ${spec.name}: only unquantised float32 is supported`);
    const n = spec.shape.reduce((a, b) => a * b, 1);
    if (offset + 4 * n > bytes.byteLength) throw new Error(`weight ${spec.name}: the weight data ends after ${bytes.byteLength} bytes`);
    const copy = new Uint8Array(4 * n);
    copy.set(bytes.subarray(offset, offset + 4 * n));
    values.set(spec.name, new Float32Array(copy.buffer));
    offset += 4 * n;
  }
  if (offset !== bytes.byteLength) throw new Error(`weight data has ${bytes.byteLength} bytes, the manifest describes ${offset}`);

  const layers: DenseLayer[] = [];
  for (const lj of layersJson) {
    if (lj.class_name === 'InputLayer') continue;
    if (lj.class_name !== 'Dense') throw new Error(`layer ${lj.config?.name}: ${lj.class_name} is not supported (Dense only)`);
    const name = lj.config?.name ?? `dense${layers.length}`;
    const find = (suffix: string): Float32Array | undefined => {
      for (const [key, v] of values) if (key === `${name}/${suffix}` || key.endsWith(`/${name}/${suffix}`)) return v;
      return undefined;
    };
    const kernel = find('kernel');
    const units = lj.config?.units ?? 0;
    if (!kernel) throw new Error(`layer ${name}: no kernel in the weights`);
    const bias = lj.config?.use_bias === false ? new Float32Array(units) : find('bias');
    if (!bias) throw new Error(`layer ${name}: no bias in the weights`);
    layers.push({ name, inputs: kernel.length / units, units, kernel, bias, activation: denseActivation(lj.config?.activation) });
  }
  const net = { layers };
  validateNet(net);
  return net;
}
