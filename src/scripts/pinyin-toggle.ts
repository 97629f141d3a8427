/**
 * Pinyin over the Chinese text (browser; loaded by reader.ts only when the
 * reader turns 拼音 / Pinyin on, or it was on).
 *
 * Fetches the part's readings (`/pinyin/<part>.json`, built by
 * src/pages/pinyin/[part].json.ts) once, then wraps every Han character of the
 * literal and free renditions' segment spans in `<ruby class="py">字<rt data-py="zì"></rt></ruby>`,
 * inside whatever the span already holds (glossary terms, search marks), so
 * those and the segment spans stay as they are. The syllable is drawn by CSS
 * (`rt::before { content: attr(data-py) }`): the text content of every element
 * is unchanged, a selection copies the characters only, and screen readers
 * (`aria-hidden` on the `rt`) read the text once. Turning pinyin off unwraps
 * the characters and restores the original DOM. The reader's place (the
 * character at the top of the screen) stays where it was.
 *
 * Styles live here, injected on first use, so pages ship none of them.
 */
// Imports nothing the first-load scripts share (no base.ts, storage.ts): reader.ts then loads this one
// file, with no list of dependencies in the first-load bundle (JS budget, tests/e2e/weight.test.ts).
import { HAN_CHAR, NO_READING, PINYIN_RENDITIONS, segmentSyllables, type PartPinyin } from '../lib/pinyin-ruby';

/**
 * Line height of the Chinese text with pinyin (unitless, × font size): the
 * annotation (0.58 em high) needs (L − 1) / 2 ≥ 0.58 above each line's em box
 * so that it never reaches into the line above; 2.4 leaves a little air.
 */
const PINYIN_LINE_HEIGHT = 2.4;

const STYLES = `html[data-py] .r:lang(zh-CN){line-height:${PINYIN_LINE_HEIGHT}}
ruby.py{ruby-position:over;ruby-align:center}
ruby.py>rt{font:400 .58em/1 var(--font-ui);letter-spacing:0;padding-inline:.2em;color:var(--muted);user-select:none;-webkit-user-select:none;text-transform:none}
ruby.py>rt::before{content:attr(data-py)}
.py-status{position:fixed;left:50%;bottom:1rem;transform:translateX(-50%);z-index:70;max-width:calc(100vw - 2rem);padding:.5rem .9rem;border:1px solid var(--border);border-radius:var(--radius);background:var(--bg);box-shadow:var(--shadow);font:.875rem/1.4 var(--font-ui)}
@media print{ruby.py>rt{color:#555}}`;

const root = document.documentElement;
let data: Promise<PartPinyin | null> | undefined;
let generation = 0;

/** The part of this page (`s05`), from its first paragraph id; null on pages without the text. */
function partOfPage(): string | null {
  const id = document.querySelector<HTMLElement>('[data-para-id]')?.dataset.paraId;
  return id ? id.split('-')[0]! : null;
}

/** The part's readings, fetched once; null (after telling the reader) when they cannot be loaded. */
function loadReadings(part: string): Promise<PartPinyin | null> {
  // The site's base path as Vite writes it in (as src/lib/base.ts reads it), with one trailing slash.
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  data ??= fetch(`${base}pinyin/${part}.json`)
    .then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.json() as Promise<PartPinyin>;
    })
    .catch((err: unknown) => {
      console.warn('pinyin: the readings could not be loaded', err);
      data = undefined; // try again next time
      showStatus('拼音没能载入（可能是离线了）。文字不受影响；稍后再试。', 'Pinyin could not be loaded (offline?). The text is unaffected; try again later.');
      return null;
    });
  return data;
}

/** A short message at the bottom of the screen, read out politely, gone after 6 s. */
function showStatus(zh: string, en: string): void {
  const el = document.createElement('p');
  el.className = 'py-status';
  el.setAttribute('role', 'status');
  el.innerHTML = '<span lang="zh-CN" class="ui-zh"></span><span lang="en" class="ui-en"></span>';
  el.children[0]!.textContent = zh;
  el.children[1]!.textContent = en;
  document.body.append(el);
  setTimeout(() => el.remove(), 6000);
}

/**
 * Wrap the Han characters of one segment span in ruby.
 * @param seg a `[data-seg-id]` span of a Chinese rendition
 * @param syllables one per Han character of its text (src/lib/pinyin-ruby.ts)
 * @returns false (and the span untouched) when the counts differ: data from another build
 */
function annotateSegment(seg: Element, syllables: readonly string[]): boolean {
  const han = [...(seg.textContent ?? '')].filter((c) => HAN_CHAR.test(c)).length;
  if (han !== syllables.length || han === 0) return false;
  const walker = document.createTreeWalker(seg, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  let k = 0;
  for (const node of nodes) {
    const chars = [...node.data];
    if (!chars.some((c) => HAN_CHAR.test(c))) continue;
    const out = document.createDocumentFragment();
    let plain = '';
    for (const c of chars) {
      const syllable = HAN_CHAR.test(c) ? syllables[k++]! : NO_READING;
      if (syllable === NO_READING) {
        plain += c;
        continue;
      }
      if (plain) out.append(plain);
      plain = '';
      const ruby = document.createElement('ruby');
      ruby.className = 'py';
      const rt = document.createElement('rt');
      rt.dataset.py = syllable;
      rt.setAttribute('aria-hidden', 'true');
      ruby.append(c, rt);
      out.append(ruby);
    }
    if (plain) out.append(plain);
    node.replaceWith(out);
  }
  return true;
}

function addRuby(readings: PartPinyin): void {
  let skipped = 0;
  for (const r of PINYIN_RENDITIONS) {
    for (const seg of document.querySelectorAll(`[data-rendition="${r}"] [data-seg-id]`)) {
      if (seg.querySelector('ruby.py')) continue;
      const syllables = segmentSyllables(readings, r, seg.getAttribute('data-seg-id')!);
      if (syllables.length && !annotateSegment(seg, syllables)) skipped += 1;
    }
  }
  if (skipped) console.warn(`pinyin: ${skipped} segments differ from the pinyin data and are shown without pinyin`);
}

/** Unwrap every annotated character (keeping anything another script put inside), then merge the text back. */
function removeRuby(): void {
  const parents = new Set<Node>();
  for (const ruby of document.querySelectorAll('ruby.py')) {
    if (!ruby.parentNode) continue;
    parents.add(ruby.parentNode);
    ruby.querySelector(':scope > rt')?.remove();
    ruby.replaceWith(...ruby.childNodes);
  }
  for (const p of parents) p.normalize();
}

/** Where the reader is: a character at the top of the screen (segment, offset in its text, its top in px). */
interface Place {
  seg: Element;
  offset: number;
  top: number;
}

/** The first visible character at or below the header's bottom edge, in the first visible segment that reaches there. */
function placeOnScreen(): Place | null {
  const line = Math.max(0, document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0);
  for (const seg of document.querySelectorAll('[data-rendition] > [data-seg-id]')) {
    const box = seg.getBoundingClientRect();
    if (box.height === 0 || box.bottom <= line) continue;
    if (box.top > innerHeight) return null;
    let offset = 0;
    const walker = document.createTreeWalker(seg, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n as Text;
      for (let i = 0; i < text.length; i += 1) {
        const rect = charRange(text, i).getBoundingClientRect();
        if (rect.height > 0 && rect.top >= line - 1) return { seg, offset: offset + i, top: rect.top };
      }
      offset += text.length;
    }
  }
  return null;
}

function charRange(text: Text, i: number): Range {
  const range = document.createRange();
  range.setStart(text, i);
  range.setEnd(text, Math.min(text.length, i + 1));
  return range;
}

/** The top (px, viewport) of the character at `offset` of a segment's text now, or null if it is gone. */
function topOf(place: Place): number | null {
  let offset = place.offset;
  const walker = document.createTreeWalker(place.seg, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n as Text;
    if (offset < text.length) return charRange(text, offset).getBoundingClientRect().top;
    offset -= text.length;
  }
  return null;
}

/**
 * A triple click selects the whole rendition, as it does without pinyin.
 * Chromium lays each `<ruby>` base out in a box of its own and ends the
 * triple-click "paragraph" there, so the selection (and a copy) would be one
 * character; Firefox and Safari select the line or paragraph. Runs on `click`
 * (`detail` 3 = the third click of a run, UI Events §5.3.3), after the
 * browser's own selection.
 */
function onTripleClick(e: MouseEvent): void {
  if (e.detail !== 3 || !root.hasAttribute('data-py')) return;
  const rendition = (e.target as Element | null)?.closest?.('[data-rendition]');
  if (!rendition?.querySelector('ruby.py')) return;
  getSelection()?.selectAllChildren(rendition);
}

/**
 * Turn pinyin on or off: mark `<html data-py>`, add or remove the ruby, and
 * keep the reader's place (reader.ts stores the setting).
 * @param on the new setting
 * @param paragraphPlace reader.ts's place finder (a paragraph or figure and its top in px), used
 *   when no text is at the top of the screen (a figure is)
 * @returns when done (after the readings have loaded, when turning on); a later call supersedes an
 *   earlier one. Fires `readerpinyinchange` ({ on }) on the document. When the readings cannot be
 *   loaded the setting is kept, the page stays without pinyin and a status message says so.
 */
export async function setPinyin(on: boolean, paragraphPlace: () => { el: Element; top: number } | null): Promise<void> {
  const mine = ++generation;
  const part = partOfPage();
  const readings = on && part ? await loadReadings(part) : null;
  if (mine !== generation) return;
  if (!document.getElementById('py-styles')) {
    const style = document.createElement('style');
    style.id = 'py-styles';
    style.textContent = STYLES;
    document.head.append(style);
  }
  const place = placeOnScreen();
  const fallback = place ? null : paragraphPlace();
  if (on && readings) {
    root.dataset.py = '';
    addRuby(readings);
    document.addEventListener('click', onTripleClick);
  } else {
    delete root.dataset.py;
    removeRuby();
    document.removeEventListener('click', onTripleClick);
  }
  const now = place ? topOf(place) : fallback ? fallback.el.getBoundingClientRect().top : null;
  const before = place ? place.top : fallback?.top;
  if (now !== null && before !== undefined && Math.abs(now - before) > 1) window.scrollBy({ top: now - before, behavior: 'instant' });
  document.dispatchEvent(new CustomEvent('readerpinyinchange', { detail: { on } }));
}
