/**
 * Client directive `client:visibleprops` (registered by the figure-assets
 * integration, scripts/build/figure-assets.ts): like `client:visible`, the
 * island hydrates when it scrolls into view, but its props are not in the
 * page: the build moved them to a JSON file named by the island's
 * `data-props-src` attribute, fetched here just before hydration (in parallel
 * with the island's code), as are the fragments the build moved out of its
 * static content (elements with `data-fig-fragment-src`, e.g. long MathML),
 * which are put back in place before hydration, and the figure's own
 * stylesheets (`data-fig-css`, src/scripts/figure-css.ts). If the props file cannot be fetched or is not JSON, the
 * island is not hydrated: the static fallback stays, the element gets
 * `data-props-error` with the reason and a warning names the file.
 *
 * Signature (Astro `ClientDirective`): `(load, options, el)`; `options.value`
 * may be `{ rootMargin }` (CSS margin string, as for `client:visible`).
 */
import type { ClientDirective } from 'astro';
import { loadFigureCss, styleAllFiguresOnceScrolled } from './figure-css';

styleAllFiguresOnceScrolled();

const visibleProps: ClientDirective = (load, options, el) => {
  const raw = typeof options.value === 'object' && options.value ? (options.value as { rootMargin?: string }) : undefined;
  const start = async () => {
    const src = el.getAttribute('data-props-src');
    const props: Promise<string | Error | null> = src
      ? fetch(src)
          .then(async (res) => {
            if (!res.ok) throw new Error(`HTTP ${res.status}`);
            const text = await res.text();
            JSON.parse(text);
            return text;
          })
          .catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))))
      : Promise.resolve(null);
    const fragments = Promise.all(
      [...el.querySelectorAll<HTMLElement>('[data-fig-fragment-src]')].map((f) =>
        fetch(f.dataset.figFragmentSrc!)
          .then((res) => (res.ok ? res.text() : Promise.reject(new Error(`HTTP ${res.status}`))))
          .then((html) => {
            f.innerHTML = html;
            f.removeAttribute('data-fig-fragment-src');
          })
          .catch((err: unknown) => console.warn(`[figure] kept the short note: could not load ${f.dataset.figFragmentSrc} (${String(err)})`)),
      ),
    );
    // Warm the module cache while the data comes, so load() below finds the code already fetched.
    for (const attr of ['component-url', 'renderer-url']) {
      const url = el.getAttribute(attr);
      if (url) void import(/* @vite-ignore */ url).catch(() => undefined);
    }
    // The figure's own stylesheets (data-fig-css, see figure-css.ts) apply before the island renders.
    const [text] = await Promise.all([props, fragments, loadFigureCss(el)]);
    if (text instanceof Error) {
      el.setAttribute('data-props-error', text.message);
      console.warn(`[figure] kept the static figure: could not load ${src} (${text.message})`);
      return;
    }
    // Set before load(): <astro-island> re-hydrates whenever `props` changes once its code is loaded.
    if (text !== null) el.setAttribute('props', text);
    const hydrate = await load();
    await hydrate();
  };
  const io = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      io.disconnect();
      void start();
    },
    { rootMargin: raw?.rootMargin ?? '200px' },
  );
  for (const child of el.children) io.observe(child);
};

export default visibleProps;

declare module 'astro' {
  interface AstroClientDirectives {
    /** Hydrate when visible; props fetched from the file the build wrote (see above). */
    'client:visibleprops'?: boolean | { rootMargin?: string };
  }
}
