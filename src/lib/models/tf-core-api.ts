/**
 * The tfjs-core functions pages may use, re-exported by name so that the
 * bundler keeps these and drops the rest of tfjs-core (see `tf-runtime.ts`,
 * which hands this module to pages as `tf`). Need another one? Add it here and
 * check that `npm run bench:models` still meets the budget.
 */
export {
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
