/**
 * Figure stylesheets in the browser (issue 12; the build step is
 * scripts/build/figure-css.ts): a `<figure data-figure-id>` names the CSS
 * files it needs in `data-fig-css` (space-separated URLs); they are linked
 * when the figure comes within {@link FIGURE_CSS_MARGIN} of the screen, when
 * the page is about to print, or, by `client:visibleprops`, before its island
 * hydrates. Without JavaScript the page's `<noscript>` links them all.
 * A figure with islands also names in `data-fig-js` the script of Astro's
 * island runtime, which the build moved out of the page: it runs once the
 * first such figure comes near.
 */

/** How near the screen a figure comes before its CSS loads (IntersectionObserver rootMargin). */
export const FIGURE_CSS_MARGIN = '300px 0px';

/**
 * The element whose place on screen a restyled figure must not move: the
 * element the URL's fragment names while it is on screen (a landing, which the
 * reader script keeps aligned), else the first paragraph or figure whose top
 * is on screen (else the one crossing the top edge).
 */
function place(): Element | null {
  let target: Element | null = null;
  try {
    target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  } catch {
    /* a malformed fragment names nothing */
  }
  const t = target?.getBoundingClientRect();
  if (target && t && t.bottom > 0 && t.top < innerHeight) return target;
  let crossing: Element | null = null;
  for (const el of document.querySelectorAll('div[data-para-id], figure[data-figure-id]')) {
    const r = el.getBoundingClientRect();
    if (r.height === 0 || r.bottom <= 0) continue;
    if (r.top >= 0) return el;
    crossing ??= el;
    if (r.top > innerHeight) break;
  }
  return crossing;
}

/**
 * Fetch one stylesheet (once per document, marked by a `<style data-fig-css="<url>">`
 * in the head) and apply it. A figure it restyles may change height: what the
 * reader is looking at ({@link place}) is measured just before the styles go in and
 * put back just after, in the same task, so nothing drifts on screen.
 * @param href the stylesheet's URL as written in `data-fig-css`
 * @returns resolves when the sheet applies (or could not load: the figure then keeps the page's own styles); never rejects
 */
function linkStylesheet(href: string): Promise<void> {
  let style = [...document.querySelectorAll<HTMLStyleElement>('style[data-fig-css]')].find((s) => s.dataset.figCss === href);
  if (style?.dataset.loaded !== undefined) return Promise.resolve();
  const done = new Promise<void>((resolve) => {
    if (style) style.addEventListener('load', () => resolve(), { once: true });
    else {
      const el = (style = document.createElement('style'));
      el.dataset.figCss = href;
      el.addEventListener('load', () => resolve(), { once: true });
      document.head.append(el);
      fetch(href)
        .then((res) => (res.ok ? res.text() : Promise.reject(new Error(`HTTP ${res.status}`))))
        .then((css) => {
          const kept = place();
          const before = kept?.getBoundingClientRect().top ?? 0;
          el.textContent = css;
          const moved = kept ? kept.getBoundingClientRect().top - before : 0;
          if (Math.abs(moved) > 1) scrollBy({ top: moved, behavior: 'instant' });
        })
        .catch((err: unknown) => console.warn(`[figure] kept the page's styles: could not load ${href} (${String(err)})`))
        .finally(() => {
          el.dataset.loaded = '';
          el.dispatchEvent(new Event('load'));
        });
    }
  });
  return done;
}

/**
 * Load the stylesheets a figure needs.
 * @param el the figure, or any element inside it
 * @returns resolves when all have loaded or failed (immediately when it needs none), after marking
 *   the figure `data-fig-styled` (which lifts reading.css's horizontal clip); never rejects
 */
export function loadFigureCss(el: Element): Promise<void> {
  const figure = el.closest('figure[data-fig-css]');
  const urls = figure?.getAttribute('data-fig-css')?.split(/\s+/).filter(Boolean) ?? [];
  // Styled (or left with the page's styles when a sheet failed): the figure may now overflow as its CSS says.
  return Promise.all(urls.map(linkStylesheet)).then(() => void figure?.setAttribute('data-fig-styled', ''));
}

/**
 * Run the islands' runtime a figure names in `data-fig-js` (Astro's
 * `<astro-island>` element and hydration directives, moved out of the page by
 * the build), once per document, as a classic script.
 * @param figure the figure
 */
function loadFigureScript(figure: Element): void {
  const src = figure.getAttribute('data-fig-js');
  if (!src || [...document.scripts].some((s) => s.getAttribute('src') === src)) return;
  const script = document.createElement('script');
  script.src = src;
  document.body.append(script);
}

/**
 * Watch every figure of the page: as it nears the screen, link its CSS, then
 * start its islands' runtime (`data-fig-js`); link all figures' CSS before
 * printing (`beforeprint`).
 */
export function watchFigureCss(): void {
  const figures = [...document.querySelectorAll('figure[data-fig-css], figure[data-fig-js]')];
  addEventListener('beforeprint', () => figures.forEach((f) => void loadFigureCss(f)));
  if (typeof IntersectionObserver !== 'function') return figures.forEach((f) => void loadFigureCss(f).then(() => loadFigureScript(f)));
  const io = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        io.unobserve(e.target);
        void loadFigureCss(e.target).then(() => loadFigureScript(e.target));
      }
    },
    { rootMargin: FIGURE_CSS_MARGIN },
  );
  for (const f of figures) io.observe(f);
}

/**
 * Once the page has scrolled, link every figure's CSS in idle time (called by
 * the islands' runtime, which loads when the first figure nears the screen, so
 * a page that is only opened fetches none of this). A flick outruns
 * {@link FIGURE_CSS_MARGIN}, and a figure restyled on screen changes height
 * under the reader's eyes; the site's five figure sheets are 8.4 KB gzip in all.
 */
export function styleAllFiguresOnceScrolled(): void {
  // Safari has no requestIdleCallback.
  const styleAll = () =>
    (self.requestIdleCallback ?? setTimeout)(() => document.querySelectorAll('figure[data-fig-css]').forEach((f) => void loadFigureCss(f)));
  if (scrollY > 0) styleAll();
  else addEventListener('scroll', styleAll, { once: true, passive: true });
}
