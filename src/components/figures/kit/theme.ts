/**
 * The page's colour theme as figures see it, and one way to follow it.
 * The theme is `<html data-theme="light|dark">` (a forced choice) or, when the
 * attribute is absent, the system's `prefers-color-scheme`. Browser only.
 */

/** Whether the page currently shows the dark theme (explicit choice, else the system's). */
export function isDark(): boolean {
  const t = document.documentElement.getAttribute('data-theme');
  if (t === 'dark') return true;
  if (t === 'light') return false;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

/**
 * Call `onChange` whenever the shown theme may have changed: the `data-theme`
 * attribute on `<html>` (theme button, or a bfcache restore re-applying the
 * stored choice), the system scheme, or the page being shown again (`pageshow`
 * with `persisted`, when a restored page may have missed changes).
 * @returns a function that stops watching
 */
export function watchTheme(onChange: () => void): () => void {
  const mo = new MutationObserver(onChange);
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
  mq?.addEventListener?.('change', onChange);
  const onShow = (e: PageTransitionEvent) => {
    if (e.persisted) onChange();
  };
  window.addEventListener('pageshow', onShow);
  return () => {
    mo.disconnect();
    mq?.removeEventListener?.('change', onChange);
    window.removeEventListener('pageshow', onShow);
  };
}

/**
 * A CSS colour (a custom property such as `--muted`, possibly written with
 * `light-dark(…)`, which a canvas cannot parse) resolved to `rgb(…)` by the
 * browser, in the context of `el` (so the element's `color-scheme` applies).
 * @param el an element in the page; the probe is appended to its parent
 * @param name custom property name, e.g. `--muted`
 * @param fallback colour used when the property is not set
 */
export function resolveColor(el: Element, name: string, fallback: string): string {
  const host = el.parentElement ?? document.body;
  const probe = document.createElement('span');
  probe.style.display = 'none';
  probe.style.color = fallback;
  probe.style.color = `var(${name}, ${fallback})`;
  host.appendChild(probe);
  const color = getComputedStyle(probe).color || fallback;
  probe.remove();
  return color;
}
