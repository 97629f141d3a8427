/**
 * The part of TensorFlow.js the site's pages use, in one module that the
 * loader imports dynamically (`import('./tf-runtime')`). Re-exporting named
 * functions, instead of handing out whole module namespaces, lets the bundler
 * drop the tfjs-core ops nothing uses: core + layers + the wasm backend's JS
 * shrink from ~191 KB to ~158 KB gzip, which keeps them plus the SIMD `.wasm`
 * binary (137 KB gzip) under the site's 300 KB budget.
 *
 * Need another tfjs function in a figure? Add it to the lists below (and the
 * type follows); check `npm run bench:models` still meets the budget.
 */
import {
  argMax,
  concat,
  dispose,
  env,
  getBackend,
  io,
  keep,
  memory,
  ready,
  setBackend,
  softmax,
  stack,
  tensor,
  tensor1d,
  tensor2d,
  tensor3d,
  tensor4d,
  tidy,
  version_core,
  zeros,
} from '@tensorflow/tfjs-core';
import { loadLayersModel, model, sequential } from '@tensorflow/tfjs-layers';

/** The tfjs-core functions available to pages (see the file comment to add one). */
export const tf = {
  argMax,
  concat,
  dispose,
  env,
  getBackend,
  io,
  keep,
  memory,
  ready,
  setBackend,
  softmax,
  stack,
  tensor,
  tensor1d,
  tensor2d,
  tensor3d,
  tensor4d,
  tidy,
  version_core,
  zeros,
};

/** The tfjs-layers functions available to pages. */
export const tfl = { loadLayersModel, model, sequential };

/** Type of {@link tf}. */
export type TfCoreApi = typeof tf;
/** Type of {@link tfl}. */
export type TfLayersApi = typeof tfl;
