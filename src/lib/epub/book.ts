/**
 * The EPUB 3 book of the site: every part with each paragraph in its three
 * renditions (literal, free, English) in reading order, figures as their
 * static images with captions and descriptions, the editor's notes of each
 * part, the glossary as an appendix, and the credits and licences.
 *
 * Pure TypeScript, no DOM: {@link bookFiles} turns validated content into the
 * book's files (XHTML, SVG, CSS, package document, navigation document);
 * `zip.ts` packs them. Format: EPUB 3.2 (https://www.w3.org/publishing/epub32/),
 * checked by epubcheck in tests/e2e/epub.test.ts.
 */
import { RENDITIONS, RENDITION_LANG, type Rendition } from '../alignment';
import { glossaryUsages, type Term } from '../glossary';
import { prepareReading, type RenderFigure, type RenderParagraph } from '../reading';
import { BOOK_CSS } from './style';
import { coverSvg } from './cover';
import { el, xmlDocument, type XmlElement, type XmlNode } from './xml';

/** A string in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** One part as the schema parses it (only the fields the book uses). */
export interface BookPart {
  part: string;
  order: number;
  title: Bilingual;
  /** Paragraphs as parsed by the content schema: aligned segments (ids `sNN-pNN-sK`) and editor's notes. */
  paragraphs: Array<{
    id: string;
    kind: 'text' | 'caption';
    segments: Array<{ id: string; literal: string; free: string; en: string }>;
    notes?: Bilingual[];
  }>;
  figures: Array<{ id: string; para: string; caption: Partial<Bilingual>; description: Partial<Bilingual> }>;
  /** The editor's notes on this part (the MDX body), as XHTML nodes; may be empty. */
  notes: XmlNode[];
}

/** An image file of the book, stored under `images/`. */
export interface BookImage {
  /** File name under `images/`, e.g. `voronoi-basins-1.svg` ([a-z0-9._-] only). */
  file: string;
  /** Core media type: image/svg+xml, image/png, image/jpeg or image/gif. */
  mediaType: string;
  data: Uint8Array | string;
}

/** One picture shown in a figure: an image file, or a formula as MathML. */
export type FigureMedia =
  | {
      /** File name of a {@link BookImage}. */
      file: string;
      /** Text alternative (may be empty when the caption and description say it all). */
      alt: string;
      /** Width in CSS px the site drew it at, when known (caps the width in the book). */
      width?: number;
    }
  | {
      /** A `<math>` element (MathML namespace on it). */
      math: XmlElement;
      /** Text alternative of the formula, when the site gives one. */
      alt: string;
    };

/** A group of credits on the credits page, e.g. "Photos". */
export interface CreditSection {
  title: Bilingual;
  items: Array<{ title: string; text: string; lang: 'en' | 'zh-CN' }>;
}

/** Everything the book is made of. */
export interface BookInput {
  title: Bilingual;
  tagline: Bilingual;
  /** Unique identifier, e.g. `urn:uuid:…`. */
  identifier: string;
  /** Last modification, `YYYY-MM-DDThh:mm:ssZ` (EPUB requires this form of dcterms:modified). */
  modified: string;
  /** Parts in reading order. */
  parts: BookPart[];
  glossary: Term[];
  images: BookImage[];
  /** Images of each figure, by figure id (missing or empty: the figure has no static image). */
  figureMedia: Record<string, FigureMedia[]>;
  credits: CreditSection[];
}

/** A file of the book, relative to the package document's folder. */
export interface BookFile {
  /** Path inside the `EPUB/` folder, e.g. `xhtml/s05.xhtml`. */
  path: string;
  mediaType: string;
  data: Uint8Array | string;
  /** Manifest item id (an XML name). */
  id: string;
  /** Manifest `properties`, e.g. `nav`, `svg`, `cover-image`. */
  properties?: string;
  /** In the spine, in this order. */
  spine?: boolean;
}

const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const OPS_NS = 'http://www.idpf.org/2007/ops';
const ZH = 'zh-CN';
const EN = 'en';

/** Label shown before each rendition, and its language. */
export const RENDITION_LABEL: Record<Rendition, { text: string; lang: string }> = {
  literal: { text: '直译', lang: ZH },
  free: { text: '意译', lang: ZH },
  en: { text: 'English', lang: EN },
};

/** `lang` and `xml:lang` (EPUB reading systems read either). */
function langAttrs(lang: string): Record<string, string> {
  return { lang, 'xml:lang': lang };
}

/** A span in one language. */
function inLang(lang: string, text: string, cls?: string): XmlElement {
  return el('span', { class: cls, ...langAttrs(lang) }, text);
}

/** "中文 · English" as two language-tagged spans. */
function bilingual(b: Bilingual, cls?: string): XmlElement {
  return el('span', { class: cls }, inLang(ZH, b.zh, 'zh'), el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), inLang(EN, b.en, 'en'));
}

/** A complete XHTML content document. */
function xhtml(title: string, bodyClass: string, body: XmlNode[], lang = ZH): string {
  const root = el(
    'html',
    { xmlns: XHTML_NS, 'xmlns:epub': OPS_NS, ...langAttrs(lang) },
    el('head', {}, el('meta', { charset: 'utf-8' }), el('title', {}, title), el('link', { rel: 'stylesheet', type: 'text/css', href: '../css/book.css' })),
    el('body', { class: bodyClass }, body),
  );
  return xmlDocument(root, '<!DOCTYPE html>');
}

/** File name of a part's chapter. */
export function chapterFile(part: string): string {
  return `${part}.xhtml`;
}

/**
 * One paragraph: a block with the paragraph id holding the three renditions,
 * each labelled and language-tagged. The first use of a glossary term in each
 * rendition of a part links to its entry in the glossary appendix.
 */
function paragraphBlock(p: RenderParagraph, inCaption = false): XmlElement {
  const number = p.number;
  return el(
    'div',
    { class: inCaption ? 'para para-caption' : 'para', id: p.id },
    !inCaption && el('span', { class: 'para-num', 'aria-hidden': 'true' }, `¶${number}`),
    RENDITIONS.map((r) =>
      el(
        'p',
        { class: `r r-${r}`, ...langAttrs(RENDITION_LANG[r]) },
        el('span', { class: 'label', ...langAttrs(RENDITION_LABEL[r].lang) }, RENDITION_LABEL[r].text),
        ' ',
        // One span per aligned segment (data-seg = `sNN-pNN-sK`, the site's sentence id); English segments are space-separated.
        p.segments[r].map((seg, k) => [
          r === 'en' && k > 0 ? ' ' : '',
          el(
            'span',
            { class: 'seg', 'data-seg': seg.id },
            seg.runs.map((s) => (s.term && s.first ? el('a', { class: 'term', 'epub:type': 'glossref', href: `glossary.xhtml#term-${s.term.id}` }, s.text) : s.text)),
          ),
        ]),
      ),
    ),
  );
}

/**
 * Reading systems do not break a MathML line, so a long flat formula (KaTeX
 * writes `f[ … ]` nests as one flat row) is cut into several inline `<math>`
 * elements, each ending before a top-level `+`, `−` or `=`, that the text can
 * wrap between. A formula of at most `maxItems` top-level items stays whole.
 * @param math a `<math>` element, its content a row (optionally inside `semantics`, whose annotation is dropped when split)
 * @param maxItems top-level items per piece (≥ 1)
 */
export function splitLongMath(math: XmlElement, maxItems = 24): XmlElement[] {
  const kids = math.children.filter((c): c is XmlElement => typeof c !== 'string');
  const semantics = kids.length === 1 && kids[0]!.tag === 'semantics' ? kids[0]! : undefined;
  const body = semantics ? semantics.children.filter((c): c is XmlElement => typeof c !== 'string' && c.tag !== 'annotation') : kids;
  const row = body.length === 1 && body[0]!.tag === 'mrow' ? body[0]!.children : body;
  if (row.length <= maxItems) return [math];
  const attrs = math.attrs.filter(([k]) => k !== 'display' && k !== 'alttext');
  const pieces: XmlElement[] = [];
  let current: typeof row = [];
  for (const item of row) {
    const isBreak = typeof item !== 'string' && item.tag === 'mo' && ['+', '−', '-', '='].includes(String(item.children[0] ?? ''));
    if (isBreak && current.length >= maxItems) {
      pieces.push({ tag: 'math', attrs, children: [el('mrow', {}, current)] });
      current = [];
    }
    current.push(item);
  }
  if (current.length) pieces.push({ tag: 'math', attrs, children: [el('mrow', {}, current)] });
  return pieces;
}

/** A figure: its images (or a note that it is interactive only), number, caption and description. */
function figureBlock(f: RenderFigure, media: FigureMedia[], captionPara?: RenderParagraph): XmlElement {
  const noData = f.id.startsWith('s00-');
  const body: XmlNode[] = media.length
    ? [
        el(
          'div',
          { class: media.length > 2 && media.every((m) => 'file' in m) ? 'fig-media many' : 'fig-media' },
          media.map((m) =>
            'file' in m
              ? el('img', { src: `../images/${m.file}`, alt: m.alt, style: m.width ? `width: ${Math.round(m.width)}px` : undefined })
              : el('div', { class: 'fig-math', ...langAttrs(EN) }, splitLongMath(m.math).map((part, i) => (i === 0 && m.alt ? { ...part, attrs: [...part.attrs, ['alttext', m.alt] as [string, string]] } : part))),
          ),
        ),
      ]
    : noData
      ? []
      : [
          el(
            'p',
            { class: 'fig-none' },
            inLang(ZH, '此图在网站上可以交互；电子书只给出图题和说明。'),
            ' ',
            inLang(EN, 'This figure is interactive on the website; the book gives its caption and description.'),
          ),
        ];
  const num = f.number ? el('span', { class: 'fig-num' }, inLang(ZH, `图 ${f.number}`), ' · ', inLang(EN, `Figure ${f.number}`)) : null;
  const caption = captionPara ? paragraphBlock(captionPara, true) : el('span', { class: 'fig-caption' }, bilingual(f.caption));
  const desc = el('span', { class: 'fig-desc' }, el('span', { class: 'd', ...langAttrs(ZH) }, f.description.zh), el('span', { class: 'd', ...langAttrs(EN) }, f.description.en));
  return el('figure', { class: 'fig', id: `fig-${f.id}` }, body, el('figcaption', {}, num, num && ' ', caption, desc));
}

/** The chapter of one part: title, paragraphs with figures placed as on the site, the end-of-source note, the editor's notes. */
function chapter(part: BookPart, input: BookInput, isLast: boolean): string {
  const { figures, paragraphs } = prepareReading(part, input.glossary);
  const body: XmlNode[] = [
    el('header', { class: 'part-head' }, el('p', { class: 'kicker' }, inLang(ZH, `第 ${part.order} 部分`), ' · ', inLang(EN, `Part ${part.order}`)), el('h1', {}, bilingual(part.title))),
  ];
  const lastId = part.paragraphs[part.paragraphs.length - 1]?.id;
  paragraphs.forEach((p) => {
    const figs = figures.filter((f) => f.para === p.id);
    if (p.kind === 'caption' && figs.length) {
      for (const f of figs) body.push(figureBlock(f, input.figureMedia[f.id] ?? [], p));
      return;
    }
    body.push(paragraphBlock(p));
    for (const note of p.notes) {
      body.push(
        el(
          'aside',
          { class: 'editor-note', 'epub:type': 'note' },
          el('p', langAttrs(ZH), el('span', { class: 'label' }, '编者注'), ' ', note.zh),
          el('p', langAttrs(EN), el('span', { class: 'label' }, 'Editor’s note'), ' ', note.en),
        ),
      );
    }
    if (isLast && p.id === lastId) {
      body.push(
        el(
          'div',
          { class: 'source-ends' },
          el('p', langAttrs(ZH), '原文到此为止：源文本在这句话的中途中断，后文缺失。'),
          el('p', langAttrs(EN), 'The source text ends here: it breaks off in the middle of this sentence, and the rest is missing.'),
        ),
      );
    }
    for (const f of figs) body.push(figureBlock(f, input.figureMedia[f.id] ?? []));
  });
  if (part.notes.length) {
    body.push(el('section', { class: 'notes' }, el('p', { class: 'notes-head' }, bilingual({ zh: '编者说明', en: "Editor's notes" })), part.notes));
  }
  return xhtml(`${part.title.zh} · ${part.title.en}`, 'chapter', [el('section', { 'epub:type': 'chapter' }, body)]);
}

/** Title page: title, tagline, how the three renditions are marked. */
function titlePage(input: BookInput): string {
  const sample = (r: Rendition, zh: string, en: string) =>
    el('li', {}, el('span', { class: `label label-${r}`, ...langAttrs(RENDITION_LABEL[r].lang) }, RENDITION_LABEL[r].text), ' ', inLang(ZH, zh), ' ', inLang(EN, en));
  return xhtml(`${input.title.zh} · ${input.title.en}`, 'titlepage', [
    el(
      'section',
      { 'epub:type': 'titlepage' },
      el('h1', {}, inLang(ZH, input.title.zh, 'title-zh'), el('br'), inLang(EN, input.title.en, 'title-en')),
      el('p', { class: 'tagline' }, inLang(ZH, input.tagline.zh), el('br'), inLang(EN, input.tagline.en)),
      el('h2', {}, bilingual({ zh: '怎样阅读', en: 'How to read this book' })),
      el(
        'p',
        {},
        inLang(ZH, '每一段都依次给出三种译文，各有标签：'),
        ' ',
        inLang(EN, 'Every paragraph is given in three renditions, one after the other, each with its label:'),
      ),
      el(
        'ul',
        { class: 'legend' },
        sample('literal', '直译：源文本原文，一字未改；', 'the literal Chinese, the source verbatim;'),
        sample('free', '意译：流畅的中文重述；', 'the free Chinese, a fluent retelling;'),
        sample('en', '英文译文。', 'the English translation.'),
      ),
      el(
        'p',
        {},
        inLang(ZH, '网站上可以交互的图，在书中以静态图像、图题和说明呈现。段落编号（如 s05-p07）与网站上的段落链接一致。'),
        ' ',
        inLang(EN, 'Figures that are interactive on the website appear here as still images with their captions and descriptions. Paragraph ids (such as s05-p07) are the same as in the website’s paragraph links.'),
      ),
    ),
  ]);
}

/** Cover page: the cover image full page. */
function coverPage(input: BookInput): string {
  return xhtml(input.title.zh, 'cover', [
    el('section', { 'epub:type': 'cover' }, el('img', { src: '../images/cover.svg', alt: `${input.title.zh} · ${input.title.en}`, class: 'cover-img' })),
  ]);
}

/** Glossary appendix: terms in order of first use, both languages, definitions, links to the paragraphs that use each. */
function glossaryPage(input: BookInput): string {
  const usages = glossaryUsages(input.glossary, input.parts);
  const order = (id: string) => {
    const u = usages.get(id)?.[0];
    return u ? input.parts.findIndex((p) => p.part === u.part) * 1000 + u.number : 1e9;
  };
  const terms = [...input.glossary].sort((a, b) => order(a.id) - order(b.id));
  const entries = terms.map((t) => {
    const uses = usages.get(t.id) ?? [];
    return [
      el('dt', { id: `term-${t.id}` }, inLang(ZH, t.zh, 'zh'), el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), inLang(EN, t.en, 'en')),
      el('dd', {}, el('p', langAttrs(ZH), t.definition.zh), el('p', langAttrs(EN), t.definition.en)),
      uses.length > 0 &&
        el(
          'dd',
          { class: 'uses' },
          uses.flatMap((u, i) => [i > 0 ? ' ' : '', el('a', { href: `${chapterFile(u.part)}#${u.id}` }, u.id)]),
        ),
    ];
  });
  return xhtml('术语表 · Glossary', 'appendix', [
    el(
      'section',
      { 'epub:type': 'appendix' },
      el('h1', {}, bilingual({ zh: '附录：术语表', en: 'Appendix: Glossary' })),
      el(
        'p',
        {},
        inLang(ZH, `本文出现的 ${terms.length} 个术语，按首次出现的顺序排列；每条后面列出用到它的段落。`),
        ' ',
        inLang(EN, `${terms.length} terms from the text, in order of first appearance, each followed by the paragraphs that use it.`),
      ),
      el('dl', { class: 'glossary' }, entries),
    ),
  ]);
}

/** Credits and licences: the text, the photos, the data and models. */
function creditsPage(input: BookInput): string {
  return xhtml('来源与许可 · Sources and licences', 'appendix', [
    el(
      'section',
      { 'epub:type': 'appendix' },
      el('h1', {}, bilingual({ zh: '来源与许可', en: 'Sources and licences' })),
      input.credits.map((s) =>
        el(
          'section',
          {},
          el('h2', {}, bilingual(s.title)),
          el(
            'dl',
            { class: 'credits' },
            s.items.map((it) => [el('dt', {}, it.title), el('dd', langAttrs(it.lang), it.text)]),
          ),
        ),
      ),
    ),
  ]);
}

/** The navigation document: table of contents (parts with their figures, appendices) and landmarks. */
function navDocument(input: BookInput): string {
  const link = (href: string, label: XmlNode) => el('a', { href }, label);
  const partItems = input.parts.map((part) => {
    const { figures } = prepareReading(part, []);
    const numbered = figures.filter((f) => f.number);
    return el(
      'li',
      {},
      link(`xhtml/${chapterFile(part.part)}`, `${part.title.zh} · ${part.title.en}`),
      numbered.length > 0 &&
        el(
          'ol',
          {},
          numbered.map((f) => el('li', {}, link(`xhtml/${chapterFile(part.part)}#fig-${f.id}`, `图 ${f.number} · Figure ${f.number}: ${f.caption.en}`))),
        ),
    );
  });
  const root = el(
    'html',
    { xmlns: XHTML_NS, 'xmlns:epub': OPS_NS, ...langAttrs(ZH) },
    el('head', {}, el('meta', { charset: 'utf-8' }), el('title', {}, '目录 · Contents'), el('link', { rel: 'stylesheet', type: 'text/css', href: 'css/book.css' })),
    el(
      'body',
      { class: 'nav' },
      el(
        'nav',
        { 'epub:type': 'toc', id: 'toc' },
        el('h1', {}, '目录 · Contents'),
        el(
          'ol',
          {},
          el('li', {}, link('xhtml/title.xhtml', `${input.title.zh} · ${input.title.en}`)),
          partItems,
          el('li', {}, link('xhtml/glossary.xhtml', '附录：术语表 · Appendix: Glossary')),
          el('li', {}, link('xhtml/credits.xhtml', '来源与许可 · Sources and licences')),
        ),
      ),
      el(
        'nav',
        { 'epub:type': 'landmarks', hidden: 'hidden' },
        el('h2', {}, 'Landmarks'),
        el(
          'ol',
          {},
          el('li', {}, el('a', { 'epub:type': 'cover', href: 'xhtml/cover.xhtml' }, '封面 · Cover')),
          el('li', {}, el('a', { 'epub:type': 'bodymatter', href: `xhtml/${chapterFile(input.parts[0]!.part)}` }, '正文 · Text')),
          el('li', {}, el('a', { 'epub:type': 'glossary', href: 'xhtml/glossary.xhtml' }, '术语表 · Glossary')),
        ),
      ),
    ),
  );
  return xmlDocument(root, '<!DOCTYPE html>');
}

/** The package document (OPF): metadata, manifest of every file, spine in reading order. */
function packageDocument(input: BookInput, files: BookFile[]): string {
  const root = el(
    'package',
    { xmlns: 'http://www.idpf.org/2007/opf', version: '3.0', 'unique-identifier': 'book-id', ...{ 'xml:lang': ZH } },
    el(
      'metadata',
      { 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' },
      el('dc:identifier', { id: 'book-id' }, input.identifier),
      el('dc:title', { id: 'title-zh', 'xml:lang': ZH }, input.title.zh),
      el('dc:title', { id: 'title-en', 'xml:lang': EN }, input.title.en),
      el('dc:language', {}, ZH),
      el('dc:language', {}, EN),
      el('dc:description', { 'xml:lang': EN }, input.tagline.en),
      el('meta', { property: 'dcterms:modified' }, input.modified),
      el('meta', { name: 'cover', content: 'cover-image' }),
    ),
    el(
      'manifest',
      {},
      files.map((f) => el('item', { id: f.id, href: f.path, 'media-type': f.mediaType, properties: f.properties })),
    ),
    el(
      'spine',
      {},
      files.filter((f) => f.spine).map((f) => el('itemref', { idref: f.id, linear: f.id === 'cover' ? 'no' : undefined })),
    ),
  );
  return xmlDocument(root);
}

/** Manifest id of a file name: an XML name (letters, digits, `-`, `_`, `.`, starting with a letter). */
function itemId(prefix: string, name: string): string {
  return `${prefix}-${name.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

/** Manifest `properties` an XHTML document needs: `svg` / `mathml` when it embeds SVG / MathML markup (not needed for SVG via <img>). */
function xhtmlProperties(doc: string): string | undefined {
  const props = [/<svg[\s>]/.test(doc) && 'svg', /<math[\s>]/.test(doc) && 'mathml'].filter(Boolean);
  return props.length ? props.join(' ') : undefined;
}

/**
 * Every file of the book, package document last.
 * @param input validated content, figure images, credits
 * @returns files relative to the `EPUB/` folder; spine files in reading order
 * @throws Error when a figure refers to an image that is not in `input.images`,
 *   or an image file name is unsafe (must match [a-z0-9._-]+)
 */
export function bookFiles(input: BookInput): BookFile[] {
  const imageNames = new Set(input.images.map((i) => i.file));
  for (const img of input.images) if (!/^[a-z0-9._-]+$/.test(img.file)) throw new Error(`unsafe image file name: ${img.file}`);
  for (const [fig, media] of Object.entries(input.figureMedia)) {
    for (const m of media) if ('file' in m && !imageNames.has(m.file)) throw new Error(`figure ${fig} refers to missing image ${m.file}`);
  }
  const files: BookFile[] = [];
  const doc = (id: string, path: string, data: string, spine = true) =>
    files.push({ id, path, mediaType: 'application/xhtml+xml', data, spine, properties: xhtmlProperties(data) });
  doc('cover', 'xhtml/cover.xhtml', coverPage(input));
  doc('title', 'xhtml/title.xhtml', titlePage(input));
  input.parts.forEach((part, i) => doc(`part-${part.part}`, `xhtml/${chapterFile(part.part)}`, chapter(part, input, i === input.parts.length - 1)));
  doc('glossary', 'xhtml/glossary.xhtml', glossaryPage(input));
  doc('credits', 'xhtml/credits.xhtml', creditsPage(input));
  files.push({ id: 'nav', path: 'nav.xhtml', mediaType: 'application/xhtml+xml', data: navDocument(input), properties: 'nav' });
  files.push({ id: 'css', path: 'css/book.css', mediaType: 'text/css', data: BOOK_CSS });
  files.push({ id: 'cover-image', path: 'images/cover.svg', mediaType: 'image/svg+xml', data: coverSvg(input.title), properties: 'cover-image' });
  for (const img of input.images) files.push({ id: itemId('img', img.file), path: `images/${img.file}`, mediaType: img.mediaType, data: img.data });
  files.push({ id: 'opf', path: 'package.opf', mediaType: 'application/oebps-package+xml', data: packageDocument(input, files) });
  return files;
}
