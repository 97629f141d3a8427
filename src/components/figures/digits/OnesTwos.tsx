/**
 * Figure "digits-ones-twos": real handwritten 1s and 2s with the network's
 * answers. A slider distorts every digit, blending it with the average digit
 * of the other kind and blurring it; each answer's position between "1" and
 * "2" moves toward the watershed between the two basins, and past it.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { argmax } from '../../../lib/models/digits-infer';
import { gaussianBlur, mixImages } from '../../../lib/models/mnist-preprocess';
import { DigitCanvas, ModelStatus, T, decodePixels, useDigitsModel, useLatest } from './ui';
import { useUiText } from '../kit/ui-lang';
import styles from './digits.module.css';

interface Props {
  /** The handwritten 1s and 2s: label and base64 pixels. */
  digits: { digit: number; pixels: string }[];
  children?: ComponentChildren;
}

function mean(images: Float32Array[]): Float32Array {
  const out = new Float32Array(784);
  for (const img of images) for (let i = 0; i < 784; i++) out[i]! += img[i]! / images.length;
  return out;
}

/** Distort `img` by `t` ∈ [0, 1]: blend toward `other` and blur. */
function distort(img: Float32Array, other: Float32Array, t: number): Float32Array {
  return t === 0 ? img : gaussianBlur(mixImages(img, other, t), 28, 1.2 * t);
}

export default function OnesTwos({ digits, children }: Props) {
  const ui = useUiText();
  const [mounted, setMounted] = useState(false);
  const [state, retry] = useDigitsModel();
  const [t, setT] = useState(0);
  useEffect(() => setMounted(true), []);

  const decoded = useMemo(() => digits.map((d) => ({ digit: d.digit, pixels: decodePixels(d.pixels) })), [digits]);
  const means = useMemo(() => {
    const ones = decoded.filter((d) => d.digit === 1).map((d) => d.pixels);
    const twos = decoded.filter((d) => d.digit === 2).map((d) => d.pixels);
    return { 1: mean(twos), 2: mean(ones) } as Record<number, Float32Array>;
  }, [decoded]);
  const images = useMemo(() => decoded.map((d) => distort(d.pixels, means[d.digit]!, t)), [decoded, means, t]);
  const engine = state.status === 'ready' ? state.engine : null;
  // Latest wins: dragging the slider never queues a backlog of forward passes.
  const probs = useLatest(engine ? () => engine.classify(images) : null, [engine, images]);

  if (!mounted || state.status === 'error') {
    return (
      <div class={styles.figure}>
        {children}
        {mounted && <ModelStatus state={state} onRetry={retry} />}
      </div>
    );
  }

  /** Position between 1 (0) and 2 (1). */
  const side = (p: Float32Array) => p[2]! / Math.max(1e-9, p[1]! + p[2]!);
  const crossed = probs ? decoded.filter((d, i) => argmax(probs[i]!) !== d.digit).length : 0;

  return (
    <div class={styles.figure} data-testid="digits-ones-twos-live">
      <div class={styles.slider}>
        <label for="ones-twos-t">
          <T zh="扭曲程度" en="Distortion" />
        </label>
        <input
          id="ones-twos-t"
          type="range"
          min={0}
          max={100}
          step={1}
          value={Math.round(t * 100)}
          onInput={(e) => setT(Number((e.currentTarget as HTMLInputElement).value) / 100)}
          aria-describedby="ones-twos-help"
        />
        <output for="ones-twos-t">{Math.round(t * 100)}%</output>
      </div>
      <p class={styles.hint} id="ones-twos-help">
        <T
          zh="向右拖动：每个数字逐渐混入另一类的平均形状并变模糊。"
          en="Drag right: each digit is blended toward the average shape of the other kind, and blurred."
        />{' '}
        {probs && (
          <T
            zh={`现在 ${decoded.length} 个中有 ${crossed} 个的回答已不是它原来的数字。`}
            en={`${crossed} of ${decoded.length} are no longer read as their own digit.`}
          />
        )}
      </p>
      <div class={styles.axis} role="img" aria-label={ui({ zh: '每个数字的回答位于 1（左）与 2（右）之间，虚线是分水岭', en: 'Each digit’s answer between 1 (left) and 2 (right); the dashed line is the watershed' })}>
        <span class={styles.watershed} />
        {probs &&
          decoded.map((d, i) => (
            <span
              key={i}
              class={`${styles.dot} ${d.digit === 1 ? styles.dotOne : styles.dotTwo}`}
              style={{ left: `${(side(probs[i]!) * 100).toFixed(1)}%`, top: `${0.3 + (i % 8) * 0.33}rem` }}
            />
          ))}
        <span class={styles.axisLabel} style={{ left: '0%' }}>
          “1”
        </span>
        <span class={styles.axisLabel} style={{ left: '50%' }}>
          <T zh="分水岭" en="watershed" />
        </span>
        <span class={styles.axisLabel} style={{ left: '100%' }}>
          “2”
        </span>
      </div>
      <ul class={styles.grid} style={{ marginTop: '1.2rem' }} data-testid="ones-twos-grid">
        {decoded.map((d, i) => {
          const p = probs?.[i];
          const answer = p ? argmax(p) : null;
          const wrong = answer !== null && answer !== d.digit;
          return (
            <li class={styles.cell} key={i} data-answer={answer ?? ''}>
              <DigitCanvas pixels={images[i]!} label={ui({ zh: `手写的 ${d.digit}`, en: `handwritten ${d.digit}` })} />
              <span class={styles.meter} aria-hidden="true">
                <span class={styles.meterFill} style={{ width: p ? `${(side(p) * 100).toFixed(0)}%` : '0%' }} />
              </span>
              <span class={wrong ? styles.wrong : undefined}>
                → <strong class={wrong ? styles.wrong : undefined}>{answer ?? '…'}</strong> {p && answer !== null ? `${(p[answer]! * 100).toFixed(0)}%` : ''}
              </span>
            </li>
          );
        })}
      </ul>
      <ModelStatus state={state} onRetry={retry} />
    </div>
  );
}
