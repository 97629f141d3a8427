/**
 * Figure "digits-network": the 11-layer network, live. Draw a digit (or pick
 * a handwritten sample); the class probabilities follow as you draw, and
 * clicking a layer shows its activations as small images.
 *
 * Reads top to bottom: load the model (with progress; it runs in a worker,
 * see `digits-engine.ts`) → compute on each new drawing, latest wins → draw. Until JavaScript runs, and if loading fails, the static
 * fallback passed as children stays on the page.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { DigitsLayer } from '../../../lib/models/digits';
import { argmax, type LayerOutput } from '../../../lib/models/digits-infer';
import { DrawingPad } from './DrawingPad';
import { LayerDiagram } from './LayerDiagram';
import { DigitCanvas, ModelStatus, ProbBars, T, decodePixels, paint, rgbOf, useDigitsModel, useLatest } from './ui';
import { useUiText } from '../kit/ui-lang';
import styles from './digits.module.css';

interface Props {
  layers: DigitsLayer[];
  /** One handwritten sample per digit 0–9: base64 of 784 bytes. */
  samples: { digit: number; pixels: string }[];
  children?: ComponentChildren;
}

const NEGATIVE: [number, number, number] = [214, 96, 40];

/** One canvas per channel (or one for a vector), sharing the layer's colour scale. */
function Activations({ output, kind }: { output: LayerOutput; kind: DigitsLayer['kind'] }) {
  const ui = useUiText();
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const { shape, values } = output;
  const maps = shape.length === 3 ? shape[2]! : 1;
  useEffect(() => {
    if (!root) return;
    // The container's CSS colour is the theme's accent.
    const accent = rgbOf(getComputedStyle(root).color);
    let scale = 0;
    for (let i = 0; i < values.length; i++) scale = Math.max(scale, Math.abs(values[i]!));
    const canvases = root.querySelectorAll('canvas');
    if (shape.length === 3) {
      const [h, w, c] = shape as [number, number, number];
      canvases.forEach((cv, k) => {
        const ch = new Float32Array(h * w);
        for (let i = 0; i < h * w; i++) ch[i] = values[i * c + k]!;
        paint(cv, ch, w, h, accent, NEGATIVE, scale || 1);
      });
    } else {
      const n = shape[0]!;
      const cols = n > 16 ? 16 : n;
      const rows = Math.ceil(n / cols);
      const padded = new Float32Array(cols * rows);
      padded.set(values);
      paint(canvases[0]!, padded, cols, rows, accent, NEGATIVE, scale || 1);
    }
  }, [root, output]);
  const vector = shape.length !== 3;
  return (
    <div ref={setRoot} class={vector ? styles.vector : styles.maps} data-testid="digits-activations" data-maps={maps}>
      {Array.from({ length: maps }, (_, k) => (
        <canvas key={`${output.name}-${k}`} class={vector ? styles.vectorCanvas : styles.map} role="img" aria-label={vector ? output.name : ui({ zh: `${output.name} 第 ${k + 1} 个通道`, en: `${output.name} channel ${k + 1}` })} />
      ))}
      {kind === 'conv' && (
        <p class={styles.legend}>
          <span class={styles.swatchPos} /> <T zh="正值" en="positive" /> <span class={styles.swatchNeg} /> <T zh="负值" en="negative" />
        </p>
      )}
    </div>
  );
}

export default function DigitsNetwork({ layers, samples, children }: Props) {
  const ui = useUiText();
  const [mounted, setMounted] = useState(false);
  const [state, retry] = useDigitsModel();
  const [input, setInput] = useState<Float32Array | null>(null);
  const [padImage, setPadImage] = useState<{ image: Float32Array | null; key: number }>({ image: null, key: 0 });
  const [selected, setSelected] = useState<string>('conv1');
  const decoded = useMemo(() => samples.map((s) => ({ digit: s.digit, pixels: decodePixels(s.pixels) })), [samples]);
  useEffect(() => setMounted(true), []);

  // One forward pass in flight at a time (in the worker), newest drawing first: the pad hands over at most one image per frame.
  const engine = state.status === 'ready' ? state.engine : null;
  const outputs = useLatest<LayerOutput[]>(
    engine && input
      ? async () => {
          const start = performance.now();
          const out = await engine.layerOutputs(input, [selected, 'softmax']);
          performance.measure('digits:infer', { start }); // read by `npm run bench:models` (round trip to the worker)
          return out;
        }
      : null,
    [engine, input, selected],
  );

  // Parts that do not change while the reader draws, kept as the same elements so Preact skips them on each new answer.
  const diagram = useMemo(() => <LayerDiagram layers={layers} selected={selected} onSelect={setSelected} />, [layers, selected]);
  const padLabel = ui({ zh: '画板：用鼠标、手指或触控笔写一个数字', en: 'Drawing pad: draw a digit with mouse, finger or pen' });
  const samplesLabel = ui({ zh: '手写样本', en: 'Handwritten samples' });
  const padColumn = useMemo(
    () => (
    <div class={styles.padColumn}>
      <DrawingPad onDigit={setInput} image={padImage.image} imageKey={padImage.key} label={padLabel} />
      <div class={styles.controls}>
        <button type="button" class={styles.button} onClick={() => setPadImage((p) => ({ image: new Float32Array(784), key: p.key + 1 }))}>
          <T zh="清除" en="Clear" />
        </button>
      </div>
      <p class={styles.hint}>
        <T zh="在方框里写一个数字，或选一个手写样本：" en="Draw a digit in the box, or pick a handwritten sample:" />
      </p>
      <div class={styles.samples} role="group" aria-label={samplesLabel}>
        {decoded.map((s) => (
          <button
            type="button"
            class={styles.sampleButton}
            key={s.digit}
            data-sample={s.digit}
            onClick={() => setPadImage((p) => ({ image: s.pixels, key: p.key + 1 }))}
          >
            {s.digit}
          </button>
        ))}
      </div>
    </div>
    ),
    [padImage, decoded, padLabel, samplesLabel],
  );

  if (!mounted || state.status === 'error') {
    return (
      <div class={styles.figure}>
        {children}
        {mounted && <ModelStatus state={state} onRetry={retry} />}
      </div>
    );
  }

  const probs = outputs ? outputs[outputs.length - 1]!.values : null;
  const selectedLayer = layers.find((l) => l.name === selected) ?? layers[0]!;
  const selectedOutput = outputs?.find((o) => o.name === selected) ?? null;

  return (
    <div class={styles.figure} data-testid="digits-network-live">
      {diagram}
      <div class={styles.row}>
        {padColumn}
        <div class={styles.resultColumn}>
          <div class={styles.seen}>
            {input ? <DigitCanvas pixels={input} label={ui({ zh: '网络看到的 28×28 输入', en: 'The 28×28 input the network sees' })} /> : <span class={styles.digitEmpty} />}
            <p class={styles.small}>
              <T zh="网络看到的 28×28 输入" en="What the network sees (28×28)" />
            </p>
          </div>
          <p class={styles.answer} aria-live="polite">
            {probs ? (
              <T
                zh={<>网络的回答：<strong data-testid="digits-answer">{argmax(probs)}</strong></>}
                en={<>The network says: <strong>{argmax(probs)}</strong></>}
              />
            ) : (
              <T zh="等待输入……" en="Waiting for a digit…" />
            )}
          </p>
          <ProbBars probs={probs} testId="digits-probs" />
        </div>
      </div>
      <div class={styles.activations}>
        {/* A title, not a heading: an <h4> inside the figure broke the page's heading order (Lighthouse, issue 12). */}
        <p class={styles.subhead}>
          <T zh={`第 ${layers.indexOf(selectedLayer) + 1} 层`} en={`Layer ${layers.indexOf(selectedLayer) + 1}`} />
          {' · '}
          <T zh={selectedLayer.label.zh} en={selectedLayer.label.en} /> · {selectedLayer.outputShape.join('×')}
        </p>
        {selectedOutput ? (
          selectedLayer.kind === 'softmax' ? (
            <ProbBars probs={selectedOutput.values} />
          ) : (
            <Activations output={selectedOutput} kind={selectedLayer.kind} />
          )
        ) : (
          <p class={styles.hint}>
            <T zh="写一个数字后，这里显示所选层的激活。点击上面的任意一层。" en="Once you draw a digit, the selected layer’s activations appear here. Click any layer above." />
          </p>
        )}
      </div>
      <ModelStatus state={state} onRetry={retry} />
    </div>
  );
}

