/**
 * Astro integration `figureAssets()` (issue 12): keeps what a reader has not
 * scrolled to yet out of the HTML. After `astro build` it rewrites every built
 * page's figures (`<figure data-figure-id>`):
 *
 * - each inline `<svg>` of at least `minSvgBytes` (static fallbacks: maps,
 *   diagrams, plots), or marked `data-fig-extract`, becomes an external file `/_fig/<hash>.svg` shown by
 *   `<img loading="lazy" decoding="async" width height>`; the file carries the
 *   page's CSS rules that style it (see {@link svgStyle}) and the design tokens,
 *   so it reads the same without JavaScript;
 * - each `data:` image becomes a file `/_fig/<hash>.<ext>`;
 * - every figure `<img>` without a `loading` attribute gets `loading="lazy"`
 *   and `decoding="async"`;
 * - the content of an element marked `data-fig-fragment="<English note>"`
 *   (with `data-fig-fragment-zh="<中文说明>"`), e.g. a long MathML formula, moves
 *   to `/_fig/<hash>.htm`; the element keeps the two notes and
 *   `data-fig-fragment-src`; `client:visibleprops` loads it back on hydration;
 * - islands hydrated with `client:visibleprops` (src/scripts/visible-props.ts)
 *   lose their serialized `props` attribute (when ≥ 300 characters): it moves verbatim to
 *   `/_fig/<hash>.json`, named by `data-props-src`, fetched on hydration.
 *
 * Files are named by the first 16 hex digits of their SHA-256, so identical
 * fallbacks are shared between pages and cache forever. Elements are located
 * with parse5's source offsets and replaced in the original text: everything
 * else in the page stays byte for byte as Astro wrote it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { parse } from 'parse5';
import postcss, { type AtRule, type Rule } from 'postcss';
import { buildSync } from 'esbuild';
import { cssTokens, figureCssMarker, splitFigureCss } from './figure-css.ts';
import { bundlePages } from './page-bundles.ts';

/** Options of {@link figureAssets}. */
export interface FigureAssetsOptions {
  /** Inline SVGs at least this long (characters of markup) move out; smaller ones (icons) stay. Default 1200. */
  minSvgBytes?: number;
  /** Output folder under the site root. Default `_fig`. */
  dir?: string;
}

interface Node {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string; prefix?: string }[];
  childNodes?: Node[];
  value?: string;
  sourceCodeLocation?: {
    startOffset: number;
    endOffset: number;
    startTag?: { startOffset: number; endOffset: number };
    endTag?: { startOffset: number; endOffset: number };
  };
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const attr = (n: Node, name: string) => n.attrs?.find((a) => a.name === name)?.value;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const hash = (b: string | Buffer) => createHash('sha256').update(b).digest('hex').slice(0, 16);
const classesOf = (n: Node) => (attr(n, 'class') ?? '').split(/\s+/).filter(Boolean);
/** Astro's scoped-style attributes (`data-astro-cid-…`) of an element. */
const cidsOf = (n: Node) => (n.attrs ?? []).filter((a) => a.name.startsWith('data-astro-cid-')).map((a) => a.name);
/** What a selector can require of an element here: its classes (`.x`) and scoped-style attributes (`[data-astro-cid-x]`). */
const tokensOf = (n: Node) => [...classesOf(n).map((c) => `.${c}`), ...cidsOf(n).map((c) => `[${c}]`)];
const tokenSet = (n: Node) => new Set(tokensOf(n));
const selectorTokens = (sel: string) => [...sel.matchAll(/\.-?[_a-zA-Z][\w-]*|\[data-astro-cid-[\w-]+\]/g)].map((m) => m[0]);

/** Every class (`.x`) and scoped-style attribute (`[data-astro-cid-x]`) in an element's subtree (the element included). */
function subtreeTokens(n: Node, out = new Set<string>()): Set<string> {
  for (const t of tokensOf(n)) out.add(t);
  for (const c of n.childNodes ?? []) subtreeTokens(c, out);
  return out;
}

/** XML text of an element's children (SVG files are XML: every attribute needs a value, text is escaped). */
function childrenXml(n: Node): string {
  return (n.childNodes ?? []).map(toXml).join('');
}

function toXml(n: Node): string {
  if (n.nodeName === '#text') return (n.value ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (n.nodeName.startsWith('#')) return '';
  const name = n.tagName ?? n.nodeName;
  const attrs = (n.attrs ?? []).map((a) => ` ${a.prefix ? `${a.prefix}:` : ''}${a.name}="${esc(a.value)}"`).join('');
  return `<${name}${attrs}>${childrenXml(n)}</${name}>`;
}

function textOf(n: Node): string {
  if (n.nodeName === '#text') return n.value ?? '';
  return (n.childNodes ?? []).map(textOf).join('');
}

/**
 * The CSS an extracted SVG needs: the `:root` token rules (custom properties,
 * `color-scheme`), then every rule of `css` with a selector whose classes and
 * scoped-style attributes all occur in `available` (the SVG's plus those of
 * its HTML ancestors, which the file re-creates as nested `<g>`s): the
 * ancestors' rules matter for what inherits (custom properties, colour,
 * font). Rules inside `@media`/`@supports` keep their wrapper.
 *
 * @param css the page's stylesheets, concatenated
 * @param available tokens (`.class`, `[data-astro-cid-x]`) used in the SVG (its root included) and on its ancestors
 * @returns minified-ish CSS text ('' when nothing applies)
 */
export function svgStyle(css: string, available: Set<string>): string {
  const root = postcss.parse(css);
  root.walkAtRules((at: AtRule) => {
    if (!['media', 'supports', 'layer'].includes(at.name)) at.remove();
  });
  root.walkRules((rule: Rule) => {
    if (rule.parent?.type === 'atrule' && (rule.parent as AtRule).name === 'keyframes') return;
    const keep = rule.selectors.filter((sel) => {
      if (sel.trim() === ':root') return true;
      const classes = selectorTokens(sel);
      if (!classes.length) return false;
      // Rules of the ancestors alone are kept too: what they set that inherits (custom properties, colour, font) reaches the SVG.
      return classes.every((c) => available.has(c));
    });
    if (keep.length) rule.selectors = keep;
    else rule.remove();
  });
  root.walkAtRules((at: AtRule) => {
    if (!at.nodes?.length) at.remove();
  });
  root.walkComments((c) => {
    c.remove();
  });
  return root.toString().replace(/\s*\n\s*/g, '');
}

/**
 * Declarations of the rules of `css` that style the SVG element itself by its
 * type (`.nf svg`, `svg[data-astro-cid-x]`, `.nf-map > svg`): they no longer
 * match once the SVG is an `<img>`, so they become its inline style. A rule
 * counts when its last compound selector is `svg` plus tokens the SVG has, and
 * every other token is on one of its ancestors (pseudo-classes: skipped).
 *
 * @returns `prop:value;…` in cascade order ('' when none)
 */
export function svgTypeStyle(css: string, self: Set<string>, ancestors: Set<string>): string {
  const out: string[] = [];
  postcss.parse(css).walkRules((rule: Rule) => {
    if (rule.parent?.type === 'atrule') return;
    const hit = rule.selectors.some((sel) => {
      if (sel.includes(':')) return false;
      const parts = sel.trim().split(/\s*[>+~]\s*|\s+/);
      const last = parts.at(-1)!;
      if (!/^svg(?![\w-])/.test(last)) return false;
      return selectorTokens(last).every((t) => self.has(t)) && parts.slice(0, -1).every((p) => selectorTokens(p).every((t) => ancestors.has(t)) && !/^[a-z]/.test(p.replace(/^(div|span|figure|section|li|ol|ul|p|a)(?![\w-])/, '')));
    });
    if (hit) rule.walkDecls((d) => void out.push(`${d.prop}:${d.value}${d.important ? '!important' : ''}`));
  });
  return out.join(';');
}

/**
 * Inline style of the `<img>` that replaces an SVG: the declarations that styled
 * the SVG by its type, then its own `style`; each property once, the last one
 * winning (empty when there are none). The drawing keeps its aspect ratio by
 * `:where(img[data-svg-fallback]) { height: auto }` in the figure CSS of the
 * families whose drawings need it (nearest.css), which has no
 * specificity: a figure's own rule for the SVG's class (a height, a box that
 * fills a plot area) still applies to the `<img>`, as it did to the `<svg>`.
 * (Inline `height:auto` here overrode those rules and the static figures grew
 * taller than their live islands, e.g. nearest-sizes by 647 px at 390 px wide.)
 */
function imgStyle(typeStyle: string, selfStyle: string | undefined): string {
  const decls = new Map<string, string>();
  for (const d of `${typeStyle};${selfStyle ?? ''}`.split(';')) {
    const i = d.indexOf(':');
    if (i > 0) decls.set(d.slice(0, i).trim(), d.slice(i + 1).trim());
  }
  return [...decls].map(([k, v]) => `${k}:${v}`).join(';');
}

/** Width and height in CSS px from the SVG's attributes, else its viewBox. */
function svgSize(svg: Node): { width: number; height: number } | null {
  const w = Number(attr(svg, 'width'));
  const h = Number(attr(svg, 'height'));
  if (w > 0 && h > 0) return { width: w, height: h };
  const vb = attr(svg, 'viewBox')?.trim().split(/[\s,]+/).map(Number);
  if (vb && vb.length === 4 && vb[2]! > 0 && vb[3]! > 0) {
    if (w > 0) return { width: w, height: Math.round((w * vb[3]!) / vb[2]!) };
    return { width: Math.round(vb[2]!), height: Math.round(vb[3]!) };
  }
  return null;
}

/**
 * Rewrite one built page. Pure apart from `write(name, body)`, which stores a
 * file under the assets folder.
 *
 * @param html the page as Astro wrote it
 * @param css the page's stylesheets (linked and inline), concatenated
 * @param write stores `body` as `<dir>/<name>` in the build output
 * @param options base URL of the assets folder (`/_fig/`), the SVG threshold and the props threshold (characters, default 300)
 * @returns the rewritten page (unchanged when it has no figures)
 */
export function rewritePage(
  html: string,
  css: string,
  write: (name: string, body: string | Buffer) => void,
  options: { url: string; minSvgBytes: number; minPropsBytes?: number },
): string {
  const opts = { minPropsBytes: 300, ...options };
  const doc = parse(html, { sourceCodeLocationInfo: true }) as unknown as Node;
  const edits: Edit[] = [];
  const src = (n: Node) => html.slice(n.sourceCodeLocation!.startOffset, n.sourceCodeLocation!.endOffset);
  const startTag = (n: Node) => n.sourceCodeLocation!.startTag!;

  const visitFigure = (n: Node, ancestors: Node[]) => {
    if (n.nodeName === 'svg') {
      const loc = n.sourceCodeLocation;
      const size = svgSize(n);
      if (loc && size && (loc.endOffset - loc.startOffset >= opts.minSvgBytes || attr(n, 'data-fig-extract') !== undefined)) {
        edits.push({ start: loc.startOffset, end: loc.endOffset, text: svgToImg(n, ancestors, size) });
      }
      return; // never look inside an SVG
    }
    if (n.nodeName === 'img' && n.sourceCodeLocation?.startTag) {
      const tag = startTag(n);
      const s = attr(n, 'src') ?? '';
      const extra: string[] = [];
      const m = /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,(.*)$/s.exec(s);
      let text = html.slice(tag.startOffset, tag.endOffset);
      if (m) {
        const body = Buffer.from(m[2]!, 'base64');
        const name = `${hash(body)}.${m[1] === 'svg+xml' ? 'svg' : m[1] === 'jpeg' ? 'jpg' : m[1]}`;
        write(name, body);
        text = text.replace(s, opts.url + name);
      }
      if (!attr(n, 'loading')) extra.push('loading="lazy"');
      if (!attr(n, 'decoding')) extra.push('decoding="async"');
      if (extra.length) text = text.replace(/^<img/, `<img ${extra.join(' ')}`);
      if (text !== html.slice(tag.startOffset, tag.endOffset)) edits.push({ start: tag.startOffset, end: tag.endOffset, text });
    }
    const note = attr(n, 'data-fig-fragment');
    if (note !== undefined && n.sourceCodeLocation?.startTag && n.sourceCodeLocation.endTag) {
      const tag = startTag(n);
      const inner = html.slice(tag.endOffset, n.sourceCodeLocation.endTag.startOffset);
      const name = `${hash(inner)}.htm`; // not .html: not a page (Pagefind and the page tests index every .html)
      write(name, inner);
      const zh = attr(n, 'data-fig-fragment-zh');
      const raw = html.slice(tag.startOffset, tag.endOffset).replace(/ data-fig-fragment(-zh)?="[^"]*"/g, '');
      edits.push({
        start: tag.startOffset,
        end: n.sourceCodeLocation.endTag.startOffset,
        text:
          raw.replace(/>$/, ` data-fig-fragment-src="${opts.url}${name}">`) +
          `<span class="fig-fragment-note" data-nojs-note>${zh ? `<span lang="zh-CN" class="ui-zh">${esc(zh)}</span>` : ''}<span lang="en" class="ui-en">${esc(note)}</span></span>`,
      });
      return;
    }
    if (n.nodeName === 'astro-island' && attr(n, 'client') === 'visibleprops' && n.sourceCodeLocation?.startTag) {
      const props = attr(n, 'props');
      const tag = startTag(n);
      const raw = html.slice(tag.startOffset, tag.endOffset);
      const m = / props="[^"]*"/.exec(raw);
      // Small props ("{}", a few numbers) cost less inline than a request.
      if (props !== undefined && m && props.length >= opts.minPropsBytes) {
        const name = `${hash(props)}.json`;
        write(name, props);
        edits.push({ start: tag.startOffset + m.index, end: tag.startOffset + m.index + m[0].length, text: ` data-props-src="${opts.url}${name}"` });
      }
    }
    for (const c of n.childNodes ?? []) visitFigure(c, [...ancestors, n]);
  };

  const svgToImg = (svg: Node, ancestors: Node[], size: { width: number; height: number }) => {
    const own = subtreeTokens(svg);
    const chain = ancestors.filter((a) => tokensOf(a).length);
    const fromAncestors = new Set(chain.flatMap(tokensOf));
    const available = new Set([...own, ...fromAncestors]);
    const cidAttrs = (n: Node) => cidsOf(n).map((c) => ` ${c}=""`).join('');
    const style = `svg{color:var(--fg);font-family:var(--font-ui);font-size:16px}${svgStyle(css, available)}`;
    const inner = childrenXml(svg);
    const rootAttrs = (svg.attrs ?? [])
      .filter((a) => ['viewBox', 'preserveAspectRatio', 'fill', 'stroke', 'stroke-width', 'font-size'].includes(a.name))
      .map((a) => ` ${a.name}="${esc(a.value)}"`)
      .join('');
    const selfClass = attr(svg, 'class');
    const selfStyle = attr(svg, 'style');
    const open = chain.map((a) => `<g class="${esc(classesOf(a).join(' '))}"${cidAttrs(a)}>`).join('');
    const close = '</g>'.repeat(chain.length);
    const file =
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${size.width}" height="${size.height}"${rootAttrs}${cidAttrs(svg)}>` +
      `<style><![CDATA[${style}]]></style>${open}<g${selfClass ? ` class="${esc(selfClass)}"` : ''}${selfStyle ? ` style="${esc(selfStyle)}"` : ''}${cidAttrs(svg)}>${inner}</g>${close}</svg>`;
    const name = `${hash(file)}.svg`;
    write(name, file);
    const hidden = attr(svg, 'aria-hidden') === 'true';
    const title = (svg.childNodes ?? []).find((c) => c.nodeName === 'title');
    const alt = hidden ? '' : (attr(svg, 'aria-label') ?? (title ? textOf(title) : ''));
    const id = attr(svg, 'id');
    // An aria-label that follows the interface language (uiAttrs in src/lib/i18n.ts) stays so as the alt text.
    const uiZh = attr(svg, 'data-ui-zh');
    const uiEn = attr(svg, 'data-ui-en');
    const ui = !hidden && uiEn !== undefined ? ` data-ui-attr="alt"${uiZh !== undefined ? ` data-ui-zh="${esc(uiZh)}"` : ''} data-ui-en="${esc(uiEn)}"` : '';
    return (
      `<img src="${opts.url}${name}" alt="${esc(alt)}" width="${size.width}" height="${size.height}" loading="lazy" decoding="async"` +
      `${selfClass ? ` class="${esc(selfClass)}"` : ''}${id ? ` id="${esc(id)}"` : ''}${hidden ? ' aria-hidden="true"' : ''}${ui}` +
      `${((st) => (st ? ` style="${esc(st)}"` : ''))(imgStyle(svgTypeStyle(css, tokenSet(svg), fromAncestors), selfStyle))} data-svg-fallback>`
    );
  };

  const walk = (n: Node) => {
    if (n.nodeName === 'figure' && attr(n, 'data-figure-id') !== undefined) {
      for (const c of n.childNodes ?? []) visitFigure(c, [n]);
      return;
    }
    for (const c of n.childNodes ?? []) walk(c);
  };
  walk(doc);
  if (!edits.length) return html;
  edits.sort((a, b) => b.start - a.start);
  let out = html;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** One figure stylesheet group as a page sees it (see {@link annotateFigureCss}). */
export interface FigureCssFile {
  /** URL of the group's file, e.g. `/_fig/catdog.0123abcd.css`. */
  url: string;
  /** Classes and scoped-style attributes its rules select on ({@link cssTokens}). */
  tokens: Set<string>;
}

/**
 * Name on each figure of a page the figure stylesheets it needs, link them all
 * for readers without JavaScript, and add the script that loads them.
 *
 * A figure needs a group when one of the group's tokens occurs in its markup
 * (class, `data-astro-cid-*`); a group no figure's markup uses goes to the
 * figures whose island code (`islandCode(component-url)`: CSS-module class
 * names live there) names one of its tokens; a group of the page that no
 * figure claims either way goes to every figure.
 *
 * @param html the built page
 * @param groups the figure CSS groups the page's stylesheets held, by group name
 * @param islandCode the text of an island's code (its module and what it imports), '' when unknown
 * @param script the loader (src/scripts/figure-css-watch.ts as an IIFE), inlined before `</body>`
 * @param islandsJs URL of the island runtime taken out of the page ({@link deferIslandRuntime}), named in
 *   `data-fig-js` on each figure with an island
 * @returns the page with `data-fig-css="<url> …"` (and `data-fig-js`) on its figures, a `<noscript>` of `<link rel="stylesheet">` before `</head>` and the script
 */
export function annotateFigureCss(
  html: string,
  groups: Map<string, FigureCssFile>,
  islandCode: (url: string) => string,
  script: string,
  islandsJs: string | null = null,
): string {
  if (!groups.size && !islandsJs) return html;
  const doc = parse(html, { sourceCodeLocationInfo: true }) as unknown as Node;
  const figures: { node: Node; needs: Set<string>; code: string; islands: boolean }[] = [];
  const islandsIn = (n: Node, out: string[] = []): string[] => {
    if (n.nodeName === 'astro-island') {
      const url = attr(n, 'component-url');
      if (url) out.push(url);
    }
    for (const c of n.childNodes ?? []) islandsIn(c, out);
    return out;
  };
  const walk = (n: Node) => {
    if (n.nodeName === 'figure' && attr(n, 'data-figure-id') !== undefined) {
      const markup = new Set([...subtreeTokens(n)].map((t) => t.replace(/^\.|^\[|\]$/g, '')));
      const needs = new Set<string>();
      for (const [name, g] of groups) if ([...g.tokens].some((t) => markup.has(t))) needs.add(name);
      const islands = islandsIn(n);
      figures.push({ node: n, needs, code: islands.map(islandCode).join('\n'), islands: islands.length > 0 });
      return;
    }
    for (const c of n.childNodes ?? []) walk(c);
  };
  walk(doc);
  if (!figures.length) return html;
  // A group no figure's markup uses (e.g. a drawing pad an island renders) goes to the figures whose island code names it
  // (only distinctive names count there, `cd-fig`, `_pad_u4x4r_4`: a bare word may be anything in code;
  // code is matched only here because bundling shares chunks between islands).
  const byMarkup = new Set(figures.flatMap((f) => [...f.needs]));
  for (const [name, g] of groups) {
    if (byMarkup.has(name)) continue;
    for (const f of figures) if (f.code && [...g.tokens].some((t) => /[-_]/.test(t) && f.code.includes(t))) f.needs.add(name);
  }
  const claimed = new Set(figures.flatMap((f) => [...f.needs]));
  const edits: Edit[] = [];
  for (const f of figures) {
    for (const name of groups.keys()) if (!claimed.has(name)) f.needs.add(name);
    const tag = f.node.sourceCodeLocation!.startTag!;
    const urls = [...groups].filter(([name]) => f.needs.has(name)).map(([, g]) => g.url);
    const text = `${urls.length ? ` data-fig-css="${esc(urls.join(' '))}"` : ''}${islandsJs && f.islands ? ` data-fig-js="${esc(islandsJs)}"` : ''}`;
    if (text) edits.push({ start: tag.startOffset + '<figure'.length, end: tag.startOffset + '<figure'.length, text });
  }
  const links = [...groups.values()].map((g) => `<link rel="stylesheet" href="${esc(g.url)}">`).join('');
  const head = html.indexOf('</head>');
  const body = html.lastIndexOf('</body>');
  if (head >= 0 && links) edits.push({ start: head, end: head, text: `<noscript>${links}</noscript>` });
  // Marked so that scripts/build/page-bundles.ts can move it into the page's script bundle.
  if (body >= 0) edits.push({ start: body, end: body, text: `<script data-fig-loader>${script}</script>` });
  edits.sort((a, b) => b.start - a.start);
  let out = html;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Astro's inline island runtime: the `<astro-island>` element, and each hydration directive. */
const ISLAND_RUNTIME = [/customElements\.define\(\s*["']astro-island["']/, /\(self\.Astro\|\|\(self\.Astro=\{\}\)\)\.[\w$]+=/];

/**
 * Take Astro's island runtime (the inline scripts that define `<astro-island>`
 * and its hydration directives, ~2 KB gzip) out of a page whose islands are all
 * inside figures: the page's figure loader (src/scripts/figure-css.ts) runs it
 * from a file when the first figure with an island comes near the screen.
 *
 * @param html the built page
 * @param write stores `body` as `<dir>/<name>` in the build output
 * @param url base URL of the assets folder (`/_fig/`)
 * @returns the page without those scripts and the file's URL; the page unchanged and null when it has no
 *   island, an island outside a figure, or no such script
 */
export function deferIslandRuntime(html: string, write: (name: string, body: string) => void, url: string): { html: string; src: string | null } {
  if (!html.includes('<astro-island')) return { html, src: null };
  const doc = parse(html, { sourceCodeLocationInfo: true }) as unknown as Node;
  let outside = false;
  const scripts: Node[] = [];
  const walk = (n: Node, inFigure: boolean) => {
    if (n.nodeName === 'astro-island' && !inFigure) outside = true;
    if (n.nodeName === 'script' && attr(n, 'src') === undefined) {
      const text = textOf(n);
      if (ISLAND_RUNTIME.some((re) => re.test(text))) scripts.push(n);
    }
    const here = inFigure || (n.nodeName === 'figure' && attr(n, 'data-figure-id') !== undefined);
    for (const c of n.childNodes ?? []) walk(c, here);
  };
  walk(doc, false);
  if (outside || !scripts.length) return { html, src: null };
  const body = scripts.map((n) => textOf(n).trim()).join('\n');
  const name = `islands.${hash(body)}.js`;
  write(name, body);
  let out = html;
  for (const n of [...scripts].sort((a, b) => b.sourceCodeLocation!.startOffset - a.sourceCodeLocation!.startOffset)) {
    out = out.slice(0, n.sourceCodeLocation!.startOffset) + out.slice(n.sourceCodeLocation!.endOffset);
  }
  return { html: out, src: url + name };
}

/**
 * Move the figure CSS of the built site out of the pages' stylesheets (see
 * scripts/build/figure-css.ts): split every `_astro/*.css` and every inline
 * `<style>` of the pages, write one `<folder>/<group>.<hash>.css` per group,
 * drop links to stylesheets left empty, and annotate each page
 * ({@link annotateFigureCss}).
 *
 * @param root the build output folder
 * @param pages the built HTML files
 * @param where the site's base (ending in `/`) and the assets folder name
 * @returns how many group files were written and how many pages load them
 */
function moveFigureCss(root: string, pages: string[], where: { base: string; folder: string }): { groups: number; pages: number } {
  const astroDir = join(root, '_astro');
  const fileGroups = new Map<string, Set<string>>(); // stylesheet URL → groups it held
  const blocks = new Map<string, string[]>(); // group → distinct blocks
  const emptied = new Set<string>();
  const common = new Set<string>(); // tokens the rest of the site's CSS selects on
  const take = (groups: Map<string, string>) => {
    for (const [g, text] of groups) {
      const list = blocks.get(g) ?? [];
      if (!list.includes(text)) list.push(text);
      blocks.set(g, list);
    }
  };
  for (const name of readdirSync(astroDir).filter((n) => n.endsWith('.css'))) {
    const path = join(astroDir, name);
    const { rest, groups } = splitFigureCss(readFileSync(path, 'utf8'));
    for (const t of cssTokens(rest)) common.add(t);
    if (!groups.size) continue;
    take(groups);
    writeFileSync(path, rest);
    const url = `${where.base}_astro/${name}`;
    fileGroups.set(url, new Set(groups.keys()));
    if (!rest.trim()) emptied.add(url);
  }
  const inlineGroups = new Map<string, Set<string>>(); // page file → groups of its inline styles
  const pageHtml = new Map<string, string>();
  for (const file of pages) {
    let html = readFileSync(file, 'utf8');
    const own = new Set<string>();
    html = html.replace(/(<style[^>]*>)([\s\S]*?)(<\/style>)/g, (all, open: string, text: string, close: string) => {
      const { rest, groups } = splitFigureCss(text);
      for (const t of cssTokens(rest)) common.add(t);
      if (!groups.size) return all;
      take(groups);
      for (const g of groups.keys()) own.add(g);
      return rest.trim() ? open + rest + close : '';
    });
    inlineGroups.set(file, own);
    pageHtml.set(file, html);
  }

  const groupFiles = new Map<string, FigureCssFile>();
  for (const [g, list] of blocks) {
    const text = list.join('');
    const name = `${g}.${hash(text).slice(0, 8)}.css`;
    writeFileSync(join(root, where.folder, name), text);
    groupFiles.set(g, { url: `${where.base}${where.folder}/${name}`, tokens: cssTokens(text) });
  }
  // Only tokens that name a group (not `.ui-zh`, `.katex`, nor one that two groups share) say which figure needs it.
  const seen = new Map<string, number>();
  for (const g of groupFiles.values()) for (const t of g.tokens) seen.set(t, (seen.get(t) ?? 0) + 1);
  for (const g of groupFiles.values()) for (const t of [...g.tokens]) if (common.has(t) || seen.get(t)! > 1) g.tokens.delete(t);
  const jsCache = new Map<string, string>();
  const readJs = (url: string): string => {
    if (!url.startsWith(`${where.base}_astro/`)) return '';
    const path = join(root, url.slice(where.base.length));
    const hit = jsCache.get(path);
    if (hit !== undefined) return hit;
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      /* not built: no code to look into */
    }
    jsCache.set(path, text);
    return text;
  };
  /** An island's module and every module it imports (statically or not), concatenated. */
  const islandCode = (url: string): string => {
    const seen = new Set<string>();
    const out: string[] = [];
    const visit = (u: string) => {
      if (seen.has(u)) return;
      seen.add(u);
      const text = readJs(u);
      out.push(text);
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"(\.\/[^"]+\.js)"/g)) visit(new URL(m[1]!, `http://x${u}`).pathname);
    };
    visit(url);
    return out.join('\n');
  };
  const script = buildSync({
    entryPoints: [fileURLToPath(new URL('../../src/scripts/figure-css-watch.ts', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    write: false,
  }).outputFiles[0]!.text.trim();
  let annotated = 0;
  for (const file of pages) {
    let html = pageHtml.get(file)!;
    const names = new Set(inlineGroups.get(file));
    for (const m of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"[^>]*>/g)) for (const g of fileGroups.get(m[1]!) ?? []) names.add(g);
    html = html.replace(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"[^>]*>/g, (tag, href: string) => (emptied.has(href) ? '' : tag));
    const groups = new Map([...groupFiles].filter(([g]) => names.has(g)));
    const deferred = deferIslandRuntime(html, (name, body) => writeFileSync(join(root, where.folder, name), body), `${where.base}${where.folder}/`);
    const next = annotateFigureCss(deferred.html, groups, islandCode, script, deferred.src);
    if (next !== html) annotated++;
    if (next !== readFileSync(file, 'utf8')) writeFileSync(file, next);
  }
  return { groups: groupFiles.size, pages: annotated };
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
  );
}

/**
 * The integration: registers `client:visibleprops` and rewrites `dist/` after the build.
 *
 * @param options see {@link FigureAssetsOptions}
 */
export default function figureAssets(options: FigureAssetsOptions = {}): AstroIntegration {
  const minSvgBytes = options.minSvgBytes ?? 1200;
  const folder = options.dir ?? '_fig';
  let base = '/';
  return {
    name: 'figure-assets',
    hooks: {
      'astro:config:setup': ({ addClientDirective, config, updateConfig }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        updateConfig({ vite: { plugins: [figureCssMarker()] } });
        addClientDirective({ name: 'visibleprops', entrypoint: fileURLToPath(new URL('../../src/scripts/visible-props.ts', import.meta.url)) });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const out = join(root, folder);
        mkdirSync(out, { recursive: true });
        const written = new Set<string>();
        let bytes = 0;
        const write = (name: string, body: string | Buffer) => {
          if (written.has(name)) return;
          written.add(name);
          writeFileSync(join(out, name), body);
          bytes += Buffer.byteLength(body);
        };
        const pages = htmlFiles(root);
        for (const file of pages) {
          const html = readFileSync(file, 'utf8');
          if (!html.includes('data-figure-id')) continue;
          // The page's stylesheets, not the no-JavaScript one (src/styles/no-js.css, built as `no-js.<hash>.css`): an extracted SVG is never live.
          const css = [
            ...[...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)]
              .filter((m) => !/\/no-js\.[\w-]+\.css$/.test(m[1]!))
              .map((m) => readFileSync(join(root, m[1]!.slice(base.length)), 'utf8')),
            ...[...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!),
          ].join('\n');
          const next = rewritePage(html, css, write, { url: `${base}${folder}/`, minSvgBytes });
          if (next !== html) writeFileSync(file, next);
        }
        logger.info(`${written.size} figure files (${(bytes / 1024).toFixed(0)} KB) in ${folder}/`);
        const css = moveFigureCss(root, pages, { base, folder });
        logger.info(`figure CSS: ${css.groups} group file(s) in ${folder}/, on ${css.pages} page(s)`);
        logger.info(`one stylesheet and one script on ${await bundlePages(root, pages, base, fileURLToPath(new URL('../../src/scripts/figure-css-watch.ts', import.meta.url)))} page(s)`);
      },
    },
  };
}
