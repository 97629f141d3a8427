/**
 * A square drawing pad for one digit (mouse, touch and pen through Pointer
 * Events). After each animation frame with new ink it hands the drawing,
 * pre-processed like MNIST (28×28, 20×20 box, centred by centre of mass),
 * to `onDigit`. `image` replaces the drawing with a 28×28 digit (used by the
 * sample buttons, the keyboard alternative to drawing).
 */
import { useEffect, useRef } from 'preact/hooks';
import { preprocessDigit } from '../../../lib/models/mnist-preprocess';
import { fitCanvasToDisplay, watchDevicePixelRatio } from '../kit/resolution';
import styles from './pad.module.css';

/**
 * Side of the pad's drawing coordinates (the stroke and the read-out are in
 * these units). The backing store itself is CSS size × devicePixelRatio, so
 * the ink stays sharp on 2× and 3× screens; a transform maps SIZE onto it.
 */
const SIZE = 280;
/** Stroke width in canvas pixels (≈ MNIST's 2–3 px strokes once scaled to the 20 px box). */
const STROKE = 22;
/** The drawing is read at this resolution for pre-processing (6× fewer pixels than the pad; still 5× the 20 px box). */
const READ = 112;

interface Props {
  /** Called with the 28×28 pre-processed image (null when the pad is empty). */
  onDigit: (pixels: Float32Array | null) => void;
  /** A 28×28 image to show instead of the drawing; bump `imageKey` to re-apply the same one. */
  image: Float32Array | null;
  imageKey: number;
  /** Accessible name. */
  label: string;
}

export function DrawingPad({ onDigit, image, imageKey, label }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef(0);
  const last = useRef<{ x: number; y: number } | null>(null);
  const ink = useRef('#000');
  const onDigitRef = useRef(onDigit);
  onDigitRef.current = onDigit;

  const reader = useRef<CanvasRenderingContext2D | null>(null);

  const emit = () => {
    const el = canvas.current;
    if (!el) return;
    const start = performance.now();
    if (!reader.current) {
      const small = document.createElement('canvas');
      small.width = small.height = READ;
      reader.current = small.getContext('2d', { willReadFrequently: true });
    }
    const ctx = reader.current;
    if (!ctx) return;
    ctx.clearRect(0, 0, READ, READ);
    ctx.drawImage(el, 0, 0, READ, READ);
    const data = ctx.getImageData(0, 0, READ, READ).data;
    const alpha = new Float32Array(READ * READ);
    for (let i = 0; i < alpha.length; i++) alpha[i] = data[4 * i + 3]! / 255;
    const { pixels, hasInk } = preprocessDigit(alpha, READ, READ);
    // Read by `npm run bench:models`.
    performance.measure('digits:preprocess', { start });
    onDigitRef.current(hasInk ? pixels : null);
  };

  const schedule = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      emit();
    });
  };

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  /** Match the backing store to the pad's CSS size × devicePixelRatio, keeping the ink. */
  const fit = () => {
    const el = canvas.current;
    if (!el) return;
    const before = document.createElement('canvas');
    before.width = el.width;
    before.height = el.height;
    before.getContext('2d')?.drawImage(el, 0, 0);
    const { width, height, changed } = fitCanvasToDisplay(el, SIZE);
    const ctx = el.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(width / SIZE, 0, 0, height / SIZE, 0, 0);
    if (changed) ctx.drawImage(before, 0, 0, SIZE, SIZE);
  };
  useEffect(() => {
    fit();
    const stop = watchDevicePixelRatio(fit);
    const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(() => fit()) : null;
    if (canvas.current) ro?.observe(canvas.current);
    return () => {
      stop();
      ro?.disconnect();
    };
  }, []);

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx || !image) return;
    ctx.clearRect(0, 0, SIZE, SIZE);
    const small = document.createElement('canvas');
    small.width = small.height = 28;
    const sctx = small.getContext('2d')!;
    const img = sctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) img.data[4 * i + 3] = Math.round(image[i]! * 255);
    sctx.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(small, 0, 0, SIZE, SIZE);
    emit();
  }, [image, imageKey]);

  const point = (e: PointerEvent) => {
    const r = canvas.current!.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * SIZE, y: ((e.clientY - r.top) / r.height) * SIZE };
  };

  const stroke = (to: { x: number; y: number }) => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const from = last.current ?? to;
    ctx.strokeStyle = ink.current;
    ctx.lineWidth = STROKE;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x + (from === to ? 0.01 : 0), to.y);
    ctx.stroke();
    last.current = to;
  };

  const onDown = (e: PointerEvent) => {
    if (e.button !== 0 && e.pointerType === 'mouse') return;
    e.preventDefault();
    canvas.current!.setPointerCapture(e.pointerId);
    ink.current = getComputedStyle(canvas.current!).color;
    last.current = null;
    stroke(point(e));
    schedule();
  };
  const onMove = (e: PointerEvent) => {
    if (!last.current) return;
    const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    for (const ev of events.length ? events : [e]) stroke(point(ev));
    schedule();
  };
  const onUp = () => {
    if (!last.current) return;
    last.current = null;
    schedule();
  };

  return (
    <canvas
      ref={canvas}
      class={styles.pad}
      width={SIZE}
      height={SIZE}
      role="img"
      aria-label={label}
      data-testid="digits-pad"
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onPointerCancel={onUp}
    />
  );
}

