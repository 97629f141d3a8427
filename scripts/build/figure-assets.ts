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
 * Inline style of the `<img>` that replaces an SVG: `max-width:100%;height:auto`
 * (keeps the drawing's aspect ratio), then the declarations that styled the SVG
 * by its type, then its own `style`; each property once, the last one winning.
 */
function imgStyle(typeStyle: string, selfStyle: string | undefined): string {
  const decls = new Map<string, string>();
  for (const d of `max-width:100%;height:auto;${typeStyle};${selfStyle ?? ''}`.split(';')) {
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
          `<span class="fig-fragment-note">${zh ? `<span lang="zh-CN" class="ui-zh">${esc(zh)}</span>` : ''}<span lang="en" class="ui-en">${esc(note)}</span></span>`,
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
      ` style="${esc(imgStyle(svgTypeStyle(css, tokenSet(svg), fromAncestors), selfStyle))}" data-svg-fallback>`
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
      'astro:config:setup': ({ addClientDirective, config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        addClientDirective({ name: 'visibleprops', entrypoint: fileURLToPath(new URL('../../src/scripts/visible-props.ts', import.meta.url)) });
      },
      'astro:build:done': ({ dir, logger }) => {
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
        for (const file of htmlFiles(root)) {
          const html = readFileSync(file, 'utf8');
          if (!html.includes('data-figure-id')) continue;
          const css = [
            ...[...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => readFileSync(join(root, m[1]!.slice(base.length)), 'utf8')),
            ...[...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!),
          ].join('\n');
          const next = rewritePage(html, css, write, { url: `${base}${folder}/`, minSvgBytes });
          if (next !== html) writeFileSync(file, next);
        }
        logger.info(`${written.size} figure files (${(bytes / 1024).toFixed(0)} KB) in ${folder}/`);
      },
    },
  };
}
