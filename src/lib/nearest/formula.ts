/**
 * A trained network written out as one nested formula of f[w · x + b] terms,
 * with its actual (rounded) weights, as LaTeX for KaTeX. Pure string building.
 *
 * For a net 2 → h1 → h2 → 3 the output k is
 *   Σ_j W3[j,k] f[ Σ_i W2[i,j] f[ W1[0,i] x + W1[1,i] y + b1[i] ] + b2[j] ] + b3[k]
 * where f is the ramp (ReLU). The softmax after the last layer keeps the order
 * of the outputs, so the nearest point is the output with the largest value.
 */
import type { DenseNet } from './dense';

/** Options of {@link networkFormulaTex}. */
export interface FormulaOptions {
  /** Decimal places of every weight (default 2). */
  digits?: number;
  /** Names of the inputs (default `x`, `y`). */
  inputs?: string[];
  /** Colours of the brackets by nesting depth, outermost first (CSS colours); none when empty. */
  bracketColors?: string[];
}

/** Statistics of a written-out formula. */
export interface FormulaStats {
  /** Numbers written (weights and constants, after dropping the ones that round to 0). */
  numbers: number;
  /** Ramps f[…] written. */
  ramps: number;
}

/**
 * A number with `digits` decimals, with a real minus sign for LaTeX.
 * @returns e.g. `0.53`, `-1.20` (as `-` for LaTeX's binary minus to be added by the caller)
 */
export function roundWeight(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function bracket(ch: '[' | ']', depth: number, colors: string[]): string {
  const c = colors.length ? colors[Math.min(depth, colors.length - 1)] : undefined;
  const tex = ch === '[' ? '[' : ']';
  return c ? `\\textcolor{${c}}{${tex}}` : tex;
}

/** A written-out sub-expression and what it holds. */
interface Term extends FormulaStats {
  tex: string;
}

/**
 * Σ of coefficient · term + constant, as LaTeX with signs folded in
 * (`+ -0.5 f[…]` is written `- 0.5\,f[…]`); terms whose coefficient rounds to 0 are left out.
 */
function linearCombination(coeffs: number[], terms: Term[], constant: number, digits: number): Term {
  const out: Term = { tex: '', numbers: 0, ramps: 0 };
  coeffs.forEach((w, i) => {
    const r = roundWeight(w, digits);
    if (r === 0) return;
    const t = terms[i]!;
    const sign = r < 0 ? '-' : out.tex ? '+' : '';
    out.tex += `${sign}${Math.abs(r).toFixed(digits)}\\,${t.tex}`;
    out.numbers += 1 + t.numbers;
    out.ramps += t.ramps;
  });
  const c = roundWeight(constant, digits);
  if (c !== 0 || !out.tex) {
    out.numbers++;
    out.tex += `${c < 0 ? '-' : out.tex ? '+' : ''}${Math.abs(c).toFixed(digits)}`;
  }
  return out;
}

/**
 * LaTeX of output `k` of a dense ReLU network written as one nested expression.
 * Brackets are plain `[ ]` (no `\left…\right`), so KaTeX in inline mode may
 * break the line after any + or −, and a very long formula wraps like text.
 *
 * @param net dense layers; hidden layers must be `relu`, the last `softmax` or `linear`
 * @param k output index, 0-based
 * @returns `{ tex, stats }`: the LaTeX, and how many numbers and ramps f[…] it writes
 *   (a sub-expression used by several neurons is counted each time it is written)
 * @throws Error when k is out of range or a hidden layer is not ReLU
 */
export function networkFormulaTex(net: DenseNet, k: number, options: FormulaOptions = {}): { tex: string; stats: FormulaStats } {
  const digits = options.digits ?? 2;
  const colors = options.bracketColors ?? [];
  const last = net.layers[net.layers.length - 1]!;
  if (k < 0 || k >= last.units) throw new Error(`networkFormulaTex: output ${k} of ${last.units}`);
  const names = options.inputs ?? ['x', 'y'];
  if (names.length !== net.layers[0]!.inputs) throw new Error(`networkFormulaTex: ${names.length} input names for ${net.layers[0]!.inputs} inputs`);
  let terms: Term[] = names.map((tex) => ({ tex, numbers: 0, ramps: 0 }));
  const hidden = net.layers.length - 1;
  net.layers.forEach((layer, li) => {
    if (li === hidden) return;
    if (layer.activation !== 'relu') throw new Error(`networkFormulaTex: hidden layer ${layer.name} is ${layer.activation}, not relu`);
    // Depth of this layer's brackets: the last hidden layer is the outermost (depth 0).
    const depth = hidden - 1 - li;
    terms = Array.from({ length: layer.units }, (_, j) => {
      const col = Array.from({ length: layer.inputs }, (_, i) => layer.kernel[i * layer.units + j]!);
      const inner = linearCombination(col, terms, layer.bias[j]!, digits);
      return { tex: `f${bracket('[', depth, colors)}${inner.tex}${bracket(']', depth, colors)}`, numbers: inner.numbers, ramps: inner.ramps + 1 };
    });
  });
  const col = Array.from({ length: last.inputs }, (_, i) => last.kernel[i * last.units + k]!);
  const { tex, numbers, ramps } = linearCombination(col, terms, last.bias[k]!, digits);
  return { tex, stats: { numbers, ramps } };
}

/** The same formula in plain text (for screen readers and tests): f[…] with ASCII signs. */
export function formulaPlainText(tex: string): string {
  return tex
    .replace(/\\textcolor\{[^}]*\}\{([[\]])\}/g, '$1')
    .replace(/\\,/g, ' ')
    .replace(/([+-])/g, ' $1 ')
    .replace(/\s+/g, ' ')
    .trim();
}
