/**
 * Figure "digits-interpolate": blend one handwritten digit into another (the
 * reader picks both) and plot each class's probability along the way; beside
 * it, the displayed digits the network finds most ambiguous.
 */
import { watchDevicePixelRatio } from '../kit/resolution';
import { watchTheme } from '../kit/theme';
import type { ComponentChildren } from 'preact';
import type { Chart as ChartType } from 'chart.js';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { argmax } from '../../../lib/models/digits-infer';
import { mixImages } from '../../../lib/models/mnist-preprocess';
import { drawProbabilityChart, FROM_COLOR, TO_COLOR } from './probability-chart';
import { DigitCanvas, ModelStatus, T, decodePixels, useDigitsModel, useLatest } from './ui';
import { useUiText } from '../kit/ui-lang';
import styles from './digits.module.css';

interface Props {
  /** One handwritten sample per digit 0–9. */
  samples: { digit: number; pixels: string }[];
  /** The most ambiguous displayed digits with the network's top two classes. */
  ambiguous: { digit: number; pixels: string; top: [number, number][] }[];
  children?: ComponentChildren;
}

const STEPS = 41;

function Picker({ label, value, onPick }: { label: { zh: string; en: string }; value: number; onPick: (d: number) => void }) {
  const ui = useUiText();
  return (
    <div class={styles.picker} role="group" aria-label={ui(label)}>
      <span class={styles.pickerLabel}>
        <T zh={label.zh} en={label.en} />
      </span>
      {Array.from({ length: 10 }, (_, d) => (
        <button type="button" key={d} class={styles.sampleButton} aria-pressed={value === d} onClick={() => onPick(d)}>
          {d}
        </button>
      ))}
    </div>
  );
}

export default function Interpolate({ samples, ambiguous, children }: Props) {
  const ui = useUiText();
  const [mounted, setMounted] = useState(false);
  const [state, retry] = useDigitsModel();
  const [from, setFrom] = useState(2);
  const [to, setTo] = useState(7);
  const [t, setT] = useState(0.5);
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<ChartType | null>(null);
  useEffect(() => setMounted(true), []);
  // Redraw in the new colours whenever the theme changes.
  const [theme, setTheme] = useState(0);
  useEffect(() => watchTheme(() => setTheme((n) => n + 1)), []);
  // Chart.js sizes its backing store from devicePixelRatio on resize only: resize when the ratio changes.
  useEffect(() => watchDevicePixelRatio(() => chart.current?.resize()), []);

  const images = useMemo(() => new Map(samples.map((s) => [s.digit, decodePixels(s.pixels)])), [samples]);
  const ambiguousImages = useMemo(() => ambiguous.map((a) => ({ ...a, image: decodePixels(a.pixels) })), [ambiguous]);
  const ts = useMemo(() => Array.from({ length: STEPS }, (_, k) => k / (STEPS - 1)), []);
  const path = useMemo(() => ts.map((x) => mixImages(images.get(from)!, images.get(to)!, x)), [images, from, to, ts]);
  const engine = state.status === 'ready' ? state.engine : null;
  const probs = useLatest(engine ? () => engine.classify(path) : null, [engine, path]);
  const current = useMemo(() => mixImages(images.get(from)!, images.get(to)!, t), [images, from, to, t]);
  const currentProbs = useLatest(engine ? async () => (await engine.classify([current]))[0]! : null, [engine, current]);

  useEffect(() => {
    if (!probs || !canvas.current) return;
    let live = true;
    void drawProbabilityChart(canvas.current, { ts, probs, from, to, cursor: t }, chart.current).then((c) => {
      if (live) chart.current = c;
    });
    return () => {
      live = false;
    };
  }, [probs, t, theme]);
  useEffect(() => () => chart.current?.destroy(), []);

  if (!mounted || state.status === 'error') {
    return (
      <div class={styles.figure}>
        {children}
        {mounted && <ModelStatus state={state} onRetry={retry} />}
      </div>
    );
  }

  const answer = currentProbs ? argmax(currentProbs) : null;
  return (
    <div class={styles.figure} data-testid="digits-interpolate-live">
      <div class={styles.pickers}>
        <Picker label={{ zh: '起点数字', en: 'From' }} value={from} onPick={setFrom} />
        <Picker label={{ zh: '终点数字', en: 'To' }} value={to} onPick={setTo} />
      </div>
      <div class={styles.split}>
        <div>
          <p class={styles.hint}>
            <T
              zh={<>把 <b style={{ color: FROM_COLOR }}>{from}</b> 逐渐混合成 <b style={{ color: TO_COLOR }}>{to}</b>：两条粗线是这两个数字的概率，灰色细线是其余八个数字。</>}
              en={<>Blending <b style={{ color: FROM_COLOR }}>{from}</b> into <b style={{ color: TO_COLOR }}>{to}</b>: the thick lines are the probabilities of these two digits, the thin grey ones the other eight.</>}
            />
          </p>
          <div class={styles.chartBox}>
            <canvas
              ref={canvas}
              role="img"
              aria-label={ui({ zh: `从 ${from} 过渡到 ${to} 时各类别的概率`, en: `Probability of each class along the blend from ${from} to ${to}` })}
              data-testid="interpolate-chart"
            />
          </div>
          <div class={`${styles.slider} ${styles.blendRow}`}>
            <DigitCanvas pixels={images.get(from)!} label={ui({ zh: `起点：${from}`, en: `start: ${from}` })} />
            <input
              type="range"
              min={0}
              max={100}
              value={Math.round(t * 100)}
              aria-label={ui({ zh: '过渡位置', en: 'Position along the blend' })}
              onInput={(e) => setT(Number((e.currentTarget as HTMLInputElement).value) / 100)}
            />
            <DigitCanvas pixels={images.get(to)!} label={ui({ zh: `终点：${to}`, en: `end: ${to}` })} />
          </div>
          <div class={styles.seen}>
            <DigitCanvas pixels={current} label={ui({ zh: `混合 ${Math.round(t * 100)}%`, en: `blend at ${Math.round(t * 100)}%` })} />
            <p class={styles.answer} aria-live="polite">
              {currentProbs && answer !== null ? (
                <T
                  zh={<>{Math.round(t * 100)}% 处：网络说 <strong data-testid="interpolate-answer">{answer}</strong>（{(currentProbs[answer]! * 100).toFixed(0)}%）</>}
                  en={<>At {Math.round(t * 100)}%: the network says <strong>{answer}</strong> ({(currentProbs[answer]! * 100).toFixed(0)}%)</>}
                />
              ) : (
                <T zh="载入中……" en="Loading…" />
              )}
            </p>
          </div>
        </div>
        <div>
          {/* A title, not a heading (page heading order, issue 12). */}
          <p class={styles.subhead}>
            <T zh="网络最拿不准的手写数字" en="The digits the network finds most ambiguous" />
          </p>
          <ul class={styles.grid}>
            {ambiguousImages.map((a, i) => (
              <li class={styles.cell} key={i}>
                <DigitCanvas pixels={a.image} label={ui({ zh: `手写的 ${a.digit}`, en: `handwritten ${a.digit}` })} />
                <span class={styles.topTwo}>
                  <span>
                    <strong>{a.top[0]![0]}</strong> {(a.top[0]![1] * 100).toFixed(0)}%
                  </span>
                  <span>
                    <strong>{a.top[1]![0]}</strong> {(a.top[1]![1] * 100).toFixed(0)}%
                  </span>
                </span>
                <span class={styles.trueLabel}>
                  <T zh={`标注 ${a.digit}`} en={`label ${a.digit}`} />
                </span>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <ModelStatus state={state} onRetry={retry} />
    </div>
  );
}
