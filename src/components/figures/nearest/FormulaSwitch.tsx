/**
 * Figure "nearest-formula": the trained 17-neuron network written out as one
 * nested formula per output. The three formulas are typeset with KaTeX at build
 * time by the slot and passed in as children (each in a `[data-formula="k"]`
 * element); this island only switches which output is shown, and makes the
 * formulas keyboard-scrollable tab stops (not in the HTML: without JavaScript
 * the long formulas are a one-line note, and a tab stop there would do nothing).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { NEAREST_POINTS } from '../../../lib/nearest/geometry';
import { Bi } from './Bi';
import { useUiText } from '../kit/ui-lang';
import './nearest.css';

export interface FormulaSwitchProps {
  /** Per output: how many numbers and ramps its formula writes. */
  stats: { numbers: number; ramps: number }[];
  /** Neurons and parameters of the network. */
  neurons: number;
  params: number;
  children?: ComponentChildren;
}

/** The island. */
export default function FormulaSwitch({ stats, neurons, params, children }: FormulaSwitchProps) {
  const ui = useUiText();
  const [k, setK] = useState(0);
  const s = stats[k]!;
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    for (const el of root.current!.querySelectorAll<HTMLElement>('.nf-formula-compact, [data-formula]')) el.tabIndex = 0;
  }, []);
  return (
    <div class="nf nf-formula" ref={root}>
      <div class="nf-controls" style={{ justifyContent: 'center' }} data-needs-js>
        <Bi zh="输出：" en="Output:" />
        <span class="nf-seg" role="group" aria-label={ui({ zh: '输出', en: 'Output' })}>
          {NEAREST_POINTS.map((p, i) => (
            <button type="button" key={p.id} aria-pressed={k === i} onClick={() => setK(i)} data-output={i}>
              <span class={`nf-chip nf-chip-${i}`}>{p.id}</span>
            </button>
          ))}
        </span>
      </div>
      <div class="nf-formulas" data-show={k}>
        {children}
      </div>
      <p class="nf-note" style={{ textAlign: 'center' }}>
        <Bi
          zh={`只有 ${neurons} 个神经元、${params} 个参数的网络，写成一个公式（权重四舍五入到两位小数）就有 ${s.numbers} 个数、${s.ramps} 个嵌套的斜坡 f[…]。这里 f 是斜坡函数 max(0, ·)；三个输出中值最大的那个就是网络给出的最近点。`}
          en={`A network of just ${neurons} neurons and ${params} parameters, written as one formula (weights rounded to two decimals), holds ${s.numbers} numbers and ${s.ramps} nested ramps f[…]. Here f is the ramp max(0, ·); the output with the largest value is the nearest point the network names.`}
        />
      </p>
    </div>
  );
}
