/**
 * Figure "nearest-net-eval": pick a point {x, y} and watch the 17-neuron
 * network evaluate it, every neuron's value shown layer by layer down to the
 * output, which names the nearest point.
 *
 * Reads top to bottom: load the network through the shared loader (progress
 * shown) → evaluate the chosen point with the hand-written forward pass on the
 * loaded weights → draw. Until then, and if loading fails, the static view
 * computed at build time (passed as children) stays.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { EvalView } from './EvalView';
import { LoadStatus } from './LoadStatus';
import { useNearest } from './useNearest';
import './nearest.css';

/** Where the probe starts (also used by the build-time fallback). */
export const EVAL_START = { x: 0.3, y: -0.1 };

/** The island. */
export default function NetEval({ model, children }: { model: string; children?: ComponentChildren }) {
  const state = useNearest([model]);
  const [probe, setProbe] = useState(EVAL_START);
  return (
    <div class="nf nf-net-eval" data-state={state.status}>
      <LoadStatus state={state} />
      {state.status === 'ready' ? <EvalView net={state.models[0]!.net} probe={probe} onProbe={setProbe} /> : children}
    </div>
  );
}
