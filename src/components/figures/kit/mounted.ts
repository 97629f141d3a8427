/**
 * Markup only a live island needs (canvases and their legends, hidden until
 * the model or the chart code has loaded) need not travel in the page's HTML:
 * server rendering and the first, hydrating render leave it out, and it is
 * added once the island has mounted. Issue 12: the HTML carries the text and
 * the static fallback, not hidden copies of the live figure.
 */
import { useEffect, useState } from 'preact/hooks';

/**
 * @returns false while rendering on the server and during the hydrating render
 *   (so both produce the same markup), true from the render after mounting
 */
export function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}
