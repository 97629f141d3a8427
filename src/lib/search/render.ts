/**
 * Search results as HTML strings, for the header dialog and the search page:
 * glossary entries first, then hits grouped by part, each with its rendition
 * label, paragraph number and an excerpt with the hits marked.
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
import { RENDITION_LABEL, resultHref, type RecordAddress } from './records';

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
}

/** What a search produced, ready to render. */
export interface SearchOutcome {
  /** `error`: the index or its data could not be downloaded; `no-wasm`: the browser has no WebAssembly (Pagefind needs it). */
  status: QueryStatus | 'loading' | 'error' | 'no-wasm';
  /** The query as typed (trimmed), for messages. */
  typed: string;
  hits: SearchHit[];
  terms: SearchTerm[];
  /** Simplified forms that found something the typed query did not. */
  convertedTo: string[];
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
  const n = outcome.hits.length;
  const paras = new Set(outcome.hits.map((h) => h.para)).size;
  const terms = outcome.terms.length;
  if (n === 0) {
    const none = bi(`没有找到“${q}”。`, `No results for “${q}”.`);
    return terms > 0 ? `${none} ${bi('见下方术语表条目。', 'See the glossary entry below.')}` : none;
  }
  let line = bi(`找到 ${n} 处，共 ${paras} 段。`, `${n} ${n === 1 ? 'result' : 'results'} in ${paras} ${paras === 1 ? 'paragraph' : 'paragraphs'}.`);
  if (outcome.convertedTo.length) {
    const forms = outcome.convertedTo.map((v) => escapeHtml(v)).join('、');
    line += ` ${bi(`已按简体“${forms}”搜索。`, `Also searched as simplified “${forms}”.`)}`;
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
  return renderResultChunk(outcome, parts, idPrefix, 0, outcome.hits.length);
}

/**
 * A slice of the results list, so a long list can be shown a screenful first
 * and the rest just after. Chunk `[0, n)` starts with the glossary entries; a
 * chunk that continues a part's group opens a continuation group without a
 * heading. Concatenating the chunks of `[0, a)`, `[a, b)`, … gives the list.
 *
 * @param outcome the search outcome
 * @param parts part titles, in reading order
 * @param idPrefix prefix for option ids (unique per widget on the page)
 * @param from first hit (index into `outcome.hits`)
 * @param to one past the last hit
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

  const hits = outcome.hits;
  let open: string | null = null;
  for (let i = from; i < Math.min(to, hits.length); i++) {
    const h = hits[i]!;
    if (h.part !== open) {
      if (open !== null) html += `</ul></section>`;
      open = h.part;
      const head = `${idPrefix}-part-${escapeHtml(h.part)}`;
      if (i > 0 && hits[i - 1]!.part === h.part) {
        html += `<section class="sr-group sr-group-more"><ul role="listbox" aria-labelledby="${head}">`;
      } else {
        const part = parts.find((p) => p.part === h.part);
        const title = part ? bi(escapeHtml(part.title.zh), escapeHtml(part.title.en)) : escapeHtml(h.part);
        const count = hits.filter((x) => x.part === h.part).length;
        html +=
          `<section class="sr-group"><h3 class="sr-group-title" id="${head}">${title}<span class="sr-count">${count}</span></h3>` +
          `<ul role="listbox" aria-labelledby="${head}">`;
      }
    }
    const lang = h.rendition === 'en' ? 'en' : 'zh-CN';
    const pieces = excerpt(h.text, h.ranges, h.rendition === 'en' ? EXCERPT_LENGTH.en : EXCERPT_LENGTH.zh);
    html +=
      `<li role="option" aria-selected="false" id="${id()}" class="sr-option">` +
      `<a class="sr-link" href="${escapeHtml(resultHref(h, h.matchedQuery))}" data-result-para="${escapeHtml(h.para)}"${h.seg ? ` data-result-seg="${escapeHtml(h.seg)}"` : ''} data-result-rendition="${h.rendition}">` +
      `<span class="sr-meta"><span class="sr-badge sr-badge-${h.rendition}">${h.rendition === 'en' ? `<span lang="en" data-ui-fixed>${RENDITION_LABEL.en}</span>` : bi(RENDITION_LABEL[h.rendition], RENDITION_NAME_EN[h.rendition])}</span>` +
      `<span class="sr-para">¶${paraNumber(h.para)}</span></span>` +
      `<span class="sr-excerpt" lang="${lang}">${excerptHtml(pieces)}</span>` +
      `</a></li>`;
  }
  if (open !== null) html += `</ul></section>`;
  return html;
}
