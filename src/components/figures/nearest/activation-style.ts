/** Colours and ranges shared by the ReLU figure's Chart.js island and its SVG fallback. */
import type { ActivationFn } from '../../../lib/nearest/activations';

/** Line colour per activation (ReLU in the site's accent). */
export const ACTIVATION_COLORS: Record<ActivationFn['id'], string> = {
  relu: 'var(--accent)',
  step: '#d6246e',
  sigmoid: '#e69f00',
  tanh: '#009e73',
  gelu: '#7648c4',
};

/** Plotted x range. */
export const X_RANGE: readonly [number, number] = [-3, 3];
/** Plotted y range. */
export const Y_RANGE: readonly [number, number] = [-1, 3];
