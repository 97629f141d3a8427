/**
 * On a part page opened from a search result
 * (`/<slug>/?r=<rendition>&hl=<query>#<para-id or segment id>`): marks the query's words in
 * that paragraph (every rendition of it) and flashes it; src/scripts/reader.ts aligns the
 * landing (a hit that would be off-screen is centred). Run on load and again when only
 * the hash changes.
 *
 * Loaded by src/scripts/reader.ts only when the URL names a place (a `#` fragment, known
 * before first paint; most first loads have none and fetch none of this), and run by it
 * before pinyin wraps the text (so the pinyin goes inside the marks). Runs nothing on import
 * but adding its styles.
 *
 * Small on purpose: folding only, no search code; its styles (`mark.search-hit`,
 * `.search-target`, arrival.css) come inside it as text and are added to the page when it
 * loads (a plain CSS import would put them in every page's stylesheet). The
 * counterpart highlight and the "found only in another rendition" notice are
 * in ArrivalNotes.ts, imported only on an arrival from search.
 */
import { findRanges, foldWithMap, type Range } from '../../lib/search/fold';
import { HIGHLIGHT_PARAM, ONLY_IN_PARAM } from '../../lib/search/params';
import arrivalCss from './arrival.css?inline';

document.head.append(Object.assign(document.createElement('style'), { textContent: arrivalCss }));

/** Styled in arrival.css. */
const MARK_CLASS = 'search-hit';
const TARGET_CLASS = 'search-target';

/** Remove marks left by an earlier arrival. */
function clearMarks(): void {
  for (const mark of document.querySelectorAll(`mark.${MARK_CLASS}`)) {
    const parent = mark.parentNode;
    if (!parent) continue;
    mark.replaceWith(...mark.childNodes);
    parent.normalize();
  }
  for (const el of document.querySelectorAll(`.${TARGET_CLASS}`)) el.classList.remove(TARGET_CLASS);
}

/** The text nodes of an element, in order, with their offsets in its text. */
function textNodes(root: Element): Array<{ node: Text; start: number }> {
  const out: Array<{ node: Text; start: number }> = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let offset = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const node = n as Text;
    out.push({ node, start: offset });
    offset += node.data.length;
  }
  return out;
}

/** Wrap each range of `root`'s text in a mark (a range may cross element boundaries). */
function markRanges(root: Element, ranges: readonly Range[]): void {
  const nodes = textNodes(root);
  // Work backwards so earlier offsets stay valid while nodes are split.
  for (const range of [...ranges].reverse()) {
    for (let i = nodes.length - 1; i >= 0; i--) {
      const { node, start } = nodes[i]!;
      const end = start + node.data.length;
      if (end <= range.start || start >= range.end) continue;
      const from = Math.max(range.start, start) - start;
      const to = Math.min(range.end, end) - start;
      const hit = node.splitText(from);
      hit.splitText(to - from);
      const mark = document.createElement('mark');
      mark.className = MARK_CLASS;
      hit.replaceWith(mark);
      mark.append(hit);
    }
  }
}

/**
 * Highlight the query from the URL in the paragraph the hash names.
 * @returns the number of marks made
 */
export function highlightFromLocation(): number {
  let id = '';
  try {
    id = decodeURIComponent(window.location.hash.slice(1));
  } catch {
    return 0; // a malformed hash names no paragraph
  }
  const params = new URLSearchParams(window.location.search);
  const query = params.get(HIGHLIGHT_PARAM) ?? '';
  if (!id) return 0;
  // A sentence link (`s05-p07-s2`) names a segment inside its paragraph.
  const segMatch = /^(s\d\d-p\d\d)-s\d+$/.exec(id);
  const para = document.getElementById(segMatch ? segMatch[1]! : id);
  if (!para || !para.hasAttribute('data-para-id')) return 0;
  clearMarks();
  const q = foldWithMap(query).text.trim();
  const needles = q ? [...new Set([q, ...q.split(' ').filter(Boolean)])] : [];
  let count = 0;
  if (needles.length) {
    const renditions = para.querySelectorAll('[data-rendition]');
    for (const el of renditions.length ? renditions : [para]) {
      const nodes = textNodes(el);
      const text = nodes.map((n) => n.node.data).join('');
      const ranges = findRanges(foldWithMap(text), needles);
      markRanges(el, ranges);
      count += ranges.length;
    }
  }
  para.classList.add(TARGET_CLASS);
  // Counterpart segments and the "only in another rendition" notice: their own module, loaded only now.
  if (query) void import('./ArrivalNotes').then((m) => m.arrive(para, id, params.get('r'), params.get(ONLY_IN_PARAM)));
  return count;
}
