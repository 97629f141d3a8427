/**
 * The glossary page's filter box (browser; loaded only by /glossary/).
 * Filters the entries as the reader types (src/lib/glossary-filter.ts decides
 * what matches), announces "N of M" in a polite status region (after a short
 * pause, so a screen reader is not flooded while typing), shows a message
 * when nothing matches, and keeps the query in the URL (`?q=`, replaceState:
 * no history entries) so a filtered list can be linked and survives a reload.
 * Traditional characters match through their simplified forms: the first query
 * with Chinese characters loads the converter (src/lib/search/convert.ts,
 * opencc-js, ~40 KB gzip), and the list is filtered again when it arrives.
 * The A–Z letters and the index at the foot follow the filter: a letter with
 * no entry shown is disabled (no link, muted), an index row or term hidden;
 * with nothing shown the letters are hidden.
 * Without JavaScript the box is not shown and every entry is listed.
 */
import { filterLexicon, matchesAnyQuery, normalizeQuery, type FilterEntry } from '../lib/glossary-filter';

/** Delay before the count is announced, in ms. */
const ANNOUNCE_DELAY_MS = 400;

const input = document.getElementById('gl-q') as HTMLInputElement | null;
const status = document.getElementById('gl-count');
const none = document.querySelector<HTMLElement>('[data-glossary-none]');
const entries = [...document.querySelectorAll<HTMLElement>('dl.entries > .entry')].map((el) => ({
  el,
  data: {
    // The headwords, pinyin, aliases and definitions; not the "used in" links.
    text: [...el.querySelectorAll('dt, .def, .aliases')].map((n) => n.textContent ?? '').join(' '),
    tonedKey: el.dataset.pyt ?? '',
    key: el.dataset.py ?? '',
  } satisfies FilterEntry,
}));
/** The entries' English words by stem, so other word forms match (`weights`, `activation functions`). */
const lexicon = filterLexicon(entries.map((e) => e.data.text));
/** The A–Z letters (both indexes) and the index rows they lead to, with the ids of the rows' terms. */
const letters = [...document.querySelectorAll<HTMLAnchorElement>('[data-index-letters] a[href^="#idx-"]')].map((a) => {
  const row = document.getElementById(a.hash.slice(1));
  const terms = [...(row?.querySelectorAll<HTMLAnchorElement>('dd a[href^="#"]') ?? [])].map((t) => ({ el: t, id: t.hash.slice(1) }));
  return { a, href: a.getAttribute('href')!, row, terms };
});
const lettersNav = document.querySelector<HTMLElement>('.gl-letters');
const indexSection = document.querySelector<HTMLElement>('.gl-index');

/** Traditional → simplified (loaded on the first query with Chinese characters); null until then. */
let simplify: ((text: string) => string[]) | null = null;
let simplifyLoading = false;
const HAN = /\p{Script=Han}/u;

/** "N of M" in both interface languages (CSS shows one, like UiText). */
function countText(shown: number, total: number, query: string): string {
  const zh = query ? `显示 ${shown} / ${total} 个术语` : `共 ${total} 个术语`;
  const en = query ? `${shown} of ${total} terms shown` : `${total} terms`;
  return `<span lang="zh-CN" class="ui-zh">${zh}</span><span lang="en" class="ui-en">${en}</span>`;
}

let announceTimer = 0;

/** Show the entries matching `raw`, update the message and the URL. */
function apply(raw: string, announce: boolean): void {
  const query = normalizeQuery(raw);
  if (HAN.test(query) && !simplify && !simplifyLoading) {
    simplifyLoading = true;
    import('../lib/search/convert').then(
      (m) => {
        simplify = m.simplifiedVariants;
        if (input) apply(input.value, true);
      },
      () => undefined, // offline without the chunk: simplified input still works
    );
  }
  const queries = [query, ...(simplify && HAN.test(query) ? simplify(query).map(normalizeQuery) : [])];
  let shown = 0;
  const shownIds = new Set<string>();
  for (const { el, data } of entries) {
    const match = matchesAnyQuery(queries, data, lexicon);
    el.hidden = !match;
    if (match) {
      shown += 1;
      shownIds.add(el.id);
    }
  }
  if (none) none.hidden = shown > 0;
  for (const { a, href, row, terms } of letters) {
    let any = false;
    for (const t of terms) {
      const on = shownIds.has(t.id);
      t.el.hidden = !on;
      any ||= on;
    }
    if (row) row.hidden = !any;
    // A letter with nothing shown is no link (not focusable, not followed), drawn muted.
    if (any) a.setAttribute('href', href);
    else a.removeAttribute('href');
    a.toggleAttribute('data-empty', !any);
  }
  if (lettersNav) lettersNav.hidden = shown === 0;
  if (indexSection) indexSection.hidden = shown === 0;
  const url = new URL(location.href);
  if (query) url.searchParams.set('q', raw.trim().slice(0, 100));
  else url.searchParams.delete('q');
  if (url.href !== location.href) history.replaceState(history.state, '', url);
  clearTimeout(announceTimer);
  const write = () => {
    if (status) status.innerHTML = countText(shown, entries.length, query);
  };
  if (announce) announceTimer = window.setTimeout(write, ANNOUNCE_DELAY_MS);
  else write();
}

if (input) {
  const initial = new URLSearchParams(location.search).get('q') ?? '';
  if (initial) input.value = initial.slice(0, 100);
  apply(input.value, false);
  input.addEventListener('input', () => apply(input.value, true));
  // Escape in a search box clears it (the browser does so too, without an input event in some engines).
  input.addEventListener('search', () => apply(input.value, true));
}
