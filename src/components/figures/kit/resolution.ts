/**
 * Canvas backing stores that match the screen: CSS size × devicePixelRatio,
 * followed when the ratio changes (browser zoom, moving the window to another
 * screen). Browser only.
 */

/**
 * Call `onChange(dpr)` whenever `window.devicePixelRatio` changes. Uses a
 * `(resolution: Ndppx)` media query for the current ratio, re-armed after each
 * change (the pattern MDN documents for `devicePixelRatio`).
 * @returns a function that stops watching
 */
export function watchDevicePixelRatio(onChange: (dpr: number) => void): () => void {
  let mq: MediaQueryList | null = null;
  const arm = () => {
    mq?.removeEventListener?.('change', fire);
    mq = window.matchMedia?.(`(resolution: ${window.devicePixelRatio || 1}dppx)`) ?? null;
    mq?.addEventListener?.('change', fire);
  };
  const fire = () => {
    arm();
    onChange(window.devicePixelRatio || 1);
  };
  arm();
  return () => mq?.removeEventListener?.('change', fire);
}

/**
 * Size a canvas's backing store to its CSS box × devicePixelRatio.
 * @param canvas a laid-out canvas (its CSS size is read with getBoundingClientRect)
 * @param fallbackCss CSS side (px) used when the canvas is not laid out (0×0)
 * @returns the backing size in device pixels and whether it changed (a change
 *   clears the canvas, as any width/height assignment does: redraw after it)
 */
export function fitCanvasToDisplay(canvas: HTMLCanvasElement, fallbackCss = 0): { width: number; height: number; changed: boolean } {
  const dpr = window.devicePixelRatio || 1;
  const r = canvas.getBoundingClientRect();
  const cssW = r.width || fallbackCss;
  const cssH = r.height || fallbackCss;
  const width = Math.max(1, Math.round(cssW * dpr));
  const height = Math.max(1, Math.round(cssH * dpr));
  const changed = canvas.width !== width || canvas.height !== height;
  if (changed) {
    canvas.width = width;
    canvas.height = height;
  }
  return { width, height, changed };
}
