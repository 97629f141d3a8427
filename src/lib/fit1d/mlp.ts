/**
 * A tiny fully connected network (multi-layer perceptron) in plain
 * TypeScript: forward pass, mean-squared-error gradient by backpropagation,
 * and the Adam update. Used by the live-training Web Worker of figure
 * "fit1d-train", where it is much faster than tfjs for a net this small
 * (one step on 16 examples ≈ 0.05 ms), and checked against tfjs in
 * `tests/unit/fit1d-mlp.test.ts`.
 *
 * Parameters live in one flat `Float64Array` in the order tfjs saves a
 * Sequential model of Dense layers: layer 1 kernel, layer 1 bias, layer 2
 * kernel, … A kernel of a layer with `fanIn` inputs and `fanOut` units is
 * `[fanIn, fanOut]` row-major (entry (i, j) at `i · fanOut + j`), as in tfjs.
 *
 * Formulas: backpropagation as in Rumelhart, Hinton & Williams (1986);
 * Adam as in Kingma & Ba (2015), arranged exactly like tfjs-core's
 * `AdamOptimizer` (bias corrections applied to the moments, ε added to √v̂).
 * Pure: no DOM, no tfjs.
 */

/** Activation of the hidden layers (the output layer is linear). */
export type Activation = 'tanh' | 'relu';

/** Shape of a network. */
export interface MlpSpec {
  /** Units per layer, input first: e.g. `[1, 16, 16, 16, 1]`. */
  sizes: readonly number[];
  /** Hidden-layer activation. */
  activation: Activation;
}

/** Where one layer's parameters sit in the flat vector. */
export interface LayerSlice {
  fanIn: number;
  fanOut: number;
  /** Offset of the kernel `[fanIn, fanOut]`. */
  kernel: number;
  /** Offset of the bias `[fanOut]`. */
  bias: number;
}

/**
 * Offsets of each layer's kernel and bias in the flat parameter vector.
 * @throws RangeError when `sizes` has fewer than 2 entries or a non-positive size
 */
export function layerSlices(spec: MlpSpec): LayerSlice[] {
  const { sizes } = spec;
  if (sizes.length < 2 || sizes.some((s) => !(s >= 1) || !Number.isInteger(s))) {
    throw new RangeError(`invalid layer sizes ${sizes.join('-')}`);
  }
  const out: LayerSlice[] = [];
  let at = 0;
  for (let l = 1; l < sizes.length; l++) {
    const fanIn = sizes[l - 1]!;
    const fanOut = sizes[l]!;
    out.push({ fanIn, fanOut, kernel: at, bias: at + fanIn * fanOut });
    at += fanIn * fanOut + fanOut;
  }
  return out;
}

/** Total number of parameters (weights and biases). */
export function paramCount(spec: MlpSpec): number {
  const slices = layerSlices(spec);
  const last = slices[slices.length - 1]!;
  return last.bias + last.fanOut;
}

/** Neurons with weights: every hidden unit and every output unit (the input is not counted). */
export function neuronCount(spec: MlpSpec): number {
  return spec.sizes.slice(1).reduce((a, b) => a + b, 0);
}

/** Preallocated buffers for batches of up to `capacity` examples. */
export interface Workspace {
  capacity: number;
  /** Activations per layer, `[capacity, sizes[l]]` row-major (layer 0 = the inputs). */
  acts: Float64Array[];
  /** Gradient with respect to each layer's pre-activation. */
  deltas: Float64Array[];
}

/**
 * Buffers for {@link forward} and {@link lossAndGradient}.
 * @param capacity largest batch that will be passed
 */
export function createWorkspace(spec: MlpSpec, capacity: number): Workspace {
  return {
    capacity,
    acts: spec.sizes.map((s) => new Float64Array(capacity * s)),
    deltas: spec.sizes.map((s) => new Float64Array(capacity * s)),
  };
}

function activate(kind: Activation, z: number): number {
  return kind === 'tanh' ? Math.tanh(z) : z > 0 ? z : 0;
}

/** Runs the layers on `ws.acts[0]` (first `n` rows filled); leaves every activation in `ws.acts`. */
function runLayers(spec: MlpSpec, params: ArrayLike<number>, ws: Workspace, n: number): void {
  const slices = layerSlices(spec);
  const last = slices.length - 1;
  for (let l = 0; l <= last; l++) {
    const { fanIn, fanOut, kernel, bias } = slices[l]!;
    const a = ws.acts[l]!;
    const z = ws.acts[l + 1]!;
    for (let b = 0; b < n; b++) {
      const ia = b * fanIn;
      const iz = b * fanOut;
      for (let j = 0; j < fanOut; j++) z[iz + j] = params[bias + j]!;
      for (let i = 0; i < fanIn; i++) {
        const ai = a[ia + i]!;
        if (ai === 0) continue;
        const row = kernel + i * fanOut;
        for (let j = 0; j < fanOut; j++) z[iz + j]! += ai * params[row + j]!;
      }
      if (l < last) for (let j = 0; j < fanOut; j++) z[iz + j] = activate(spec.activation, z[iz + j]!);
    }
  }
}

function ensureCapacity(spec: MlpSpec, ws: Workspace | undefined, n: number): Workspace {
  return ws && ws.capacity >= n ? ws : createWorkspace(spec, n);
}

/**
 * The network's outputs for a list of scalar inputs (input and output size 1).
 * @param params flat parameters, length {@link paramCount}
 * @param xs inputs, length n
 * @param out written with the n outputs (default: a new array)
 * @param ws reusable buffers (grown when too small)
 * @returns `out`
 */
export function forward(spec: MlpSpec, params: ArrayLike<number>, xs: ArrayLike<number>, out: Float64Array = new Float64Array(xs.length), ws?: Workspace): Float64Array {
  const n = xs.length;
  const w = ensureCapacity(spec, ws, n);
  const a0 = w.acts[0]!;
  for (let i = 0; i < n; i++) a0[i] = xs[i]!;
  runLayers(spec, params, w, n);
  const y = w.acts[spec.sizes.length - 1]!;
  for (let i = 0; i < n; i++) out[i] = y[i]!;
  return out;
}

/**
 * Mean squared error of the network on examples `(xs[idx[k]], ys[idx[k]])`,
 * k < count, and its gradient with respect to every parameter
 * (loss = (1/count) Σ (ŷ − y)², tfjs' `meanSquaredError`).
 *
 * @param xs all inputs; @param ys all targets
 * @param idx indices of the batch's examples (use the first `count`)
 * @param grad written with ∂loss/∂params, length {@link paramCount}
 * @param ws buffers with capacity ≥ count
 * @returns the batch's mean squared error
 * @throws RangeError when the workspace is too small
 */
export function lossAndGradient(
  spec: MlpSpec,
  params: ArrayLike<number>,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  idx: ArrayLike<number>,
  count: number,
  grad: Float64Array,
  ws: Workspace,
): number {
  if (ws.capacity < count) throw new RangeError(`workspace holds ${ws.capacity} examples, batch has ${count}`);
  const slices = layerSlices(spec);
  const L = slices.length;
  const a0 = ws.acts[0]!;
  for (let k = 0; k < count; k++) a0[k] = xs[idx[k]!]!;
  runLayers(spec, params, ws, count);
  // Output layer: d loss / d ŷ = 2 (ŷ − y) / count.
  const yHat = ws.acts[L]!;
  const dOut = ws.deltas[L]!;
  let loss = 0;
  for (let k = 0; k < count; k++) {
    const e = yHat[k]! - ys[idx[k]!]!;
    loss += e * e;
    dOut[k] = (2 * e) / count;
  }
  grad.fill(0);
  for (let l = L - 1; l >= 0; l--) {
    const { fanIn, fanOut, kernel, bias } = slices[l]!;
    const a = ws.acts[l]!;
    const d = ws.deltas[l + 1]!;
    const dPrev = ws.deltas[l]!;
    for (let b = 0; b < count; b++) {
      const ia = b * fanIn;
      const id = b * fanOut;
      for (let j = 0; j < fanOut; j++) grad[bias + j]! += d[id + j]!;
      for (let i = 0; i < fanIn; i++) {
        const ai = a[ia + i]!;
        const row = kernel + i * fanOut;
        let back = 0;
        for (let j = 0; j < fanOut; j++) {
          grad[row + j]! += ai * d[id + j]!;
          back += params[row + j]! * d[id + j]!;
        }
        if (l > 0) {
          // Through the previous layer's activation: tanh' = 1 − tanh², relu' = [z > 0].
          dPrev[ia + i] = spec.activation === 'tanh' ? back * (1 - ai * ai) : ai > 0 ? back : 0;
        }
      }
    }
  }
  return loss / count;
}

/** State of the Adam optimiser. */
export interface AdamState {
  /** First moment (running mean of gradients), one per parameter. */
  m: Float64Array;
  /** Second moment (running mean of squared gradients). */
  v: Float64Array;
  /** β₁ᵗ and β₂ᵗ after t steps. */
  beta1Power: number;
  beta2Power: number;
  beta1: number;
  beta2: number;
  /** Added to √v̂; tfjs uses its backend's float32 epsilon, 1e-7. */
  epsilon: number;
}

/**
 * Fresh Adam state (β₁ = 0.9, β₂ = 0.999, ε = 1e-7, as tfjs' `tf.train.adam`).
 * @param n number of parameters
 */
export function createAdam(n: number, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7): AdamState {
  return { m: new Float64Array(n), v: new Float64Array(n), beta1Power: 1, beta2Power: 1, beta1, beta2, epsilon };
}

/**
 * One Adam step, in place:
 * m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε).
 * Mutates `params` and `state`.
 * @param lr learning rate
 */
export function adamStep(params: Float64Array, grad: ArrayLike<number>, state: AdamState, lr: number): void {
  const { m, v, beta1, beta2, epsilon } = state;
  state.beta1Power *= beta1;
  state.beta2Power *= beta2;
  const c1 = 1 - state.beta1Power;
  const c2 = 1 - state.beta2Power;
  for (let i = 0; i < params.length; i++) {
    const g = grad[i]!;
    const mi = (m[i] = beta1 * m[i]! + (1 - beta1) * g);
    const vi = (v[i] = beta2 * v[i]! + (1 - beta2) * g * g);
    params[i]! -= (lr * (mi / c1)) / (Math.sqrt(vi / c2) + epsilon);
  }
}

/**
 * Mean squared error of the network on a whole data set.
 * @param ws reusable buffers (grown when too small)
 */
export function meanSquaredError(spec: MlpSpec, params: ArrayLike<number>, xs: ArrayLike<number>, ys: ArrayLike<number>, ws?: Workspace): number {
  const out = forward(spec, params, xs, undefined, ws);
  let s = 0;
  for (let i = 0; i < out.length; i++) {
    const e = out[i]! - ys[i]!;
    s += e * e;
  }
  return s / out.length;
}
