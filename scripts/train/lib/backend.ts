/**
 * Start tfjs for training in Node: the wasm backend (XNNPACK) with the conv
 * gradient kernels of `./conv-grad.ts` registered first.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-layers' Node bundle registers every op's gradient (tfjs-core's Node bundle does not).
import '@tensorflow/tfjs-layers';
import { registerWasmConvGradients } from './conv-grad';

/**
 * Register the conv gradients and switch to the wasm backend.
 * @returns the backend name in use (`wasm`)
 * @throws Error when the wasm backend cannot start
 */
export async function initTrainingBackend(): Promise<string> {
  registerWasmConvGradients();
  const ok = await tf.setBackend('wasm');
  if (!ok) throw new Error('tfjs: the wasm backend failed to initialise');
  await tf.ready();
  return tf.getBackend();
}
