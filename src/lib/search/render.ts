/**
 * Search results as HTML strings, for the header dialog and the search page:
 * glossary entries first, then one result per paragraph (group.ts) under its
 * part's heading: the rendition shown first (label, paragraph number, the
 * other renditions that hold the query, a note when the reader's view shows
 * none of them), an excerpt with the hits marked, and under it the aligned
 * counterpart (the same segment in the other language).
 *
 * Every piece of text is escaped (escapeHtml); the only markup is written
 * here. Interface strings come in both languages, as
 * `<span lang="zh-CN" class="ui-zh">…</span><span lang="en" class="ui-en">…</span>`
 * (the site's CSS shows one). Pure TypeScript, no DOM.
 */
import type { Range } from './fold';
import { escapeHtml, excerpt, excerptHtml, EXCERPT_LENGTH } from './excerpt';
import type { SearchTerm } from './glossary-match';
import type { QueryStatus } from './query';
import { withBase } from '../base';
import type { ResultGroup } from './group';
import { t } from '../i18n';
import { RENDITION_LABEL, resultHref, type RecordAddress, type SearchRendition } from './records';

/** One verified hit: a paragraph rendition that contains the query. */
export interface SearchHit extends RecordAddress {
  /** The rendition's text. */
  text: string;
  /** Whole query found as one string (not only its words apart). */
  exact: boolean;
  /** Hits in `text`. */
  ranges: Range[];
  /** Folded query text the hit was found with (the query, or its simplified form). */
  matchedQuery: string;
  /** The segment holding the most hits (`s05-p07-s2`), which the result opens; null links to the paragraph. */
  seg?: string | null;
  /** What the page marks on arrival (`hl`): the distinct hit strings ({@link highlightText}); matchedQuery when absent. */
  highlight?: string;
  /** Segment start offsets in `text`, when the rendition has segments. */
  segStarts?: number[];
  /**
   * The query words this rendition holds, when it holds only some of them and
   * the paragraph's other renditions hold the rest (a split result, group.ts);
   * absent when it holds every word.
   */
  words?: string[];
}

/** Longest `hl` value a result link carries, in UTF-16 units. */
export const MAX_HIGHLIGHT_CHARS = 80;

/**
 * What a result asks the page to mark: the distinct strings it hit (so
 * `training` also marks `trained`, a pinyin query marks 神经网络), lower case,
 * space-separated, at most {@link MAX_HIGHLIGHT_CHARS} long.
 * @param text the rendition's text
 * @param ranges the hits in it
 * @param fallback used when there are no ranges (the matched query)
 */
export function highlightText(text: string, ranges: readonly Range[], fallback: string): string {
  const seen = new Set<string>();
  for (const r of ranges) seen.add(text.slice(r.start, r.end).toLowerCase().replace(/\s+/gu, ' ').trim());
  seen.delete('');
  let out = '';
  for (const s of [...seen].sort((a, b) => b.length - a.length)) {
    if (out.length + s.length + 1 > MAX_HIGHLIGHT_CHARS) break;
    out = out ? `${out} ${s}` : s;
  }
  return out || fallback;
}

/** What a search produced, ready to render. */
export interface SearchOutcome {
  /** `error`: the index or its data could not be downloaded; `no-wasm`: the browser has no WebAssembly (Pagefind needs it). */
  status: QueryStatus | 'loading' | 'error' | 'no-wasm';
  /** The query as typed (trimmed), for messages. */
  typed: string;
  hits: SearchHit[];
  /** The hits, one result per paragraph (what the list shows). */
  groups: ResultGroup[];
  terms: SearchTerm[];
  /** Simplified forms that found something the typed query did not. */
  convertedTo: string[];
  /** Chinese words a pinyin query was read as, that found something. */
  pinyinTo?: string[];
  /**
   * The query in double quotes (searched as typed: no pinyin reading, no other
   * word forms), offered as a link when a query without tone marks was read as
   * pinyin (`women` → 我们) and reading it as English finds something: one
   * click back to the English reading.
   */
  asTyped?: string;
  /** Paragraphs the {@link asTyped} search finds (at least 1 when `asTyped` is set). */
  asTypedCount?: number;
}

/** A part's title, for group headings. */
export interface PartInfo {
  part: string;
  slug: string;
  title: { zh: string; en: string };
}

/** Interface text in both languages. */
export function bi(zh: string, en: string): string {
  return `<span lang="zh-CN" class="ui-zh">${zh}</span><span lang="en" class="ui-en">${en}</span>`;
}

/** English names of the Chinese renditions, for result badges (the Chinese are RENDITION_LABEL's). */
const RENDITION_NAME_EN = { literal: 'Literal', free: 'Free' } as const;

/** A rendition's badge text: "English" is the same word in every interface language; 直译/意译 follow the interface. */
function renditionBadge(r: SearchRendition): string {
  return r === 'en' ? `<span lang="en" data-ui-fixed>${RENDITION_LABEL.en}</span>` : bi(RENDITION_LABEL[r], RENDITION_NAME_EN[r]);
}

/** Longest query echoed back in a message (a 10 000-character paste is not repeated). */
const ECHO_CHARS = 40;

function echo(typed: string): string {
  const chars = [...typed];
  const shown = chars.length > ECHO_CHARS ? `${chars.slice(0, ECHO_CHARS).join('')}…` : typed;
  return escapeHtml(shown);
}

/**
 * The status line (a polite live region): counts or the reason nothing is shown.
 * @param outcome the search outcome
 * @returns HTML
 */
export function renderStatus(outcome: SearchOutcome): string {
  const q = echo(outcome.typed);
  switch (outcome.status) {
    case 'empty':
      return bi(
        '输入中文或英文词语，例如：权重、吸引子盆地、activation function。',
        'Type a Chinese or English word, e.g. <span lang="zh-CN" data-ui-fixed>权重</span>, <span lang="zh-CN" data-ui-fixed>吸引子盆地</span>, activation function.',
      );
    case 'loading':
      return bi('正在载入索引…', 'Loading the index…');
    case 'error':
      return bi('搜索索引没能从本站下载（网络错误），所以现在无法搜索。', 'The search index could not be downloaded from this site (network error), so search cannot run now.');
    case 'no-wasm':
      return bi(
        '搜索要用 WebAssembly，而这个浏览器不提供（或已禁用）。可以从目录和术语表浏览全文。',
        'Search needs WebAssembly, which this browser does not provide (or has disabled). The contents and the glossary still lead to every part.',
      );
    case 'too-long':
      return bi('查询太长了：最多 100 个字符。', 'That query is too long: 100 characters at most.');
    case 'no-terms':
      return bi('请输入文字或数字：只有标点和符号无法搜索。', 'Type letters, characters or digits: punctuation and symbols alone cannot be searched.');
    case 'ok':
      break;
  }
  const paras = new Set(outcome.hits.map((h) => h.para)).size;
  const terms = outcome.terms.length;
  if (paras === 0) {
    const none = bi(`没有找到“${q}”。`, `No results for “${q}”.`);
    if (terms > 0) return `${none} ${bi('见下方术语表条目。', 'See the glossary entry below.')}`;
    return `${none} ${bi(
      '可以换个写法试试：汉字（<span data-ui-fixed>神经网络</span>）、英文（<span lang="en" data-ui-fixed>neural network</span>）或拼音（<span lang="zh-Latn-pinyin" data-ui-fixed>shenjing wangluo</span>）。',
      'Try it another way: Chinese characters (<span lang="zh-CN" data-ui-fixed>神经网络</span>), English (<span data-ui-fixed>neural network</span>) or pinyin (<span lang="zh-Latn-pinyin" data-ui-fixed>shenjing wangluo</span>).',
    )}`;
  }
  let line = bi(`找到 ${paras} 段。`, `Found in ${paras} ${paras === 1 ? 'paragraph' : 'paragraphs'}.`);
  if (outcome.convertedTo.length) {
    const forms = outcome.convertedTo.map((v) => escapeHtml(v)).join('、');
    line += ` ${bi(`已按简体“${forms}”搜索。`, `Also searched as simplified “${forms}”.`)}`;
  }
  if (outcome.pinyinTo?.length) {
    const forms = outcome.pinyinTo.map((v) => escapeHtml(v)).join('、');
    line += ` ${bi(`已按拼音搜索“${forms}”。`, `Read as pinyin: “${forms}”.`)}`;
    if (outcome.asTyped && outcome.asTypedCount) {
      const href = escapeHtml(`${withBase('/search/')}?q=${encodeURIComponent(outcome.asTyped)}`);
      const attrs = `href="${href}" class="sr-as-typed" data-search-as="${escapeHtml(outcome.asTyped)}" data-search-as-count="${outcome.asTypedCount}"`;
      const fill = (s: string) => escapeHtml(s).replace('{q}', () => q).replace('{n}', () => String(outcome.asTypedCount));
      line += ` <a ${attrs}>${bi(fill(UI_AS_ENGLISH.zh), fill(UI_AS_ENGLISH.en))}</a>`;
    }
  }
  return line;
}

function paraNumber(para: string): string {
  return String(Number(/-p(\d+)$/.exec(para)?.[1] ?? 0));
}

/**
 * The results list.
 * @param outcome the search outcome
 * @param parts part titles, in reading order
 * @param idPrefix prefix for option ids (unique per widget on the page)
 * @returns HTML of the glossary block and the grouped results; '' when there is nothing
 */
export function renderResults(outcome: SearchOutcome, parts: readonly PartInfo[], idPrefix: string): string {
  return renderResultChunk(outcome, parts, idPrefix, 0, outcome.groups.length);
}

/** Label of a rendition in a note ("only in …"). */
const ONLY_IN: Record<SearchRendition, [string, string]> = {
  literal: ['只在直译中', 'only in the literal Chinese'],
  free: ['只在意译中', 'only in the free Chinese'],
  en: ['只在英文中', 'only in the English'],
};

function langOf(r: SearchRendition): string {
  return r === 'en' ? 'en' : 'zh-CN';
}

function excerptOf(text: string, ranges: readonly Range[], r: SearchRendition): string {
  return excerptHtml(excerpt(text, ranges, r === 'en' ? EXCERPT_LENGTH.en : EXCERPT_LENGTH.zh));
}

/** The offer to search a query read as pinyin as English instead ({q} the query, {n} paragraphs found so). */
const UI_AS_ENGLISH = t('searchAsEnglish');

/** A split result's note: the query's words are in different renditions of the paragraph. */
const UI_SPLIT = t('searchSplit');

/**
 * What a result's link asks the page to mark: the primary's hit strings, and
 * for a split result those of the renditions shown under it too (the page
 * marks them in every rendition of the paragraph), at most
 * {@link MAX_HIGHLIGHT_CHARS} long.
 * @param g a result
 */
export function groupHighlight(g: ResultGroup): string {
  const own = g.primary.highlight ?? g.primary.matchedQuery;
  if (!g.split) return own;
  const shown = [g.primary, ...g.hits.filter((x) => x !== g.primary && [g.counterpart, ...g.more].some((c) => c?.rendition === x.rendition))];
  const strings = [...new Set(shown.flatMap((x) => x.ranges.map((r) => x.text.slice(r.start, r.end).toLowerCase().replace(/\s+/gu, ' ').trim())))].filter(Boolean);
  let out = '';
  for (const s of strings.sort((a, b) => b.length - a.length)) {
    if (out.length + s.length + 1 > MAX_HIGHLIGHT_CHARS) continue;
    out = out ? `${out} ${s}` : s;
  }
  return out || own;
}

/** One paragraph's result: the primary rendition's excerpt, then its aligned counterpart. */
function renderGroup(g: ResultGroup, optionId: string, deferred: boolean): string {
  const h = g.primary;
  const renditions = g.hits.map((x) => x.rendition).join(' ');
  const others = g.hits.filter((x) => x !== h);
  let meta =
    `<span class="sr-badge sr-badge-${h.rendition}">${renditionBadge(h.rendition)}</span>` +
    `<span class="sr-para">¶${paraNumber(h.para)}</span>`;
  if (others.length) meta += `<span class="sr-also">+ ${others.map((x) => renditionBadge(x.rendition)).join(' ')}</span>`;
  if (g.elsewhere) meta += `<span class="sr-only-in">${bi(ONLY_IN[h.rendition][0], ONLY_IN[h.rendition][1])}</span>`;
  // A split result (words spread over renditions) shows every rendition it needs, each with its hits marked.
  let counterpart = '';
  for (const c of [g.counterpart, ...g.more]) {
    if (!c) continue;
    counterpart +=
      `<span class="sr-counterpart${g.split ? ' sr-counterpart-hit' : ''}"><span class="sr-badge sr-badge-${c.rendition} sr-badge-mini">${renditionBadge(c.rendition)}</span>` +
      `<span class="sr-counterpart-text" lang="${langOf(c.rendition)}" data-ui-fixed>${excerptOf(c.text, c.ranges, c.rendition)}</span></span>`;
  }
  if (g.split) meta += `<span class="sr-split">${bi(UI_SPLIT.zh, UI_SPLIT.en)}</span>`;
  return (
    `<li role="option" aria-selected="false" id="${optionId}" class="sr-option${deferred ? ' sr-option-deferred' : ''}">` +
    `<a class="sr-link" href="${escapeHtml(resultHref(h, groupHighlight(g), g.elsewhere))}" data-result-para="${escapeHtml(h.para)}"` +
    `${h.seg ? ` data-result-seg="${escapeHtml(h.seg)}"` : ''} data-result-rendition="${h.rendition}" data-result-renditions="${renditions}"${g.elsewhere ? ' data-result-elsewhere=""' : ''}>` +
    `<span class="sr-meta">${meta}</span>` +
    `<span class="sr-excerpt" lang="${langOf(h.rendition)}">${excerptOf(h.text, h.ranges, h.rendition)}</span>` +
    counterpart +
    `</a></li>`
  );
}

/**
 * A slice of the results list, so a long list can be shown a screenful first
 * and the rest just after. Chunk `[0, n)` starts with the glossary entries; a
 * chunk that continues a part's group opens a continuation group without a
 * heading. Concatenating the chunks of `[0, a)`, `[a, b)`, … gives the list.
 * Results of a later chunk (`from > 0`, below the first screenful) get the
 * class `sr-option-deferred`: laid out only when they near the screen
 * (results.css); the first chunk is laid out at once, at its real size, so
 * nothing under it moves after it is shown.
 *
 * @param outcome the search outcome
 * @param parts part titles, in reading order
 * @param idPrefix prefix for option ids (unique per widget on the page)
 * @param from first paragraph result (index into `outcome.groups`)
 * @param to one past the last
 */
export function renderResultChunk(outcome: SearchOutcome, parts: readonly PartInfo[], idPrefix: string, from: number, to: number): string {
  let html = '';
  let n = from === 0 ? 0 : outcome.terms.length + from;
  const id = () => `${idPrefix}-opt-${n++}`;

  if (from === 0 && outcome.terms.length) {
    const head = `${idPrefix}-terms`;
    html += `<section class="sr-group sr-group-terms"><h3 class="sr-group-title" id="${head}">${bi('术语表', 'Glossary')}</h3><ul role="listbox" aria-labelledby="${head}">`;
    for (const t of outcome.terms) {
      html +=
        `<li role="option" aria-selected="false" id="${id()}" class="sr-option">` +
        `<a class="sr-link sr-term" href="${withBase(`/glossary/#${encodeURIComponent(t.id)}`)}" data-term="${escapeHtml(t.id)}">` +
        `<span class="sr-meta"><span class="sr-badge sr-badge-term">${bi('术语', 'Term')}</span></span>` +
        `<span class="sr-term-name"><span lang="zh-CN">${escapeHtml(t.zh)}</span><span class="sr-sep" aria-hidden="true"> · </span><span lang="en">${escapeHtml(t.en)}</span></span>` +
        `<span class="sr-excerpt">${bi(escapeHtml(t.definition.zh), escapeHtml(t.definition.en))}</span>` +
        `</a></li>`;
    }
    html += `</ul></section>`;
  }

  const groups = outcome.groups;
  let open: string | null = null;
  for (let i = from; i < Math.min(to, groups.length); i++) {
    const g = groups[i]!;
    if (g.part !== open) {
      if (open !== null) html += `</ul></section>`;
      open = g.part;
      const head = `${idPrefix}-part-${escapeHtml(g.part)}`;
      if (i > 0 && groups[i - 1]!.part === g.part) {
        html += `<section class="sr-group sr-group-more"><ul role="listbox" aria-labelledby="${head}">`;
      } else {
        const part = parts.find((p) => p.part === g.part);
        const title = part ? bi(escapeHtml(part.title.zh), escapeHtml(part.title.en)) : escapeHtml(g.part);
        const count = groups.filter((x) => x.part === g.part).length;
        html +=
          `<section class="sr-group"><h3 class="sr-group-title" id="${head}">${title}<span class="sr-count">${count}</span></h3>` +
          `<ul role="listbox" aria-labelledby="${head}">`;
      }
    }
    html += renderGroup(g, id(), from > 0);
  }
  if (open !== null) html += `</ul></section>`;
  return html;
}
