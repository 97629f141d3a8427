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
 * The reader's place: the first paragraph or figure whose top is on screen
 * (else the one crossing the top edge), and its top in px from the viewport's top.
 */
function place(): { el: Element; top: number } | null {
  let crossing: { el: Element; top: number } | null = null;
  for (const el of document.querySelectorAll('div[data-para-id], figure[data-figure-id]')) {
    const r = el.getBoundingClientRect();
    if (r.height === 0 || r.bottom <= 0) continue;
    if (r.top >= 0) return { el, top: r.top };
    crossing ??= { el, top: r.top };
    if (r.top > innerHeight) break;
  }
  return crossing;
}

/**
 * Link one stylesheet (once per document) and wait until it has loaded or failed.
 * A figure restyled by it may change height: the paragraph or figure the
 * reader was looking at when it was linked is put back where it was (same
 * frame, before paint), so a jump to a place among figures does not drift.
 * @param href the stylesheet's URL as written in `data-fig-css`
 * @returns resolves when the sheet applies (or could not load: the figure then keeps the page's own styles); never rejects
 */
function linkStylesheet(href: string): Promise<void> {
  let link = [...document.querySelectorAll<HTMLLinkElement>('link[data-fig-css]')].find((l) => l.getAttribute('href') === href);
  if (link?.sheet) return Promise.resolve();
  let kept: ReturnType<typeof place> = null;
  if (!link) {
    kept = place();
    link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.dataset.figCss = '';
    document.head.append(link);
  }
  const l = link;
  return new Promise((resolve) => {
    const done = () => {
      l.dataset.figCss = 'loaded';
      const moved = kept ? kept.el.getBoundingClientRect().top - kept.top : 0;
      if (Math.abs(moved) > 1) scrollBy({ top: moved, behavior: 'instant' });
      resolve();
    };
    if (l.dataset.figCss === 'loaded') return resolve();
    l.addEventListener('load', done, { once: true });
    l.addEventListener('error', done, { once: true });
  });
}

/**
 * Load the stylesheets a figure needs.
 * @param el the figure, or any element inside it
 * @returns resolves when all have loaded or failed (immediately when it needs none); never rejects
 */
export function loadFigureCss(el: Element): Promise<void> {
  const figure = el.closest('figure[data-fig-css]');
  const urls = figure?.getAttribute('data-fig-css')?.split(/\s+/).filter(Boolean) ?? [];
  return Promise.all(urls.map(linkStylesheet)).then(() => undefined);
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
