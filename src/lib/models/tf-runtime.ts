/**
 * The part of TensorFlow.js the site's pages use, in one module that the
 * loader imports dynamically (`import('./tf-runtime')`). Handing out only the
 * functions listed in `tf-core-api.ts`, instead of whole module namespaces,
 * lets the bundler drop the tfjs-core ops nothing uses: core + layers + the
 * wasm backend's JS shrink from ~191 KB to ~158 KB gzip, which keeps them plus
 * the SIMD `.wasm` binary (137 KB gzip) under the site's 300 KB budget.
 *
 * Need another tfjs function in a figure? Add it to `tf-core-api.ts` (or to
 * the layers list below); the types follow. Check `npm run bench:models` still
 * meets the budget.
 */
import { loadLayersModel, model, sequential } from '@tensorflow/tfjs-layers';
import * as tf from './tf-core-api';

/** The tfjs-core functions available to pages (listed in `tf-core-api.ts`). */
export { tf };

/** The tfjs-layers functions available to pages. */
export const tfl = { loadLayersModel, model, sequential };

/** Type of {@link tf}. */
export type TfCoreApi = typeof tf;
/** Type of {@link tfl}. */
export type TfLayersApi = typeof tfl;
