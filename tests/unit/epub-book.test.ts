/**
 * The EPUB generator (src/lib/epub) on the real content: every paragraph id is
 * an anchor exactly once, each paragraph carries its three renditions with the
 * right language, figure images are in the manifest, the navigation document
 * and glossary links resolve, and the container is laid out as OCF requires.
 * The figure extractor on small pages: class styles and custom properties
 * become inline styles, decorative SVGs are left out, a raster map laid under
 * an SVG is composited into it.
 */
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { loadGlossary, loadParts } from './load-content';
import { bookFiles, chapterFile, splitLongMath, type BookInput } from '../../src/lib/epub/book';
import { extractPage } from '../../src/lib/epub/extract';
import { packEpub } from '../../src/lib/epub/zip';
import { el, serializeXml } from '../../src/lib/epub/xml';

type Element = DefaultTreeAdapterMap['element'];
type Node = DefaultTreeAdapterMap['node'];

function elements(html: string): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    if ('tagName' in n) out.push(n);
    if ('childNodes' in n) for (const c of n.childNodes as Node[]) walk(c);
  };
  walk(parse(html));
  return out;
}
const attr = (e: Element, name: string) => e.attrs.find((a) => a.name === name)?.value;
const text = (n: Node): string => (n.nodeName === '#text' ? (n as DefaultTreeAdapterMap['textNode']).value : 'childNodes' in n ? (n.childNodes as Node[]).map(text).join('') : '');

const parts = loadParts();
const svgImage = (label: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>${label}</title><rect width="10" height="10"/></svg>\n`;
const figureIds = parts.flatMap((p) => p.figures.map((f) => f.id));
// Every second figure gets an image; two figures share one file (as dedup in the build script does).
const withImages = figureIds.filter((_, i) => i % 2 === 1);
const input: BookInput = {
  title: { zh: '神经网络读本', en: 'Reading Neural Nets' },
  tagline: { zh: '标语', en: 'Tagline' },
  identifier: 'urn:uuid:00000000-0000-4000-8000-000000000000',
  modified: '2026-01-01T00:00:00Z',
  parts: parts.map((p) => ({ ...p, notes: [el('p', { lang: 'en', 'xml:lang': 'en' }, `Note on ${p.part}`)] })),
  glossary: loadGlossary(),
  images: withImages.map((id) => ({ file: `${id}-1.svg`, mediaType: 'image/svg+xml', data: svgImage(id) })),
  figureMedia: Object.fromEntries(withImages.map((id, i) => [id, [{ file: `${withImages[i === 1 ? 0 : i]}-1.svg`, alt: id }]])),
  credits: [{ title: { zh: '照片', en: 'Photos' }, items: [{ title: 'cat.jpg', text: 'CC0', lang: 'en' }] }],
};
const files = bookFiles(input);
const byPath = new Map(files.map((f) => [f.path, f]));
const chapters = parts.map((p) => ({ part: p, html: String(byPath.get(`xhtml/${chapterFile(p.part)}`)!.data) }));

describe('EPUB chapters', () => {
  it('marks every aligned segment of every rendition (data-seg = the site sentence id) and prints the paragraph editor notes', () => {
    for (const { part, html } of chapters) {
      const els = elements(html);
      for (const para of part.paragraphs) {
        const block = els.find((e) => attr(e, 'id') === para.id)!;
        for (const r of ['literal', 'free', 'en'] as const) {
          const rendition = (block.childNodes as Node[]).find((n): n is Element => 'tagName' in n && attr(n, 'class') === `r r-${r}`)!;
          const segs: Element[] = [];
          const walk = (n: Node) => {
            if ('tagName' in n && attr(n, 'data-seg')) segs.push(n);
            if ('childNodes' in n) for (const c of n.childNodes as Node[]) walk(c);
          };
          walk(rendition);
          expect(segs.map((e) => attr(e, 'data-seg')), `${para.id} ${r}`).toEqual(para.segments.map((x) => x.id));
          expect(segs.map((e) => text(e)), `${para.id} ${r}`).toEqual(para.segments.map((x) => x[r]));
        }
        for (const note of para.notes ?? []) {
          expect(html.includes(note.en.replace(/&/g, '&amp;').replace(/</g, '&lt;')), `${para.id} note`).toBe(true);
        }
      }
    }
    expect(parts.some((p) => p.paragraphs.some((q) => (q.notes ?? []).length > 0))).toBe(true);
  });

  it('has every paragraph id exactly once as an anchor, in the chapter of its part', () => {
    const all = chapters.flatMap((c) => elements(c.html).map((e) => attr(e, 'id')).filter(Boolean));
    for (const p of parts) {
      for (const para of p.paragraphs) expect(all.filter((id) => id === para.id), para.id).toHaveLength(1);
    }
    expect(new Set(all).size).toBe(all.length);
  });

  it('gives each paragraph its three renditions in order, labelled and language-tagged (lang and xml:lang)', () => {
    for (const { part, html } of chapters) {
      const els = elements(html);
      for (const para of part.paragraphs) {
        const block = els.find((e) => attr(e, 'id') === para.id)!;
        const renditions = (block.childNodes as Node[]).filter((n): n is Element => 'tagName' in n && n.tagName === 'p');
        expect(renditions.map((r) => attr(r, 'class')), para.id).toEqual(['r r-literal', 'r r-free', 'r r-en']);
        expect(renditions.map((r) => attr(r, 'lang'))).toEqual(['zh-CN', 'zh-CN', 'en']);
        expect(renditions.map((r) => attr(r, 'xml:lang'))).toEqual(['zh-CN', 'zh-CN', 'en']);
        const labels = renditions.map((r) => text((r.childNodes as Node[])[0]!));
        expect(labels).toEqual(['直译', '意译', 'English']);
        // The text after the label is the rendition itself.
        expect(renditions.map((r) => text(r).slice(labels[renditions.indexOf(r)]!.length + 1))).toEqual([para.literal, para.free, para.en]);
      }
    }
  });

  it('places every figure with its caption in both languages, and its images from the manifest', () => {
    const manifestPaths = new Set(files.map((f) => f.path));
    for (const { part, html } of chapters) {
      const els = elements(html);
      for (const f of part.figures) {
        const fig = els.find((e) => attr(e, 'id') === `fig-${f.id}`);
        expect(fig, f.id).toBeDefined();
        const inFig = elements(`<div>${serializeFragment(fig!)}</div>`);
        const imgs = inFig.filter((e) => e.tagName === 'img');
        expect(imgs.length > 0, f.id).toBe(withImages.includes(f.id));
        for (const img of imgs) expect(manifestPaths.has(`xhtml/${attr(img, 'src')}`.replace('xhtml/../', ''))).toBe(true);
        const description = text(fig!);
        expect(description).toContain(f.description.zh);
        expect(description).toContain(f.description.en);
      }
    }
  });

  it('includes the editor\'s notes of each part', () => {
    for (const { part, html } of chapters) expect(html).toContain(`Note on ${part.part}`);
  });
});

function serializeFragment(e: Element): string {
  // parse5 nodes → rough HTML, enough to re-walk a subtree.
  const kids = (e.childNodes as Node[]).map((c) => ('tagName' in c ? serializeFragment(c) : text(c))).join('');
  return `<${e.tagName} ${e.attrs.map((a) => `${a.name}="${a.value.replace(/"/g, '&quot;')}"`).join(' ')}>${kids}</${e.tagName}>`;
}

describe('EPUB package', () => {
  const opf = String(byPath.get('package.opf')!.data);
  const items = [...opf.matchAll(/<item id="([^"]+)" href="([^"]+)" media-type="([^"]+)"(?: properties="([^"]+)")?\/>/g)];

  it('lists every file but itself in the manifest, with unique ids, and the reading order in the spine', () => {
    expect(items.map((m) => m[2]).sort()).toEqual(files.filter((f) => f.path !== 'package.opf').map((f) => f.path).sort());
    expect(new Set(items.map((m) => m[1])).size).toBe(items.length);
    const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((m) => m[1]);
    expect(spine).toEqual(['cover', 'title', ...parts.map((p) => `part-${p.part}`), 'glossary', 'credits']);
    expect(items.find((m) => m[2] === 'nav.xhtml')?.[4]).toBe('nav');
    expect(opf).toMatch(/<meta property="dcterms:modified">2026-01-01T00:00:00Z<\/meta>/);
  });

  it('resolves every link of the navigation document, the glossary and the chapters\' term links to an existing id', () => {
    const ids = new Map<string, Set<string>>();
    for (const f of files.filter((x) => x.mediaType === 'application/xhtml+xml')) {
      ids.set(f.path, new Set(elements(String(f.data)).map((e) => attr(e, 'id')).filter((x): x is string => !!x)));
    }
    const check = (fromDir: string, href: string) => {
      const [file, frag] = href.split('#');
      const path = `${fromDir}${file}`.replace(/^xhtml\/\.\.\//, '');
      expect(ids.has(path), href).toBe(true);
      if (frag) expect(ids.get(path)!.has(frag), href).toBe(true);
    };
    const nav = elements(String(byPath.get('nav.xhtml')!.data)).filter((e) => e.tagName === 'a');
    expect(nav.length).toBeGreaterThan(parts.length + 3);
    for (const a of nav) check('', attr(a, 'href')!);
    const glossary = elements(String(byPath.get('xhtml/glossary.xhtml')!.data)).filter((e) => e.tagName === 'a');
    expect(glossary.length).toBeGreaterThan(input.glossary.length);
    for (const a of glossary) check('xhtml/', attr(a, 'href')!);
    // First uses of glossary terms in the chapters link to their entries.
    const termLinks = chapters.flatMap((c) => elements(c.html).filter((e) => e.tagName === 'a' && attr(e, 'class') === 'term'));
    expect(termLinks.length).toBeGreaterThan(20);
    for (const a of termLinks) check('xhtml/', attr(a, 'href')!);
  });

  it('refuses a figure image that is not among the files', () => {
    expect(() => bookFiles({ ...input, figureMedia: { [figureIds[0]!]: [{ file: 'nope.png', alt: '' }] } })).toThrow(/nope\.png/);
  });

  it('packs mimetype first and uncompressed, then container.xml pointing at the package document', async () => {
    const bytes = await packEpub(files);
    // OCF: the first local file header names "mimetype", stored (method 0), its content right after.
    const head = Buffer.from(bytes.subarray(0, 80));
    expect(head.readUInt32LE(0)).toBe(0x04034b50);
    expect(head.readUInt16LE(8)).toBe(0);
    expect(head.toString('latin1', 30, 38)).toBe('mimetype');
    expect(head.toString('latin1', 38, 58)).toBe('application/epub+zip');
    const zip = await JSZip.loadAsync(bytes);
    expect(await zip.file('META-INF/container.xml')!.async('string')).toContain('full-path="EPUB/package.opf"');
    expect(zip.file('EPUB/nav.xhtml')).not.toBeNull();
  });

  it('gives equal bytes for equal input (no entry dated at packing time)', async () => {
    const a = await packEpub(files);
    await new Promise((r) => setTimeout(r, 2100)); // ZIP times have 2 s resolution
    const b = await packEpub(files);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe('figure extraction from a built page', () => {
  const css = [
    ':root { --fg: light-dark(#111111, #eeeeee); --accent: light-dark(#0f5e8c, #7cc0ea); }',
    '.fig-body { color: var(--fg); font: 0.75rem/1.2 sans-serif; }',
    '.plot .gridline { stroke: var(--accent); stroke-width: 2; }',
    '.plot .gridline:hover { stroke: red; }',
    '@media (prefers-color-scheme: dark) { .plot .gridline { stroke: white; } }',
    '.layer { position: absolute; }',
    '.off { display: none; }',
  ];
  const page = `<!DOCTYPE html><html><body><article>
    <figure data-figure-id="demo"><div class="fig-body plot">
      <button><svg viewBox="0 0 8 8"><path d="M0 0h8"/></svg></button>
      <svg aria-hidden="true" viewBox="0 0 4 4"><circle r="1"/></svg>
      <svg viewBox="0 0 100 50" role="img" aria-label="A plot"><line class="gridline" x1="0" x2="100" y1="0" y2="0"/><rect fill="var(--accent)" width="1" height="1"/></svg>
      <div class="panel"><div class="layer" style="left:10%;top:20%;width:50%;height:50%"><img src="/maps/m.png" alt=""></div><svg viewBox="0 0 200 200" aria-label="Map"><g/></svg></div>
      <img src="data:image/png;base64,iVBORw0KGgo=" alt="Pixels" width="32">
      <div class="off"><img src="/hidden.png" alt="Hidden by CSS"></div>
      <div role="img" aria-label="Formula"><span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mi>z</mi><mo>=</mo><mn>1</mn></mrow><annotation encoding="application/x-tex">z=1</annotation></semantics></math><span class="katex-html" aria-hidden="true"><svg viewBox="0 0 9 9"></svg></span></span></div>
    </div><figcaption><svg viewBox="0 0 1 1"/></figcaption></figure>
  </article><aside class="renditions-note"><h2 lang="zh-CN">说明</h2><p lang="en">A note.</p></aside></body></html>`;
  const out = extractPage(page, css);
  const media = out.figures.get('demo')!;

  it('takes the picture SVGs, images and formulas in document order, not icons, decorative, CSS-hidden or caption ones', () => {
    expect(media.map((m) => `${m.kind}:${m.alt}`)).toEqual(['svg:A plot', 'svg:Map', 'img:Pixels', 'math:Formula']);
    const math = media[3]!.kind === 'math' ? serializeXml(media[3]!.math) : '';
    expect(math).toBe('<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mi>z</mi><mo>=</mo><mn>1</mn></mrow><annotation encoding="application/x-tex">z=1</annotation></semantics></math>');
    expect(media[2]).toMatchObject({ kind: 'img', src: 'data:image/png;base64,iVBORw0KGgo=', width: 32 });
  });

  it('makes an SVG standalone: namespace, size, class styles and custom properties inlined in the light theme', () => {
    const svg = media[0]!.kind === 'svg' ? serializeXml(media[0]!.svg) : '';
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 100 50" [^>]*width="100" height="50">/);
    expect(svg).toContain('<line x1="0" x2="100" y1="0" y2="0" style="stroke: #0f5e8c; stroke-width: 2"/>');
    expect(svg).toContain('fill="#0f5e8c"');
    // Inherited from the figure body outside the SVG; rem turned into px.
    expect(svg).toMatch(/style="font: 12px\/1.2 sans-serif; color: #111111"/);
    expect(svg).not.toMatch(/class=|role=|aria-|red|white/);
  });

  it('composites a raster map laid under an SVG into that SVG', () => {
    const svg = media[1]!.kind === 'svg' ? serializeXml(media[1]!.svg) : '';
    expect(svg).toContain('<image href="/maps/m.png" x="20" y="40" width="100" height="100" preserveAspectRatio="none"/>');
    expect(svg.indexOf('<image')).toBeLessThan(svg.indexOf('<g'));
  });

  it('returns the editor\'s notes with their languages', () => {
    expect(out.notes.map((n) => serializeXml(n))).toEqual(['<h2 lang="zh-CN" xml:lang="zh-CN">说明</h2>', '<p lang="en" xml:lang="en">A note.</p>']);
  });
});

describe('long formulas', () => {
  const mo = (t: string) => el('mo', {}, t);
  const mn = (t: string) => el('mn', {}, t);
  const row = [el('mi', {}, 'z'), mo('='), ...Array.from({ length: 30 }, (_, i) => [mo(i % 2 ? '−' : '+'), mn(String(i))]).flat()];
  const math = el('math', { xmlns: 'http://www.w3.org/1998/Math/MathML', display: 'block' }, el('semantics', {}, el('mrow', {}, row), el('annotation', { encoding: 'application/x-tex' }, 'z=…')));

  it('are cut before a top-level operator into inline pieces holding every item once, in order', () => {
    const pieces = splitLongMath(math, 10);
    expect(pieces.length).toBe(Math.ceil(row.length / 10));
    const items = pieces.flatMap((p) => (p.children[0] as typeof math).children);
    expect(items).toEqual(row);
    for (const p of pieces.slice(1)) expect(serializeXml((p.children[0] as typeof math).children[0]!)).toMatch(/^<mo>[+−]<\/mo>$/);
    expect(pieces.every((p) => !p.attrs.some(([k]) => k === 'display'))).toBe(true);
  });

  it('stay whole when short', () => {
    expect(splitLongMath(math, 100)).toEqual([math]);
  });
});
