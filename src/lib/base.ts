/**
 * The site's base path (Astro's `base`, set at build time from `SITE_BASE`,
 * e.g. `/` or `/readers/nn/`) and the one helper every site-internal URL goes
 * through, so the built site works under any path of any host.
 *
 * Works in Astro components, in browser bundles (Vite replaces
 * `import.meta.env.BASE_URL`) and in Node scripts (where it falls back to `/`).
 */

/**
 * The base path with exactly one leading and one trailing slash, e.g. `/` or `/docs/`.
 * @param raw a base as configured (`docs`, `/docs`, `/docs/`); defaults to Vite's `import.meta.env.BASE_URL`
 */
export function siteBase(raw?: string): string {
  const value = raw ?? (import.meta as unknown as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';
  const trimmed = value.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/**
 * A site-internal URL under the base path.
 *
 * @param path a root-relative path as the site would have at `/` (`/glossary/`, `models/manifest.json`,
 *   `/neural-nets/?r=en#s05-p01`); `''` or `/` for the home page
 * @param base the base path (defaults to {@link siteBase}())
 * @returns e.g. `withBase('/glossary/')` → `/docs/glossary/` under base `/docs/`
 * @throws Error for an absolute URL with a scheme or a protocol-relative one (`//host/…`), which has no base
 */
export function withBase(path: string, base: string = siteBase()): string {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(path)) throw new Error(`withBase: not a site path: ${path}`);
  return siteBase(base) + path.replace(/^\/+/, '');
}

/**
 * The inverse of {@link withBase}: the path as it would be at `/`.
 * @param pathname a URL path, e.g. `/docs/neural-nets/`
 * @param base the base path (defaults to {@link siteBase}())
 * @returns e.g. `/neural-nets/`, or the input unchanged when it is not under the base
 */
export function withoutBase(pathname: string, base: string = siteBase()): string {
  const b = siteBase(base);
  return pathname.startsWith(b) ? `/${pathname.slice(b.length)}` : pathname;
}
