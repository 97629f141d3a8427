/**
 * Segment behaviour on part pages (browser): the aligned segments of a
 * paragraph (`[data-seg-id]` spans inside each rendition, see Rendition.astro).
 *
 * - Counterpart highlight: hovering, tapping/clicking or focusing (a term inside)
 *   a segment gives the class `seg-on` to that segment in every rendition
 *   (hidden ones are not drawn). A click or tap pins it until another segment
 *   is chosen, Escape is pressed or the reader clicks outside the text. In a
 *   side-by-side view a counterpart that is off screen is scrolled into view
 *   (not on mere hover: moving the pointer must not move the page).
 * - Keyboard: paragraphs are focusable groups but not tab stops (`tabindex=-1`,
 *   set by reader.ts); on a paragraph's ¶ button, → (or Home) steps into its
 *   first sentence and ← (or End) into its last, moving focus to the paragraph;
 *   there ←/→ (and Home/End) move the active segment; a polite live region
 *   announces "k/n" and the segment's text.
 *
 * Loaded on demand by reader.ts (first pointer, focus or key event, or a
 * sentence link), so a page ships none of it before the reader interacts.
 * - Sentence link: a small link (cloned from `#seg-anchor-template`) under the
 *   paragraph's ¶ mark points at the active segment (`#sNN-pNN-sK`).
 */

const ON = 'seg-on';

/**
 * Styles that matter only once this module runs (kept out of the page's first
 * CSS). Highlight: tint plus underline (not colour alone), no box changes, so
 * no reflow. The sentence link sits under the paragraph's ¶ mark (shares
 * `.para-anchor`'s rules in reading.css). The focus ring keeps clear of the
 * ¶ marks in the margin and of the neighbours: 2 px outside the paragraph, or
 * inside its padding where it has some (对照 side by side, where the ¶ mark
 * touches its left edge); tests/e2e/focus-ring.test.ts checks every view.
 */
const STYLES = `[data-seg-id].seg-on{background:var(--highlight);text-decoration:underline 2px var(--accent);text-underline-offset:.3em;text-decoration-skip-ink:none}
[data-seg-id].seg-target{animation:arrive 2.4s ease-out}
div.para[tabindex]:focus-visible{outline:2px solid var(--focus);outline-offset:2px}
@media (min-width:62rem){html[data-l='both'] div.para[tabindex]:focus-visible{outline-offset:-4px}}
.seg-anchor{top:1.6rem;opacity:1}
@media (min-width:62rem){html[data-l='both'] .seg-anchor{left:-3rem;top:2.15rem}}
@media (min-width:40rem){html[data-l='compare'] .seg-anchor{position:absolute;left:auto;right:3rem;top:-1.6rem}}`;
let activeId: string | null = null;
let pinned = false;
let clearTimer = 0;
let segAnchor: HTMLAnchorElement | null = null;
let live: HTMLElement | null = null;

/** The segment spans of one id, in document order (literal, free, English). */
function spans(id: string): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(`[data-seg-id="${CSS.escape(id)}"]`)];
}

/** Displayed (not inside a display:none rendition). */
function shown(el: Element): boolean {
  return el.getClientRects().length > 0;
}

function paraOf(id: string): HTMLElement | null {
  return document.getElementById(id.replace(/-s\d+$/, ''));
}

/** Segment ids of a paragraph, in order (from its first rendition). */
function segIds(para: Element): string[] {
  const first = para.querySelector('[data-rendition]');
  return first ? [...first.querySelectorAll(':scope > [data-seg-id]')].map((s) => s.getAttribute('data-seg-id')!) : [];
}

function placeAnchor(id: string | null): void {
  const para = id ? paraOf(id) : null;
  if (!para || para.classList.contains('para-caption')) {
    segAnchor?.remove();
    return;
  }
  if (!segAnchor) {
    const tpl = document.getElementById('seg-anchor-template') as HTMLTemplateElement | null;
    segAnchor = tpl?.content.firstElementChild?.cloneNode(true) as HTMLAnchorElement | null;
    if (!segAnchor) return;
  }
  segAnchor.href = `#${id}`;
  const label = segAnchor.querySelector('[data-seg-label]');
  if (label) label.textContent = `¶${para.querySelector('.para-anchor [aria-hidden]')?.textContent?.slice(1) ?? ''}.${id!.replace(/^.*-s/, '')}`;
  const paraAnchor = para.querySelector(':scope > .para-anchor');
  if (segAnchor.parentElement !== para) (paraAnchor ?? para.lastElementChild)?.after(segAnchor);
}

/**
 * Make `id` the active segment (or clear with null): highlight it in every
 * rendition and point the sentence link at it.
 * @param id a segment id `sNN-pNN-sK`, or null
 * @param scroll bring counterparts that are off screen into view (side-by-side views)
 */
export function activateSegment(id: string | null, scroll = false): void {
  clearTimeout(clearTimer);
  if (id !== activeId) {
    if (activeId) for (const el of spans(activeId)) el.classList.remove(ON);
    activeId = id;
    if (id) for (const el of spans(id)) el.classList.add(ON);
    placeAnchor(id);
  }
  if (id && scroll) revealCounterparts(id);
}

/** In a side-by-side view, scroll the least needed to show an off-screen counterpart. */
function revealCounterparts(id: string): void {
  const visible = spans(id).filter(shown);
  if (visible.length < 2) return;
  const top = Math.max(0, document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0);
  for (const el of visible) {
    const r = el.getBoundingClientRect();
    if (r.bottom > window.innerHeight) window.scrollBy({ top: Math.min(r.bottom - window.innerHeight + 16, r.top - top - 16), behavior: 'instant' });
    else if (r.top < top) window.scrollBy({ top: r.top - top - 16, behavior: 'instant' });
  }
}

function announce(para: Element, id: string): void {
  if (!live) {
    live = document.createElement('div');
    live.className = 'visually-hidden';
    live.setAttribute('aria-live', 'polite');
    live.dataset.segLive = '';
    document.body.append(live);
  }
  const ids = segIds(para);
  const text = spans(id).find(shown)?.textContent ?? '';
  live.textContent = `${ids.indexOf(id) + 1}/${ids.length} ${text}`;
}

function segmentAt(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>('[data-seg-id]') : null;
}

function onPointerOver(e: PointerEvent): void {
  if (e.pointerType !== 'mouse' && e.pointerType !== 'pen') return;
  const seg = segmentAt(e.target);
  if (seg && !pinned) activateSegment(seg.dataset.segId!);
  else if (!seg && !pinned && activeId && !(e.target as Element).closest?.('.seg-anchor, .para-anchor')) {
    // Leaving the text: clear after a moment, so the pointer can reach the sentence link.
    clearTimeout(clearTimer);
    clearTimer = window.setTimeout(() => activateSegment(null), 500);
  }
}

function onClick(e: MouseEvent): void {
  const seg = segmentAt(e.target);
  if (seg) {
    pinned = true;
    activateSegment(seg.dataset.segId!, true);
  } else if (!(e.target as Element).closest?.('.seg-anchor, .para-anchor')) {
    pinned = false;
    activateSegment(null);
  }
}

function onFocusIn(e: FocusEvent): void {
  const t = e.target as HTMLElement;
  const seg = segmentAt(t);
  if (seg) activateSegment(seg.dataset.segId!, true);
  else if (t.matches?.('div.para[tabindex]:focus-visible')) {
    // Keyboard focus on a paragraph (a mouse click focuses it too, but then the click picks the segment).
    const ids = segIds(t);
    const id = activeId && ids.includes(activeId) ? activeId : ids[0];
    if (id) {
      activateSegment(id, true);
      announce(t, id);
    }
  }
}

function onKeyDown(e: KeyboardEvent): void {
  const t = e.target as HTMLElement;
  if (e.key === 'Escape' && activeId) {
    pinned = false;
    activateSegment(null);
    return;
  }
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  if (t.matches?.('a.para-anchor') && !e.shiftKey && t.getAttribute('aria-expanded') !== 'true') return enterParagraph(t, e);
  if (!t.matches?.('div.para[tabindex]')) return;
  const ids = segIds(t);
  const at = activeId ? ids.indexOf(activeId) : -1;
  // Home/End pick a sentence only once the reader has stepped among the sentences (←/→, a ¶ button, a
  // click: `pinned`); on a paragraph that merely has focus (after a jump) they scroll the page, as elsewhere.
  if (!pinned && (e.key === 'Home' || e.key === 'End')) return;
  const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: ids.length - 1 }[e.key];
  if (next === undefined) return;
  e.preventDefault();
  const id = ids[Math.max(0, Math.min(ids.length - 1, next))]!;
  pinned = true;
  activateSegment(id, true);
  announce(t, id);
}

/**
 * From a paragraph's ¶ button into its sentences: → and Home choose the first,
 * ← and End the last; focus moves to the paragraph, which announces it.
 */
function enterParagraph(anchor: HTMLElement, e: KeyboardEvent): void {
  const para = anchor.closest<HTMLElement>('div.para[tabindex]');
  const ids = para ? segIds(para) : [];
  const at = { ArrowRight: 0, Home: 0, ArrowLeft: ids.length - 1, End: ids.length - 1 }[e.key];
  if (!para || at === undefined || !ids.length) return;
  e.preventDefault();
  pinned = true;
  activateSegment(ids[at]!, true);
  para.focus({ preventScroll: true });
  announce(para, ids[at]!);
}

function onFocusOut(e: FocusEvent): void {
  const to = e.relatedTarget as Element | null;
  if (!pinned && !to?.closest?.('[data-seg-id], .seg-anchor')) activateSegment(null);
}

/** The events this module handles, by type (reader.ts queues the same types until the module has loaded). */
const HANDLERS: Record<string, (e: never) => void> = {
  pointerover: onPointerOver,
  click: onClick,
  focusin: onFocusIn,
  keydown: onKeyDown,
  focusout: onFocusOut,
};

/**
 * Wire the highlight, the keyboard route and the sentence link (listeners on
 * `document`). Call once per page.
 * @param earlier events that arrived before this module loaded, replayed in order
 */
export function initSegments(earlier: readonly Event[] = []): void {
  const style = document.createElement('style');
  style.textContent = STYLES;
  document.head.append(style);
  for (const [type, handler] of Object.entries(HANDLERS)) document.addEventListener(type, handler as EventListener);
  for (const e of earlier) (HANDLERS[e.type] as ((e: Event) => void) | undefined)?.(e);
}

/**
 * Pin and mark the segment a deep link names (`#s05-p07-s2`).
 * @returns its visible span (to scroll to), or null when no segment has that id
 */
export function arriveAtSegment(id: string): HTMLElement | null {
  const el = spans(id).find(shown) ?? null;
  if (!el) return null;
  pinned = true;
  activateSegment(id);
  for (const s of spans(id)) {
    s.classList.remove('seg-target');
    void s.offsetWidth; // restart the arrival animation
    s.classList.add('seg-target');
  }
  return el;
}
