/**
 * Backward kernels of 2-D convolution for the tfjs **wasm** backend, which
 * lacks `Conv2DBackpropFilter` and whose `Conv2DBackpropInput` is slow.
 *
 * Both gradients are rewritten as *forward* convolutions so that the wasm
 * backend's own (XNNPACK) `Conv2D` kernel does the arithmetic:
 *
 * - filter gradient, stride 1, NHWC:
 *     dW[i, j, c, o] = Σ_{b, y, x} xPad[b, y + i, x + j, c] · dy[b, y, x, o]
 *   = conv2d(transpose(xPad, [3, 1, 2, 0]) as [c, H, W, b],
 *            transpose(dy,   [1, 2, 0, 3]) as [h, w, b, o], 'valid')  → [c, kh, kw, o]
 *   then transposed to [kh, kw, c, o].
 * - input gradient, stride 1, NHWC:
 *     dx = conv2d(pad(dy, kernel − 1 − pad), flip(W) with in/out channels swapped, 'valid').
 *
 * Strided or dilated convolutions fall back to a plain typed-array loop for
 * the filter gradient and to the backend's original kernel for the input gradient.
 *
 * Uses backend internals (`makeOutput`, `typedArrayFromHeap`, `disposeData`),
 * so `@tensorflow/*` is pinned to one exact version in package.json.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

/** The parts of the wasm backend these kernels use. */
interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: object, force?: boolean): boolean;
}

type ConvInfo = tf.backend_util.Conv2DInfo;

/** Call another registered wasm kernel directly and return its single output. */
function runKernel(name: string, backend: WasmBackendLike, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap): TensorInfo {
  const config = tf.getKernel(name, 'wasm');
  if (!config) throw new Error(`conv-grad: wasm kernel ${name} is not registered`);
  return config.kernelFunc({ inputs, backend, attrs }) as TensorInfo;
}

/** Runs `body` with a list for temporaries, then frees them. */
function withTemps<T>(backend: WasmBackendLike, body: (keep: (t: TensorInfo) => TensorInfo) => T): T {
  const temps: TensorInfo[] = [];
  try {
    return body((t) => {
      temps.push(t);
      return t;
    });
  } finally {
    for (const t of temps) backend.disposeData(t.dataId, true);
  }
}

function isUnitStride(ci: ConvInfo): boolean {
  return ci.strideHeight === 1 && ci.strideWidth === 1 && ci.dilationHeight === 1 && ci.dilationWidth === 1;
}

/**
 * Filter gradient as a forward convolution (stride 1, no dilation).
 * @param x input `[b, H, W, c]`
 * @param dy output gradient `[b, h, w, o]`
 * @returns `[kh, kw, c, o]`
 */
function filterGradViaConv(backend: WasmBackendLike, x: TensorInfo, dy: TensorInfo, ci: ConvInfo): TensorInfo {
  return withTemps(backend, (keep) => {
    const { top, bottom, left, right } = ci.padInfo;
    let xPad = x;
    if (top || bottom || left || right) {
      xPad = keep(runKernel('PadV2', backend, { x }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 }));
    }
    const xT = keep(runKernel('Transpose', backend, { x: xPad }, { perm: [3, 1, 2, 0] }));
    const dyT = keep(runKernel('Transpose', backend, { x: dy }, { perm: [1, 2, 0, 3] }));
    const conv = keep(runKernel('Conv2D', backend, { x: xT, filter: dyT }, { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1] }));
    const [, kh, kw] = conv.shape;
    if (kh !== ci.filterHeight || kw !== ci.filterWidth) {
      throw new Error(`conv-grad: filter gradient has shape ${conv.shape.join('×')}, expected ${ci.filterShape.join('×')}`);
    }
    return runKernel('Transpose', backend, { x: conv }, { perm: [1, 2, 0, 3] });
  });
}

/**
 * Filter gradient by direct summation over typed arrays (any stride / dilation).
 * @returns flat `[kh, kw, c, o]` values
 */
export function filterGradLoop(x: ArrayLike<number>, dy: ArrayLike<number>, ci: ConvInfo): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels: C, outHeight, outWidth, outChannels: O } = ci;
  const { filterHeight: KH, filterWidth: KW, strideHeight: SH, strideWidth: SW, dilationHeight: DH, dilationWidth: DW } = ci;
  const out = new Float32Array(KH * KW * C * O);
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const dyBase = ((b * outHeight + oy) * outWidth + ox) * O;
        for (let ky = 0; ky < KH; ky++) {
          const iy = oy * SH + ky * DH - ci.padInfo.top;
          if (iy < 0 || iy >= inHeight) continue;
          for (let kx = 0; kx < KW; kx++) {
            const ix = ox * SW + kx * DW - ci.padInfo.left;
            if (ix < 0 || ix >= inWidth) continue;
            const xBase = ((b * inHeight + iy) * inWidth + ix) * C;
            const wBase = (ky * KW + kx) * C * O;
            for (let c = 0; c < C; c++) {
              const xv = x[xBase + c]!;
              if (xv === 0) continue;
              const w = wBase + c * O;
              for (let o = 0; o < O; o++) out[w + o]! += xv * dy[dyBase + o]!;
            }
          }
        }
      }
    }
  }
  return out;
}

/**
 * Input gradient as a forward convolution (stride 1, no dilation).
 * @returns `[b, H, W, c]`, or null when the padding does not allow it
 */
function inputGradViaConv(backend: WasmBackendLike, dy: TensorInfo, filter: TensorInfo, ci: ConvInfo): TensorInfo | null {
  const { top, bottom, left, right } = ci.padInfo;
  const pads = [ci.filterHeight - 1 - top, ci.filterHeight - 1 - bottom, ci.filterWidth - 1 - left, ci.filterWidth - 1 - right];
  if (pads.some((p) => p < 0)) return null;
  return withTemps(backend, (keep) => {
    const dyPad = keep(runKernel('PadV2', backend, { x: dy }, { paddings: [[0, 0], [pads[0]!, pads[1]!], [pads[2]!, pads[3]!], [0, 0]], constantValue: 0 }));
    const flipped = keep(runKernel('Reverse', backend, { x: filter }, { dims: [0, 1] }));
    const swapped = keep(runKernel('Transpose', backend, { x: flipped }, { perm: [0, 1, 3, 2] }));
    return runKernel('Conv2D', backend, { x: dyPad, filter: swapped }, { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1] });
  });
}

function convInfo(xShape: number[], filterShape: number[], attrs: NamedAttrMap): ConvInfo {
  const { strides, pad, dataFormat, dimRoundingMode, dilations } = attrs as unknown as {
    strides: number | [number, number];
    pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
    dataFormat?: string;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    dilations?: number | [number, number];
  };
  if (dataFormat && dataFormat !== 'NHWC') throw new Error('conv-grad: only NHWC is supported');
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides, dilations ?? 1, pad, dimRoundingMode, false, 'channelsLast',
  );
}

const filterGradKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as WasmBackendLike;
  const x = inputs['x']!;
  const dy = inputs['dy']!;
  const ci = convInfo(x.shape, (attrs as { filterShape: number[] }).filterShape, attrs ?? {});
  if (isUnitStride(ci)) return filterGradViaConv(wasm, x, dy, ci);
  const values = filterGradLoop(wasm.typedArrayFromHeap(x), wasm.typedArrayFromHeap(dy), ci);
  const out = wasm.makeOutput(ci.filterShape, 'float32');
  (wasm.typedArrayFromHeap(out) as Float32Array).set(values);
  return out;
};

let registered = false;

/**
 * Register the fast `Conv2DBackpropFilter` and `Conv2DBackpropInput` kernels
 * for the wasm backend. Idempotent. Must run **before** `tf.setBackend('wasm')`
 * (the original input-gradient kernel's `setupFunc` is kept and runs at backend init).
 * Requires `@tensorflow/tfjs-backend-wasm` to be imported first.
 *
 * @throws Error when the wasm backend's kernels are not registered
 */
export function registerWasmConvGradients(): void {
  if (registered) return;
  const original = tf.getKernel('Conv2DBackpropInput', 'wasm');
  if (!original) throw new Error('conv-grad: import @tensorflow/tfjs-backend-wasm before registering the conv gradients');
  const inputGradKernel: KernelFunc = (args) => {
    const { inputs, backend, attrs } = args;
    const dy = inputs['dy']!;
    const filter = inputs['filter']!;
    const a = (attrs ?? {}) as NamedAttrMap;
    if (!a['dataFormat'] || a['dataFormat'] === 'NHWC') {
      const ci = convInfo(a['inputShape'] as number[], filter.shape, a);
      if (isUnitStride(ci)) {
        const out = inputGradViaConv(backend as WasmBackendLike, dy, filter, ci);
        if (out) return out;
      }
    }
    return original.kernelFunc(args);
  };
  tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
  const inputConfig: KernelConfig = { kernelName: 'Conv2DBackpropInput', backendName: 'wasm', kernelFunc: inputGradKernel };
  if (original.setupFunc) inputConfig.setupFunc = original.setupFunc;
  tf.registerKernel(inputConfig);
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) tf.unregisterKernel('Conv2DBackpropFilter', 'wasm');
  tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: filterGradKernel });
  registered = true;
}
