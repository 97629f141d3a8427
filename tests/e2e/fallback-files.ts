/**
 * Helpers for the static fallbacks the build moved out of the HTML
 * (scripts/build/figure-assets.ts): an inline SVG became
 * `<img data-svg-fallback src="/_fig/<hash>.svg">`. These read the files back
 * so tests can still assert what the drawing contains.
 */
import type { Locator } from 'playwright-core';

/**
 * Count the elements matching `selector` in the SVG files shown by the
 * `img[data-svg-fallback]` images inside `scope` (summed over all of them).
 * The root `<svg>` of each file is matched too (e.g. `svg circle`).
 *
 * @param scope a locator (a figure, a card…); its page may have JavaScript disabled
 * @param selector a CSS selector evaluated on each SVG document
 * @throws when an image's file cannot be fetched (status ≥ 400) or is not well-formed XML
 */
export async function countInFallbackSvgs(scope: Locator, selector: string): Promise<number> {
  const page = scope.page();
  const srcs = await scope.locator('img[data-svg-fallback]').evaluateAll((els) => els.map((e) => (e as HTMLImageElement).src));
  let n = 0;
  for (const src of srcs) {
    const res = await page.request.get(src);
    if (!res.ok()) throw new Error(`${src}: HTTP ${res.status()}`);
    const text = await res.text();
    n += await page.evaluate(
      ([t, s]) => {
        const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
        if (doc.querySelector('parsererror')) throw new Error('not well-formed XML');
        return doc.querySelectorAll(s).length;
      },
      [text, selector] as const,
    );
  }
  return n;
}

/**
 * Scroll every lazy fallback image inside `scope` into view and return those
 * that did not decode (naturalWidth 0) as their `src`.
 *
 * @param scope locator whose `img[data-svg-fallback]` and `img[loading="lazy"]` are checked
 */
export async function brokenFallbackImages(scope: Locator): Promise<string[]> {
  const imgs = scope.locator('img[data-svg-fallback], img[loading="lazy"]');
  const broken: string[] = [];
  for (const img of await imgs.all()) {
    await img.scrollIntoViewIfNeeded();
    const ok = await img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth > 0 : new Promise<boolean>((r) => { el.onload = () => r(el.naturalWidth > 0); el.onerror = () => r(false); })));
    if (!ok) broken.push((await img.getAttribute('src')) ?? '');
  }
  return broken;
}
