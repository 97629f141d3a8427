/**
 * Figure "neuron-gallery": what one neuron with two inputs and the ramp
 * activation computes, max(0, w1·x + w2·y + b). A gallery of parameter
 * choices (click one to load it), and sliders for w1, w2 and b that redraw
 * the function live, as a 3-D surface and as a map seen from above.
 *
 * Server-rendered at build time with the first preset (the static fallback).
 */
import { useMemo, useState } from 'preact/hooks';
import { NEURON_PRESETS, NEURON_RANGES, type NeuronParams } from '../../../lib/nearest/neuron';
import { Bi } from './Bi';
import { useUiText } from '../kit/ui-lang';
import { useMounted } from '../kit/mounted';
import { NeuronMap, NeuronSurface } from './NeuronViews';
import './nearest.css';

/** "max(0, 1.00 x − 0.50 y + 0.30)" with real minus signs. */
export function neuronFormula(p: NeuronParams): string {
  const term = (v: number, name: string, first: boolean) => {
    const s = Math.abs(v).toFixed(2);
    if (first) return `${v < 0 ? '−' : ''}${s}${name}`;
    return ` ${v < 0 ? '−' : '+'} ${s}${name}`;
  };
  return `max(0, ${term(p.w1, 'x', true)}${term(p.w2, 'y', false)}${term(p.b, '', false)})`;
}

const same = (a: NeuronParams, b: NeuronParams) => Math.abs(a.w1 - b.w1) < 1e-9 && Math.abs(a.w2 - b.w2) < 1e-9 && Math.abs(a.b - b.b) < 1e-9;

/** The island. */
export default function NeuronExplorer() {
  const ui = useUiText();
  const mounted = useMounted();
  const [p, setP] = useState<NeuronParams>({ ...NEURON_PRESETS[2]!.params });
  // The thumbnails never change: built once, so a slider move re-renders only the explorer.
  const thumbs = useMemo(
    () =>
      NEURON_PRESETS.map((preset, i) => (
        <>
          <NeuronSurface key={`s${i}`} params={preset.params} cells={8} label={{ zh: neuronFormula(preset.params), en: neuronFormula(preset.params) }} />
          <div class="nf-formula-line">{neuronFormula(preset.params).replace('max(0, ', '').replace(/\)$/, '')}</div>
          <p class="nf-note">
            <Bi zh={preset.note.zh} en={preset.note.en} />
          </p>
        </>
      )),
    [],
  );
  const slider = (key: keyof NeuronParams, label: string) => {
    const range = key === 'b' ? NEURON_RANGES.b : NEURON_RANGES.w;
    return (
      <label class="nf-slider" data-needs-js>
        <span style={{ fontFamily: 'var(--font-mono)' }}>{label}</span>
        <input
          type="range"
          min={range.min}
          max={range.max}
          step={range.step}
          value={p[key]}
          data-param={key}
          onInput={(e) => setP({ ...p, [key]: Number((e.target as HTMLInputElement).value) })}
        />
        <output>{p[key].toFixed(2)}</output>
      </label>
    );
  };
  return (
    <div class="nf nf-neurons">
      <div class="nf-gallery" role="group" aria-label={ui({ zh: '示例', en: 'Examples' })}>
        {NEURON_PRESETS.map((preset, i) => (
          // Each example is a small plot on a button: until the island runs (and without JavaScript) it is
          // shown as content, disabled (src/styles/no-js.css).
          <button type="button" key={i} class="nf-gallery-item" aria-pressed={same(p, preset.params)} disabled={!mounted} data-nojs-content onClick={() => setP({ ...preset.params })}>
            {thumbs[i]}
          </button>
        ))}
      </div>
      <div class="nf-explorer">
        <div>
          <p class="nf-panel-title">
            <Bi zh="神经元的输出（立体图）" en="The neuron's output as a surface" />
          </p>
          <NeuronSurface params={p} label={{ zh: `${neuronFormula(p)} 的立体图`, en: `Surface of ${neuronFormula(p)}` }} />
        </div>
        <div>
          <p class="nf-panel-title">
            <Bi zh="从上方看（虚线：折痕，值为0处）" en="Seen from above (dashed: the crease, where it is 0)" />
          </p>
          <NeuronMap params={p} id="nf-neuron-live" label={{ zh: `${neuronFormula(p)} 的俯视图`, en: `Map of ${neuronFormula(p)}` }} />
        </div>
        <div class="nf-sliders">
          <p class="nf-readout nf-formula-line" aria-live="polite" data-neuron-formula>
            {neuronFormula(p)}
          </p>
          {slider('w1', 'w₁')}
          {slider('w2', 'w₂')}
          {slider('b', 'b')}
        </div>
      </div>
    </div>
  );
}
