/**
 * Figure "nearest-net-diagram": the trained 17-neuron network, inputs x and y
 * at the top and outputs A, B, C at the bottom; every connection's colour
 * gives its weight's sign and its thickness the weight's size. Pointing at
 * (or tabbing to, or tapping) a neuron highlights its connections and writes
 * out what it computes, f[w · x + b].
 *
 * The weights are the committed ones, read at build time by the slot and
 * passed in as props (101 numbers), so the diagram is complete without
 * JavaScript; nothing is fetched in the browser.
 */
import { useState } from 'preact/hooks';
import { Bi } from './Bi';
import { NetDiagram, type NeuronRef } from './NetDiagram';
import './nearest.css';

export interface NetDiagramExplorerProps {
  /** Units per row, input first, e.g. `[2, 7, 7, 3]`. */
  sizes: number[];
  /** Per layer the kernel `[inputs, units]` row-major. */
  kernels: number[][];
  /** Per layer the biases `[units]`. */
  biases: number[][];
}

const OUT = ['A', 'B', 'C'];

function signed(v: number, first: boolean): string {
  const s = Math.abs(v).toFixed(2);
  if (first) return v < 0 ? `−${s}` : s;
  return v < 0 ? ` − ${s}` : ` + ${s}`;
}

/** Names of the values feeding row `row` (the previous row's units). */
function inputNames(row: number, sizes: number[]): string[] {
  if (row === 1) return ['x', 'y'];
  return Array.from({ length: sizes[row - 1]! }, (_, i) => `h${row - 1}.${i + 1}`);
}

/** What a neuron computes, as text with its actual weights. */
export function neuronText(n: NeuronRef, props: NetDiagramExplorerProps): string {
  const { sizes, kernels, biases } = props;
  const units = sizes[n.row]!;
  const names = inputNames(n.row, sizes);
  const k = kernels[n.row - 1]!;
  let s = '';
  names.forEach((name, i) => {
    s += `${signed(k[i * units + n.index]!, i === 0)}·${name}`;
  });
  s += signed(biases[n.row - 1]![n.index]!, false);
  const last = n.row === sizes.length - 1;
  return last ? `${OUT[n.index]} = ${s}` : `h${n.row}.${n.index + 1} = f[${s}]`;
}

/** The island (and its static rendering). */
export default function NetDiagramExplorer(props: NetDiagramExplorerProps) {
  const [focus, setFocus] = useState<NeuronRef | null>(null);
  const last = props.sizes.length - 1;
  const neurons = props.sizes.slice(1).reduce((a, b) => a + b, 0);
  return (
    <div class="nf nf-net-diagram">
      <div style={{ maxWidth: '36rem', marginInline: 'auto' }} onPointerLeave={() => setFocus(null)}>
        <NetDiagram
          sizes={props.sizes}
          kernels={props.kernels}
          focus={focus}
          onFocusNeuron={setFocus}
          label={{
            zh: `网络图：顶部是输入 x 和 y，隐藏层分别有 ${props.sizes.slice(1, -1).join('、')} 个神经元，底部是输出 A、B、C；共 ${neurons} 个神经元`,
            en: `Network diagram: inputs x and y at the top, hidden layers of ${props.sizes.slice(1, -1).join(' and ')} neurons, outputs A, B and C at the bottom; ${neurons} neurons in all`,
          }}
        />
      </div>
      <div class="nf-legend">
        <span>
          <i class="nf-key-pos" />
          <Bi zh="正权重" en="positive weight" />
        </span>
        <span>
          <i class="nf-key-neg" />
          <Bi zh="负权重" en="negative weight" />
        </span>
        <span>
          <Bi zh="线越粗，权重的绝对值越大" en="thicker = larger in size" />
        </span>
      </div>
      <p class="nf-readout" aria-live="polite">
        {focus ? (
          <>
            <Bi
              zh={focus.row === last ? `输出 ${OUT[focus.index]}（之后经 softmax 变成概率）：` : `第 ${focus.row} 层第 ${focus.index + 1} 个神经元：`}
              en={focus.row === last ? `Output ${OUT[focus.index]} (then turned into a probability by softmax): ` : `Layer ${focus.row}, neuron ${focus.index + 1}: `}
            />
            <br />
            <code class="nf-formula-line nf-wrap">{neuronText(focus, props)}</code>
            {focus.row > 1 && (
              <>
                <br />
                <span class="nf-note">
                  <Bi zh={`h${focus.row - 1}.j 表示第 ${focus.row - 1} 层第 j 个神经元的值。`} en={`h${focus.row - 1}.j is the value of neuron j of layer ${focus.row - 1}.`} />
                </span>
              </>
            )}
          </>
        ) : (
          <>
            <Bi
              zh={`共 ${neurons} 个神经元（两个隐藏层各 ${props.sizes[1]} 个，加上 3 个输出）。`}
              en={`${neurons} neurons in all (${props.sizes.slice(1, -1).join(' + ')} hidden, plus 3 outputs).`}
            />
            <span data-needs-js>
              <Bi zh="把指针移到某个神经元上，看它算的是什么。" en=" Point at a neuron to see what it computes." />
            </span>
          </>
        )}
      </p>
    </div>
  );
}
