/** One channel (or kernel slice) drawn as a small image on the diverging colour scale. */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { colorize } from '../../../lib/catdog/activations';

/** Props: `height × width` values (row-major), the scale limit (±limit = full colour), and an accessible label. */
export interface MapCanvasProps {
  values: Float32Array;
  width: number;
  height: number;
  limit: number;
  label?: string;
  class?: string;
}

export function MapCanvas({ values, width, height, limit, label, class: cls = '' }: MapCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    ref.current?.getContext('2d')?.putImageData(new ImageData(colorize(values, limit) as Uint8ClampedArray<ArrayBuffer>, width, height), 0, 0);
  }, [values, limit, width, height]);
  return <canvas ref={ref} class={`cd-map ${cls}`} width={width} height={height} role={label ? 'img' : undefined} aria-label={label} aria-hidden={label ? undefined : 'true'} />;
}

/** Props of {@link RgbCanvas}: RGBA bytes of `width × height` pixels. */
export interface RgbCanvasProps {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  label: string;
  class?: string;
}

/** Draw RGBA bytes as they are (e.g. a first-layer kernel as colours). */
export function RgbCanvas({ rgba, width, height, label, class: cls = '' }: RgbCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    ref.current?.getContext('2d')?.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, width, height), 0, 0);
  }, [rgba, width, height]);
  return <canvas ref={ref} class={`cd-map ${cls}`} width={width} height={height} role="img" aria-label={label} />;
}
