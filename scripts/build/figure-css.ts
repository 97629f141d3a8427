/**
 * Figure CSS leaves the page's first stylesheets (issue 12): what styles a
 * figure (the CSS of `src/components/figures/**`: CSS modules, plain `.css`
 * and the `<style>` blocks of the figures' `.astro` files) is loaded when the
 * figure comes near the screen, not before the text.
 *
 * Two halves:
 * 1. {@link figureCssMarker}, a Vite plugin: while Astro builds, wraps each
 *    figure stylesheet in `@supports (--fig-css:<group>){…}` (a condition every
 *    browser meets, so the marker never changes what applies), `<group>` being
 *    the figure family (`catdog`, `digits`, … : the folder under
 *    `src/components/figures/`, or the prefix of a slot's file name, `fit1d-train` → `fit1d`).
 * 2. {@link splitFigureCss}, run on the built stylesheets: takes the marked blocks
 *    out, unwrapped, and returns them per group; `scripts/build/figure-assets.ts`
 *    writes one `/_fig/<group>.<hash>.css` per group, names the files each
 *    figure needs in its `data-fig-css` attribute and lists them all in a
 *    `<noscript>` of the page's head (so the figures read the same without
 *    JavaScript). `src/scripts/figure-css.ts` loads them in the browser.
 */
import postcss, { type AtRule } from 'postcss';
import type { Plugin } from 'vite';

/** The marker's at-rule parameter for a group, e.g. `(--fig-css:catdog)`. */
const MARK = /^\(\s*--fig-css\s*:\s*([\w-]+)\s*\)$/;

/**
 * The figure family of a source module, or null when it is not figure CSS.
 *
 * @param id a Vite module id (absolute path, maybe with a `?query`)
 * @returns `catdog`, `codec`, `digits`, … for CSS under `src/components/figures/`; null otherwise (kit included)
 */
export function figureCssGroup(id: string): string | null {
  const [path, query = ''] = id.split('?');
  const m = /\/src\/components\/figures\/([^/]+)\/([^/]+)$/.exec(path!.replace(/\\/g, '/'));
  if (!m) return null;
  const isCss = /\.css$/.test(path!) || (/\.astro$/.test(path!) && /(^|&)type=style/.test(query) && /lang\.css$/.test(query));
  if (!isCss) return null;
  if (m[1] === 'kit') return null;
  if (m[1] === 'slots') return m[2]!.replace(/\.astro$/, '').split('-')[0]!;
  return m[1]!;
}

/**
 * Vite plugin (build only): wraps every figure stylesheet in its group's
 * marker (see the file comment). Runs before Vite's own CSS handling, so CSS
 * modules and Astro's scoped styles are processed inside the wrapper.
 */
export function figureCssMarker(): Plugin {
  return {
    name: 'figure-css-marker',
    enforce: 'pre',
    apply: 'build',
    transform(code, id) {
      const group = figureCssGroup(id);
      if (!group) return null;
      return { code: `@supports (--fig-css:${group}){\n${code}\n}`, map: null };
    },
  };
}

/**
 * Take the figure blocks out of one built stylesheet.
 *
 * @param css a built stylesheet (minified or not)
 * @returns `css` without the marked blocks, and the blocks' contents (unwrapped) per group, in source order
 */
export function splitFigureCss(css: string): { rest: string; groups: Map<string, string> } {
  if (!css.includes('--fig-css')) return { rest: css, groups: new Map() };
  const root = postcss.parse(css);
  const groups = new Map<string, string>();
  root.each((node) => {
    if (node.type !== 'atrule' || (node as AtRule).name !== 'supports') return;
    const m = MARK.exec((node as AtRule).params.trim());
    if (!m) return;
    const inner = ((node as AtRule).nodes ?? []).map((n) => n.toString()).join('');
    groups.set(m[1]!, (groups.get(m[1]!) ?? '') + inner);
    node.remove();
  });
  return { rest: root.toString(), groups };
}

/**
 * The classes (`.x`) and scoped-style attributes (`[data-astro-cid-x]`) a
 * group's rules select on: a figure whose markup or island code uses one of
 * them needs the group.
 *
 * @param css the group's CSS
 * @returns tokens, each without its `.` / brackets (`cd-fig`, `_pad_u4x4r_4`, `data-astro-cid-z523gyf6`)
 */
export function cssTokens(css: string): Set<string> {
  const out = new Set<string>();
  postcss.parse(css).walkRules((rule) => {
    if (rule.parent?.type === 'atrule' && (rule.parent as AtRule).name === 'keyframes') return;
    for (const m of rule.selector.matchAll(/\.(-?[_a-zA-Z][\w-]*)|\[(data-astro-cid-[\w-]+)\]/g)) out.add(m[1] ?? m[2]!);
  });
  return out;
}
