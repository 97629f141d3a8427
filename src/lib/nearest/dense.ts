/**
 * A hand-written forward pass of small fully connected networks, on plain
 * `Float32Array`s. The nearest-point networks are tiny (2 inputs, a few ReLU
 * layers, 3 outputs), so the figures can follow every neuron's value and
 * draw maps without going through tfjs; `tests/unit/nearest-dense.test.ts`
 * checks that it gives what tfjs gives for the same weights.
 *
 * Weight layout follows tfjs Dense layers: `kernel` is `[inputs, units]`
 * row-major (kernel[i·units + j] is the weight from input i to unit j),
 * `bias` is `[units]`. Pure TypeScript: no DOM, no tfjs.
 */

/** Activation of a dense layer. `softmax` is only allowed on the last layer. */
export type DenseActivation = 'relu' | 'linear' | 'softmax';

/** One dense layer. */
export interface DenseLayer {
  /** Layer name (as in the tfjs model), e.g. `hidden1`. */
  name: string;
  inputs: number;
  units: number;
  /** `[inputs, units]` row-major. */
  kernel: Float32Array;
  /** `[units]`. */
  bias: Float32Array;
  activation: DenseActivation;
}

/** A stack of dense layers. */
export interface DenseNet {
  layers: DenseLayer[];
}

/** Every value computed by one forward pass. */
export interface DenseTrace {
  /** The input, `[inputs]`. */
  input: Float32Array;
  /** Per layer: w·x + b before the activation, `[units]`. */
  pre: Float32Array[];
  /** Per layer: the activation's output, `[units]` (for the softmax layer: the probabilities). */
  post: Float32Array[];
}

/**
 * Check that consecutive layers fit together and arrays have the right lengths.
 * @throws Error describing the first mismatch
 */
export function validateNet(net: DenseNet): void {
  if (net.layers.length === 0) throw new Error('dense net has no layers');
  net.layers.forEach((l, k) => {
    if (l.kernel.length !== l.inputs * l.units) throw new Error(`layer ${l.name}: kernel has ${l.kernel.length} values, expected ${l.inputs}×${l.units}`);
    if (l.bias.length !== l.units) throw new Error(`layer ${l.name}: bias has ${l.bias.length} values, expected ${l.units}`);
    if (k > 0 && net.layers[k - 1]!.units !== l.inputs) throw new Error(`layer ${l.name}: ${l.inputs} inputs after a layer of ${net.layers[k - 1]!.units} units`);
    if (l.activation === 'softmax' && k !== net.layers.length - 1) throw new Error(`layer ${l.name}: softmax is only allowed last`);
  });
}

/**
 * Softmax of `logits` into `out` (numerically stable: the maximum is subtracted first).
 * @returns `out`
 */
export function softmaxInto(logits: ArrayLike<number>, out: Float32Array): Float32Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += out[i] = Math.exp(logits[i]! - max);
  for (let i = 0; i < logits.length; i++) out[i]! /= sum;
  return out;
}

/** Index of the largest value (first one on ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/**
 * Run the network on one input and keep every intermediate value.
 * @param input `[inputs]` of the first layer, e.g. `[x, y]`
 * @returns pre-activations and outputs of every layer
 * @throws Error when the input length does not match the first layer
 */
export function traceDense(net: DenseNet, input: ArrayLike<number>): DenseTrace {
  const first = net.layers[0];
  if (!first || input.length !== first.inputs) throw new Error(`traceDense: input of length ${input.length}, the net expects ${first?.inputs}`);
  const trace: DenseTrace = { input: Float32Array.from(input), pre: [], post: [] };
  let x: Float32Array = trace.input;
  for (const l of net.layers) {
    const pre = new Float32Array(l.units);
    for (let j = 0; j < l.units; j++) {
      let s = l.bias[j]!;
      for (let i = 0; i < l.inputs; i++) s += x[i]! * l.kernel[i * l.units + j]!;
      pre[j] = s;
    }
    let post: Float32Array;
    if (l.activation === 'relu') post = pre.map((v) => (v > 0 ? v : 0));
    else if (l.activation === 'softmax') post = softmaxInto(pre, new Float32Array(l.units));
    else post = pre.slice();
    trace.pre.push(pre);
    trace.post.push(post);
    x = post;
  }
  return trace;
}

/**
 * Outputs of the network for many inputs (the last layer's activation applied).
 * @param inputs `[count, inputs]` row-major
 * @returns `[count, units of the last layer]` row-major
 */
export function predictDense(net: DenseNet, inputs: Float32Array): Float32Array {
  const nIn = net.layers[0]!.inputs;
  const count = Math.floor(inputs.length / nIn);
  const last = net.layers[net.layers.length - 1]!;
  const out = new Float32Array(count * last.units);
  const width = Math.max(nIn, ...net.layers.map((l) => l.units));
  let a = new Float32Array(width);
  let b = new Float32Array(width);
  // Kernels transposed to [units, inputs] so that each dot product reads contiguous memory.
  const kernelsT = net.layers.map((l) => {
    const t = new Float32Array(l.kernel.length);
    for (let i = 0; i < l.inputs; i++) for (let j = 0; j < l.units; j++) t[j * l.inputs + i] = l.kernel[i * l.units + j]!;
    return t;
  });
  for (let p = 0; p < count; p++) {
    for (let i = 0; i < nIn; i++) a[i] = inputs[p * nIn + i]!;
    for (let k = 0; k < net.layers.length; k++) {
      const l = net.layers[k]!;
      const kt = kernelsT[k]!;
      const relu = l.activation === 'relu';
      for (let j = 0; j < l.units; j++) {
        let s = l.bias[j]!;
        const base = j * l.inputs;
        for (let i = 0; i < l.inputs; i++) s += kt[base + i]! * a[i]!;
        b[j] = relu && s < 0 ? 0 : s;
      }
      const t = a;
      a = b;
      b = t;
    }
    const row = out.subarray(p * last.units, (p + 1) * last.units);
    if (last.activation === 'softmax') softmaxInto(a.subarray(0, last.units), row);
    else row.set(a.subarray(0, last.units));
  }
  return out;
}

/**
 * Class map and confidence from a network's outputs.
 * @param outputs `[count, classes]` row-major (probabilities or logits)
 * @param classes number of classes per row
 * @returns `classes`: argmax per row `[count]`; `confidence`: the largest value per row `[count]`
 */
export function classesOf(outputs: Float32Array, classes: number): { classes: Uint8Array; confidence: Float32Array } {
  const count = Math.floor(outputs.length / classes);
  const cls = new Uint8Array(count);
  const conf = new Float32Array(count);
  for (let p = 0; p < count; p++) {
    let best = 0;
    const o = p * classes;
    for (let k = 1; k < classes; k++) if (outputs[o + k]! > outputs[o + best]!) best = k;
    cls[p] = best;
    conf[p] = outputs[o + best]!;
  }
  return { classes: cls, confidence: conf };
}

/** Total number of weights and biases. */
export function countParams(net: DenseNet): number {
  return net.layers.reduce((n, l) => n + l.kernel.length + l.bias.length, 0);
}

/** Layer sizes from the input to the output, e.g. `[2, 7, 7, 3]`. */
export function layerSizes(net: DenseNet): number[] {
  return [net.layers[0]!.inputs, ...net.layers.map((l) => l.units)];
}
