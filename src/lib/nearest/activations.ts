/**
 * Activation functions of a neuron, f in f[w · x + b], for the ReLU figure.
 * Pure functions of one number.
 */

/** One activation function and how the figure names it. */
export interface ActivationFn {
  /** Stable id, e.g. `relu`. */
  id: 'relu' | 'step' | 'sigmoid' | 'tanh' | 'gelu';
  /** Name in both languages. */
  label: { zh: string; en: string };
  /** The formula in plain text (for legends and screen readers). */
  formula: string;
  /** The function. */
  f: (x: number) => number;
}

/** Logistic sigmoid 1 / (1 + e^−x). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * GELU, x · Φ(x), in the tanh approximation of Hendrycks & Gimpel,
 * "Gaussian Error Linear Units (GELUs)", 2016, eq. (2):
 * 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))).
 */
export function gelu(x: number): number {
  return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
}

/** The ramp: max(0, x). */
export function relu(x: number): number {
  return x > 0 ? x : 0;
}

/**
 * The functions the figure can show, ReLU first. The step is the
 * "thresholding" function of the text; sigmoid and tanh are the classic
 * smooth ones; GELU is the smooth ramp used in transformer networks.
 */
export const ACTIVATIONS: readonly ActivationFn[] = [
  { id: 'relu', label: { zh: '斜坡（ReLU）', en: 'ramp (ReLU)' }, formula: 'max(0, x)', f: relu },
  { id: 'step', label: { zh: '阶跃（阈值）', en: 'step (threshold)' }, formula: 'x > 0 ? 1 : 0', f: (x) => (x > 0 ? 1 : 0) },
  { id: 'sigmoid', label: { zh: 'S 形（logistic）', en: 'sigmoid (logistic)' }, formula: '1 / (1 + e^−x)', f: sigmoid },
  { id: 'tanh', label: { zh: '双曲正切（tanh）', en: 'tanh' }, formula: 'tanh(x)', f: Math.tanh },
  { id: 'gelu', label: { zh: 'GELU', en: 'GELU' }, formula: 'x · Φ(x)', f: gelu },
];

/**
 * Sample `fn` at `count` evenly spaced points of [from, to].
 * @returns `{x, y}` pairs; the step function gets both values at its jump (x = 0)
 *   so that a line plot draws a vertical edge
 */
export function sampleActivation(fn: ActivationFn, from: number, to: number, count: number): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (let i = 0; i < count; i++) {
    const x = from + ((to - from) * i) / (count - 1);
    if (fn.id === 'step' && out.length && out[out.length - 1]!.x < 0 && x >= 0) {
      out.push({ x: 0, y: 0 }, { x: 0, y: 1 });
    }
    out.push({ x, y: fn.f(x) });
  }
  return out;
}
