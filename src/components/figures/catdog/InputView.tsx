/** The 32×32 image the network receives, drawn pixel for pixel and scaled up without smoothing. */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { inputToRgba } from '../../../lib/catdog/preprocess';
import { CATDOG_SIZE } from '../../../lib/models/catdog';

/** Props: the input `[32, 32, 3]` in [0, 1] (live), or the URL of a precomputed PNG (fallback). */
export interface InputViewProps {
  input: Float32Array | null;
  fallbackSrc?: string;
  /** Accessible description. */
  label: string;
  class?: string;
}

export function InputView({ input, fallbackSrc, label, class: cls = '' }: InputViewProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const c = ref.current;
    if (!c || !input) return;
    c.getContext('2d')?.putImageData(new ImageData(inputToRgba(input) as Uint8ClampedArray<ArrayBuffer>, CATDOG_SIZE, CATDOG_SIZE), 0, 0);
  }, [input]);
  if (!input) {
    return fallbackSrc ? <img class={`cd-pixels ${cls}`} src={fallbackSrc} width={CATDOG_SIZE} height={CATDOG_SIZE} alt={label} /> : <span class={`cd-pixels cd-empty ${cls}`} />;
  }
  return <canvas ref={ref} class={`cd-pixels ${cls}`} width={CATDOG_SIZE} height={CATDOG_SIZE} role="img" aria-label={label} />;
}
