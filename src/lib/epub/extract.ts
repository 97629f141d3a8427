/**
 * Reads what the book needs from the site's built HTML (dist/): for every
 * `<figure data-figure-id>`, its static fallback images in document order
 * (inline `<svg>` made standalone, `<img src>` including `data:` URIs), and
 * the editor's notes (`aside.renditions-note`). Pure TypeScript over parse5
 * trees (no DOM).
 *
 * An inline SVG draws with the page's CSS (classes, custom properties); a
 * standalone SVG has none, so {@link extractPage} computes each SVG element's
 * cascaded declarations from the page's stylesheets (css-tree to parse,
 * css-select to match against the whole page, so selectors through ancestors
 * outside the SVG work), resolves `var()` with the light-theme tokens
 * (`light-dark(a, b)` → `a`, CSS Color 5) and writes them as `style`
 * attributes. Properties inherited from outside the SVG (colour, font) are
 * put on its root. Media queries, pseudo-classes and pseudo-elements are
 * ignored: the result is the page as first painted in the light theme at
 * any width.
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import * as csstree from 'css-tree';
import { compile, type Options } from 'css-select';
import { el, type XmlElement, type XmlNode } from './xml';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];
type Adapter<N, E extends N> = NonNullable<Options<N, E>['adapter']>;

/** One static image of a figure, as found in the page. */
export type FoundMedia =
  | { kind: 'svg'; svg: XmlElement; alt: string; width?: number }
  | { kind: 'img'; src: string; alt: string; width?: number }
  | { kind: 'math'; math: XmlElement; alt: string };

/** What one built page gives the book. */
export interface PageExtract {
  /** Static images of each figure on the page, by figure id, in document order. */
  figures: Map<string, FoundMedia[]>;
  /** The editor's notes (children of `aside.renditions-note`) as XHTML nodes; empty when the page has none. */
  notes: XmlNode[];
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

const isElement = (n: Node): n is Element => 'tagName' in n;
const attr = (e: Element, name: string) => e.attrs.find((a) => a.name === name && !a.prefix)?.value;

/** The parent of an element when it is an element (null at the document or a template's content). */
function parentElement(e: Element): Element | null {
  const p = e.parentNode as Node | null;
  return p && isElement(p) ? p : null;
}

const childrenOf = (n: Node): Node[] => ('childNodes' in n ? (n.childNodes as Node[]) : []);

/** css-select adapter over parse5's default tree (css-select v6 `Adapter`). */
const adapter: Adapter<Node, Element> = {
  isTag: isElement,
  getAttributeValue: (e, name) => attr(e, name),
  getChildren: childrenOf,
  getName: (e) => e.tagName,
  getParent: parentElement,
  getSiblings: (n) => {
    const p = (n as Element).parentNode as ParentNode | null;
    return p ? (p.childNodes as Node[]) : [n];
  },
  prevElementSibling: (n) => {
    const sibs = adapter.getSiblings(n);
    for (let i = sibs.indexOf(n) - 1; i >= 0; i--) if (isElement(sibs[i]!)) return sibs[i] as Element;
    return null;
  },
  getText: (n) => textOf(n),
  hasAttrib: (e, name) => e.attrs.some((a) => a.name === name),
  removeSubsets: (nodes) => nodes.filter((n, i) => nodes.indexOf(n) === i && !nodes.some((o) => o !== n && isAncestor(o, n))),
};

function isAncestor(a: Node, n: Node): boolean {
  for (let p = (n as Element).parentNode as Node | null; p; p = (p as Element).parentNode as Node | null) if (p === a) return true;
  return false;
}

function textOf(n: Node): string {
  if (n.nodeName === '#text') return (n as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in n ? (n.childNodes as Node[]).map(textOf).join('') : '';
}

function walkElements(n: Node, visit: (e: Element) => void | false): void {
  if (isElement(n) && visit(n) === false) return;
  const kids = n.nodeName === 'template' ? ((n as DefaultTreeAdapterMap['template']).content.childNodes as Node[]) : 'childNodes' in n ? (n.childNodes as Node[]) : [];
  for (const c of kids) walkElements(c, visit);
}

/** One CSS declaration with what the cascade needs to order it. */
interface Decl {
  prop: string;
  value: string;
  important: boolean;
  specificity: number;
  order: number;
}

interface Rule {
  test: (e: Element) => boolean;
  decls: Decl[];
}

/** Specificity as one number (a·10⁶ + b·10³ + c) from a css-tree selector AST (Selectors 4 §16; :is/:not/:has take their argument's, :where none). */
function specificity(sel: csstree.CssNode): number {
  let a = 0;
  let b = 0;
  let c = 0;
  csstree.walk(sel, {
    enter(node: csstree.CssNode) {
      if (node.type === 'IdSelector') a++;
      else if (node.type === 'ClassSelector' || node.type === 'AttributeSelector') b++;
      else if (node.type === 'PseudoClassSelector') {
        if (!['is', 'not', 'has', 'where'].includes(node.name ?? '')) b++;
        if (node.name === 'where') return csstree.walk.skip;
      } else if (node.type === 'TypeSelector' && node.name !== '*') c++;
      else if (node.type === 'PseudoElementSelector') c++;
      return undefined;
    },
  });
  return a * 1e6 + b * 1e3 + c;
}

/** Pseudo-classes that depend on interaction or state the static page does not have; rules using them are skipped. */
const DYNAMIC = /:(hover|focus|focus-visible|focus-within|active|visited|checked|target|disabled|enabled|placeholder-shown|invalid|valid|indeterminate|open|popover-open|defined|fullscreen)\b|::/;

/** Parses stylesheets into matchable rules (top-level rules only; @media/@supports/@container contents are skipped). */
function parseRules(css: string[]): Rule[] {
  const rules: Rule[] = [];
  let order = 0;
  for (const sheet of css) {
    const ast = csstree.parse(sheet, { parseValue: false, parseCustomProperty: false }) as csstree.StyleSheet;
    ast.children.forEach((n) => {
      if (n.type !== 'Rule') return;
      const node = n as csstree.Rule;
      if (node.prelude.type !== 'SelectorList') return;
      const decls: Array<Omit<Decl, 'specificity' | 'order'>> = [];
      node.block.children.forEach((x) => {
        if (x.type !== 'Declaration') return;
        const d = x as csstree.Declaration;
        decls.push({ prop: d.property, value: csstree.generate(d.value).trim(), important: Boolean(d.important) });
      });
      if (!decls.length) return;
      node.prelude.children.forEach((sel) => {
        const text = csstree.generate(sel);
        if (DYNAMIC.test(text)) return;
        let test: (e: Element) => boolean;
        try {
          test = compile<Node, Element>(text, { adapter, xmlMode: false });
        } catch {
          return; // a selector css-select does not know: ignore the rule, like a browser would
        }
        const spec = specificity(sel);
        const o = order++;
        rules.push({ test, decls: decls.map((d) => ({ ...d, specificity: spec, order: o })) });
      });
    });
  }
  return rules;
}

/** Declarations of an inline `style` attribute. */
function inlineDecls(style: string | undefined): Array<{ prop: string; value: string; important: boolean }> {
  if (!style) return [];
  const out: Array<{ prop: string; value: string; important: boolean }> = [];
  try {
    const ast = csstree.parse(style, { context: 'declarationList', parseValue: false, parseCustomProperty: false }) as csstree.DeclarationList;
    ast.children.forEach((x) => {
      if (x.type !== 'Declaration') return;
      const d = x as csstree.Declaration;
      out.push({ prop: d.property, value: csstree.generate(d.value).trim(), important: Boolean(d.important) });
    });
  } catch {
    /* unparsable inline style: none */
  }
  return out;
}

/** Properties SVG content inherits that may be set outside the SVG element. */
const INHERITED = ['font', 'color', 'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'letter-spacing', 'text-anchor', 'dominant-baseline', 'font-variant-numeric'];

/** Properties not worth carrying into a still image. */
const DROP = /^(cursor|transition.*|animation.*|pointer-events|user-select|-webkit-.*|touch-action|will-change|outline.*|content|box-sizing|scroll-.*|max-width|max-height|width|height|margin.*|display|position|inset|top|left|right|bottom|z-index|aspect-ratio|grid.*|flex.*|align.*|justify.*|place-.*|gap|border.*|background.*|box-shadow|line-height|overflow.*|touch.*|forced-color-adjust|accent-color|visibility)$/;

/** Replaces `light-dark(a, b)` by `a` (the light theme). */
function lightOnly(v: string): string {
  let out = v;
  for (let guard = 0; guard < 20; guard++) {
    const i = out.indexOf('light-dark(');
    if (i < 0) break;
    let depth = 0;
    let comma = -1;
    let end = -1;
    for (let j = i + 'light-dark('.length; j < out.length; j++) {
      const ch = out[j];
      if (ch === '(') depth++;
      else if (ch === ')') {
        if (depth === 0) {
          end = j;
          break;
        }
        depth--;
      } else if (ch === ',' && depth === 0 && comma < 0) comma = j;
    }
    if (end < 0 || comma < 0) break;
    out = out.slice(0, i) + out.slice(i + 'light-dark('.length, comma).trim() + out.slice(end + 1);
  }
  return out;
}

/** Resolves `var(--x[, fallback])` with the given custom properties; returns null when one stays unresolved. */
function resolveVars(v: string, vars: Map<string, string>, depth = 0): string | null {
  if (depth > 10) return null;
  const m = /var\(\s*(--[A-Za-z0-9_-]+)\s*(?:,([^()]*(?:\([^()]*\)[^()]*)*))?\)/.exec(v);
  if (!m) return lightOnly(v);
  const value = vars.get(m[1]!) ?? m[2]?.trim();
  if (value === undefined) return null;
  const inner = resolveVars(value, vars, depth + 1);
  if (inner === null) return null;
  return resolveVars(v.slice(0, m.index) + inner + v.slice(m.index + m[0].length), vars, depth + 1);
}

/** A style resolver for one page. */
class PageStyles {
  private rules: Rule[];
  private cache = new Map<Element, Map<string, string>>();
  private varCache = new Map<Element, Map<string, string>>();

  constructor(css: string[]) {
    this.rules = parseRules(css);
  }

  /** Cascaded declarations (property → value) of one element: matched rules by specificity and order, then its style attribute. */
  declared(e: Element): Map<string, string> {
    const hit = this.cache.get(e);
    if (hit) return hit;
    const matched: Decl[] = [];
    for (const r of this.rules) if (r.test(e)) matched.push(...r.decls);
    const inline = inlineDecls(attr(e, 'style')).map((d) => ({ ...d, specificity: 1e9, order: 0 }));
    const all = [...matched, ...inline].sort((x, y) => Number(x.important) - Number(y.important) || x.specificity - y.specificity || x.order - y.order);
    const out = new Map<string, string>();
    for (const d of all) out.set(d.prop, d.value);
    this.cache.set(e, out);
    return out;
  }

  /** Custom properties in effect on an element (inherited from every ancestor). */
  vars(e: Element | null): Map<string, string> {
    if (!e) return new Map();
    const hit = this.varCache.get(e);
    if (hit) return hit;
    const parent = parentElement(e);
    const out = new Map(this.vars(parent));
    for (const [k, v] of this.declared(e)) if (k.startsWith('--')) out.set(k, v);
    this.varCache.set(e, out);
    return out;
  }

  /** The value an inherited property takes on `e` from its nearest ancestor that declares it (or undefined). */
  inheritedFrom(e: Element, prop: string): { value: string; on: Element } | undefined {
    for (let p = parentElement(e); p; p = parentElement(p)) {
      const v = this.declared(p).get(prop);
      if (v !== undefined && v !== 'inherit') return { value: v, on: p };
    }
    return undefined;
  }
}

/** `0.8rem` → `12.8px` (root font size 16 px, the browsers' default). */
function remToPx(v: string): string {
  return v.replace(/(-?\d*\.?\d+)rem\b/g, (_, n: string) => `${+(Number(n) * 16).toFixed(3)}px`);
}

/** Converts an inline SVG subtree into a standalone SVG element with computed styles. */
function standaloneSvg(svg: Element, styles: PageStyles, underlays: Underlay[] = []): XmlElement {
  const convert = (e: Element, isRoot: boolean): XmlElement => {
    const attrs: Record<string, string> = {};
    if (isRoot) {
      attrs.xmlns = SVG_NS;
      if (hasXlink(e)) attrs['xmlns:xlink'] = XLINK_NS;
    }
    const vars = styles.vars(e);
    for (const a of e.attrs) {
      const name = a.prefix ? `${a.prefix}:${a.name}` : a.name;
      if (name === 'class' || name === 'style' || name === 'role' || name === 'tabindex' || name === 'focusable' || name === 'xmlns' || name === 'xmlns:xlink') continue;
      if (name.startsWith('data-') || name.startsWith('aria-') || name.startsWith('on')) continue;
      const v = a.value.includes('var(') || a.value.includes('light-dark(') ? resolveVars(a.value, vars) : a.value;
      if (v !== null) attrs[name] = v;
    }
    const style = new Map<string, string>();
    if (isRoot) {
      for (const prop of INHERITED) {
        const from = styles.inheritedFrom(e, prop);
        if (!from) continue;
        const v = resolveVars(from.value, styles.vars(from.on));
        if (v !== null && v !== 'inherit') style.set(prop, remToPx(v));
      }
    }
    for (const [prop, raw] of styles.declared(e)) {
      if (prop.startsWith('--') || DROP.test(prop)) continue;
      const v = resolveVars(raw, vars);
      if (v !== null) style.set(prop, remToPx(v));
    }
    if (style.size) attrs.style = [...style].map(([k, v]) => `${k}: ${v}`).join('; ');
    if (isRoot && attrs.viewBox) {
      const [, , w, h] = attrs.viewBox.split(/[\s,]+/).map(Number);
      const ratio = attrs.preserveAspectRatio === 'none' ? boxAspect(e, styles) : undefined;
      if (ratio) {
        // Stretched to its box on the site: give it the box's shape at a column width.
        attrs.width = String(STRETCHED_WIDTH);
        attrs.height = String(Math.round(STRETCHED_WIDTH / ratio));
      } else if (!attrs.width && w && h) {
        attrs.width = String(w);
        attrs.height = String(h);
      }
    }
    const kids: XmlNode[] = [];
    if (isRoot && underlays.length) {
      const [vx = 0, vy = 0, vw = 0, vh = 0] = (attrs.viewBox ?? '').split(/[\s,]+/).map(Number);
      for (const u of underlays) {
        const box = { x: vx + u.left * vw, y: vy + u.top * vh, width: u.width * vw, height: u.height * vh };
        const r = (v: number) => String(Math.round(v * 1000) / 1000);
        kids.push(el('image', { href: u.src, x: r(box.x), y: r(box.y), width: r(box.width), height: r(box.height), preserveAspectRatio: 'none' }));
      }
    }
    for (const c of e.childNodes as Node[]) {
      if (isElement(c)) {
        if (c.tagName !== 'foreignObject') kids.push(convert(c, false));
      }
      else if (c.nodeName === '#text') kids.push((c as DefaultTreeAdapterMap['textNode']).value);
    }
    return el(e.tagName, attrs, kids);
  };
  return convert(svg, true);
}

/** A raster image the site lays under an SVG (absolutely positioned in the same box), as fractions of the box. */
interface Underlay {
  src: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * When `img` sits in an absolutely positioned box whose left/top/width/height
 * are percentages and a sibling of that box is an SVG drawn over it, returns
 * that SVG and the image's place in it; otherwise undefined.
 */
function underlayOf(img: Element, styles: PageStyles): { svg: Element; underlay: Underlay } | undefined {
  const holder = parentElement(img);
  const panel = holder && parentElement(holder);
  if (!holder || !panel) return undefined;
  const d = styles.declared(holder);
  if (d.get('position') !== 'absolute') return undefined;
  const pct = (k: string) => {
    const m = /^\s*(-?[\d.]+)%\s*$/.exec(d.get(k) ?? '');
    return m ? Number(m[1]) / 100 : undefined;
  };
  const [left, top, width, height] = ['left', 'top', 'width', 'height'].map(pct);
  if (left === undefined || top === undefined || width === undefined || height === undefined) return undefined;
  const svg = childrenOf(panel).find((c): c is Element => isElement(c) && c.tagName === 'svg');
  const src = attr(img, 'src');
  return svg && src ? { svg, underlay: { src, left, top, width, height } } : undefined;
}

/** Width in px given to an SVG the site stretches to its box (`preserveAspectRatio="none"`): about a text column. */
const STRETCHED_WIDTH = 640;

/** Aspect ratio (width / height) of the nearest box (the SVG or up to 3 ancestors) whose CSS sets `aspect-ratio`, or undefined. */
function boxAspect(e: Element, styles: PageStyles): number | undefined {
  let p: Element | null = e;
  for (let i = 0; p && i < 4; i++, p = parentElement(p)) {
    const raw = styles.declared(p).get('aspect-ratio');
    if (!raw) continue;
    const v = resolveVars(raw, styles.vars(p));
    const m = v && /^\s*([\d.]+)\s*(?:\/\s*([\d.]+))?\s*$/.exec(v);
    if (m) return Number(m[1]) / Number(m[2] ?? 1);
  }
  return undefined;
}

function hasXlink(e: Element): boolean {
  let found = false;
  walkElements(e, (n) => {
    if (n.attrs.some((a) => a.namespace === XLINK_NS)) found = true;
  });
  return found;
}

/** Width the site gives an image, in CSS px, from its attributes (or an SVG's viewBox). */
function intrinsicWidth(e: Element): number | undefined {
  const w = Number(attr(e, 'width'));
  if (Number.isFinite(w) && w > 0) return w;
  const vb = attr(e, 'viewBox')?.split(/[\s,]+/).map(Number);
  return vb && vb[2] && vb[2] > 0 ? vb[2] : undefined;
}

/**
 * True when an element is hidden or decorative, not part of the figure's
 * picture: under `hidden` or `display: none`, under `aria-hidden="true"` (unless
 * it is itself the aria-hidden picture of an ancestor with `role="img"`), an SVG in a control (an icon), or inside
 * noscript/template/figcaption/canvas.
 */
function skipped(e: Element, figure: Element, styles: PageStyles): boolean {
  const picture = imgRoleAncestor(e, figure);
  for (let p: Element | null = e; p && p !== figure; p = parentElement(p)) {
    if (attr(p, 'hidden') !== undefined || styles.declared(p).get('display') === 'none') return true;
    // An aria-hidden picture inside a role="img" box is that box's picture; aria-hidden wrappers hide alternates (e.g. KaTeX's HTML beside its MathML).
    if (attr(p, 'aria-hidden') === 'true' && !(picture && p === e)) return true;
    if (e.tagName === 'svg' && ['button', 'label', 'select'].includes(p.tagName)) return true;
    if (['noscript', 'template', 'figcaption', 'canvas'].includes(p.tagName)) return true;
  }
  return false;
}

/** A MathML subtree (e.g. KaTeX's output) as XML: namespace on the root, presentation attributes kept, classes/styles/ids dropped. */
function mathml(m: Element): XmlElement {
  const convert = (e: Element, isRoot: boolean): XmlElement => {
    const attrs: Record<string, string> = isRoot ? { xmlns: 'http://www.w3.org/1998/Math/MathML' } : {};
    for (const a of e.attrs) {
      if (a.prefix || ['xmlns', 'class', 'style', 'id', 'tabindex'].includes(a.name) || a.name.startsWith('data-') || a.name.startsWith('aria-')) continue;
      attrs[a.name] = a.value;
    }
    const kids: XmlNode[] = [];
    for (const c of e.childNodes as Node[]) {
      if (isElement(c)) kids.push(convert(c, false));
      else if (c.nodeName === '#text') kids.push((c as DefaultTreeAdapterMap['textNode']).value);
    }
    return el(e.tagName, attrs, kids);
  };
  return convert(m, true);
}

/** Nearest ancestor below `figure` with `role="img"` (an HTML box that draws one picture, its label being the alt text). */
function imgRoleAncestor(e: Element, figure: Element): Element | undefined {
  for (let p = parentElement(e); p && p !== figure; p = parentElement(p)) if (attr(p, 'role') === 'img') return p;
  return undefined;
}

/** HTML element subtree → XHTML nodes (for the editor's notes): elements and text, `lang` mirrored to `xml:lang`, ids and classes dropped. */
function toXhtml(n: Node): XmlNode | null {
  if (n.nodeName === '#text') return (n as DefaultTreeAdapterMap['textNode']).value;
  if (!isElement(n)) return null;
  const attrs: Record<string, string> = {};
  const lang = attr(n, 'lang');
  if (lang) {
    attrs.lang = lang;
    attrs['xml:lang'] = lang;
  }
  const href = attr(n, 'href');
  if (n.tagName === 'a' && href && /^https?:/.test(href)) attrs.href = href;
  const tag = n.tagName === 'a' && !attrs.href ? 'span' : n.tagName;
  return el(tag, attrs, (n.childNodes as Node[]).map(toXhtml).filter((x): x is XmlNode => x !== null));
}

/**
 * @param html a built page's HTML
 * @param css the page's stylesheets' text, in document order (linked files and `<style>` elements)
 * @returns its figures' static images and its editor's notes
 */
export function extractPage(html: string, css: string[]): PageExtract {
  const doc = parse(html);
  const styles = new PageStyles(css);
  const figures = new Map<string, FoundMedia[]>();
  let notes: XmlNode[] = [];
  walkElements(doc, (e) => {
    const figId = attr(e, 'data-figure-id');
    if (e.tagName === 'figure' && figId) {
      const media: FoundMedia[] = [];
      const underlays = new Map<Element, Underlay[]>();
      walkElements(e, (m) => {
        if (m === e) return undefined;
        if (m.tagName === 'math') {
          if (!skipped(m, e, styles)) {
            const holder = imgRoleAncestor(m, e);
            media.push({ kind: 'math', math: mathml(m), alt: (holder && attr(holder, 'aria-label')) ?? '' });
          }
          return false;
        }
        if (m.tagName === 'svg') {
          if (!skipped(m, e, styles)) {
            const title = (m.childNodes as Node[]).find((c) => isElement(c) && c.tagName === 'title');
            const holder = imgRoleAncestor(m, e);
            const alt = attr(m, 'aria-label') ?? (title ? textOf(title).trim() : holder ? (attr(holder, 'aria-label') ?? '') : '');
            const svg = standaloneSvg(m, styles, underlays.get(m));
            const width = Number(svg.attrs.find(([k]) => k === 'width')?.[1]) || intrinsicWidth(m);
            media.push({ kind: 'svg', svg, alt, width });
          }
          return false;
        }
        if (m.tagName === 'img' && attr(m, 'src') && !skipped(m, e, styles)) {
          const under = underlayOf(m, styles);
          if (under) {
            underlays.set(under.svg, [...(underlays.get(under.svg) ?? []), under.underlay]);
            return undefined;
          }
          media.push({ kind: 'img', src: attr(m, 'src')!, alt: attr(m, 'alt') ?? '', width: intrinsicWidth(m) });
        }
        return undefined;
      });
      figures.set(figId, media);
      return false;
    }
    if (e.tagName === 'aside' && (attr(e, 'class') ?? '').split(/\s+/).includes('renditions-note')) {
      notes = (e.childNodes as Node[]).map(toXhtml).filter((x): x is XmlNode => x !== null && !(typeof x === 'string' && !x.trim()));
      return false;
    }
    return undefined;
  });
  return { figures, notes };
}

/** Stylesheet hrefs and inline `<style>` texts of a page, in document order. */
export function pageStylesheets(html: string): Array<{ href: string } | { text: string }> {
  const out: Array<{ href: string } | { text: string }> = [];
  walkElements(parse(html), (e) => {
    if (e.tagName === 'link' && attr(e, 'rel')?.split(/\s+/).includes('stylesheet') && attr(e, 'href')) out.push({ href: attr(e, 'href')! });
    if (e.tagName === 'style') out.push({ text: textOf(e) });
    return undefined;
  });
  return out;
}
