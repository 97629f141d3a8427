/**
 * Reading-view behaviour (browser, loaded as a module on every page):
 * - syncs the reading-control radios with the view applied by view-init.ts;
 * - on change, applies the view instantly, keeps the paragraph the reader was
 *   on at the same place on screen, and records the view in the URL
 *   (`?r=…&l=…`, history.replaceState) and localStorage;
 * - theme button (system → the other scheme → the system's scheme → system), and
 *   the "always show paragraph numbers" toggle;
 * - the literal/free choice is disabled (with a note saying why) where it
 *   changes nothing: English only and the compare view;
 * - paragraph anchors open the paragraph menu (copy link, citation, three
 *   renditions) and sentence anchors copy a link, without moving the page
 *   (paragraph-menu.ts, loaded on first use);
 * - a copied selection leaves out anchors and controls (clean quotes);
 * - the reader's place in a part is remembered; continue reading and jump to ¶
 *   (way-back.ts, loaded when there is a place to offer or on first use);
 * - segments: counterpart highlight, keyboard route, sentence links (segments.ts);
 * - a deep link (`#s05-p16` or a sentence, `#s05-p16-s2`) lands on its target
 *   even when figures above it resize after load.
 */
import { readItem, storeItem } from './storage';
import '../components/search/HighlightOnArrival';
import { resolveView, searchWithView, VIEW_STORAGE_KEY, zhChoiceApplies, type LangMode, type ViewState, type ZhRendition } from '../lib/view-state';
import type * as Segments from './segments';
import { parseTheme, THEME_STORAGE_KEY, type Theme } from '../lib/theme';
import { PARA_NUMBERS_STORAGE_KEY, parseParaNumbers } from '../lib/view-state';
import { PLACES_STORAGE_KEY, parsePlaces, withPlace } from '../lib/reading-place';
import type * as ParagraphMenu from './paragraph-menu';

const root = document.documentElement;


function currentView(): ViewState {
  return resolveView(location.search, readItem(VIEW_STORAGE_KEY));
}

/**
 * The reader's place: the first paragraph or figure whose top edge is below
 * the sticky header (else the one the header line crosses), and its offset
 * from the top of the viewport in px.
 */
function readingAnchor(): { el: Element; top: number } | null {
  // On phones the header scrolls away with the page: then the viewport's top is the line.
  const header = Math.max(0, document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0);
  let crossing: { el: Element; top: number } | null = null;
  for (const el of document.querySelectorAll('div[data-para-id], figure[data-figure-id]')) {
    const r = el.getBoundingClientRect();
    if (r.height === 0 || r.bottom <= header) continue;
    if (r.top >= header - 1) return { el, top: r.top };
    crossing ??= { el, top: r.top };
    if (r.top > window.innerHeight) break;
  }
  return crossing;
}

function syncControls(view: ViewState): void {
  const r = document.getElementById(`view-r-${view.r}`) as HTMLInputElement | null;
  const l = document.getElementById(`view-l-${view.l}`) as HTMLInputElement | null;
  if (r) r.checked = true;
  if (l) l.checked = true;
  const zhChoice = document.querySelector<HTMLFieldSetElement>('[data-zh-choice]');
  if (zhChoice) {
    zhChoice.disabled = !zhChoiceApplies(view);
    zhChoice.title = zhChoice.disabled ? (document.getElementById('zh-choice-note')?.querySelector(view.l === 'en' ? '.ui-en' : '.ui-zh')?.textContent ?? '') : '';
  }
}

/**
 * Apply a view: <html> attributes (CSS does the showing and hiding), lang,
 * URL and storage, keeping the reader's place.
 */
function applyView(view: ViewState): void {
  const anchor = readingAnchor();
  root.dataset.r = view.r;
  root.dataset.l = view.l;
  root.lang = view.l === 'en' ? 'en' : 'zh-CN';
  syncControls(view);
  storeItem(VIEW_STORAGE_KEY, JSON.stringify(view));
  history.replaceState(history.state, '', `${location.pathname}${searchWithView(location.search, view)}${location.hash}`);
  if (anchor) {
    const delta = anchor.el.getBoundingClientRect().top - anchor.top;
    if (Math.abs(delta) > 1) window.scrollBy({ top: delta, behavior: 'instant' });
  }
  document.dispatchEvent(new CustomEvent('readerviewchange', { detail: view }));
}

function onControlChange(event: Event): void {
  const input = event.target as HTMLInputElement;
  const view = { ...currentViewFromRoot() };
  if (input.name === 'view-r') view.r = input.value as ZhRendition;
  else if (input.name === 'view-l') view.l = input.value as LangMode;
  else return;
  applyView(view);
}

function currentViewFromRoot(): ViewState {
  return { r: (root.dataset.r as ZhRendition) ?? 'literal', l: (root.dataset.l as LangMode) ?? 'both' };
}

/**
 * The theme after `current`. From `auto` the first tap always changes what the reader sees: it goes
 * to the scheme the system is not showing, then to the system's own, then back to `auto`.
 */
function nextTheme(current: Theme): Theme {
  const systemDark = matchMedia('(prefers-color-scheme: dark)').matches;
  const order: Theme[] = systemDark ? ['auto', 'light', 'dark'] : ['auto', 'dark', 'light'];
  return order[(order.indexOf(current) + 1) % order.length]!;
}
const THEME_LABEL: Record<Theme, string> = {
  auto: '主题：跟随系统 / Theme: system',
  light: '主题：浅色 / Theme: light',
  dark: '主题：深色 / Theme: dark',
};

function initTheme(): void {
  const button = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
  if (!button) return;
  const show = (theme: Theme) => {
    button.dataset.state = theme;
    button.setAttribute('aria-label', THEME_LABEL[theme]);
    button.title = THEME_LABEL[theme];
  };
  show(parseTheme(readItem(THEME_STORAGE_KEY)));
  // view-init.ts re-applies the stored theme on a bfcache restore or a change in another tab: keep the button in step.
  addEventListener('pageshow', () => show(parseTheme(readItem(THEME_STORAGE_KEY))));
  addEventListener('storage', () => show(parseTheme(readItem(THEME_STORAGE_KEY))));
  button.addEventListener('click', () => {
    const next = nextTheme(parseTheme(button.dataset.state ?? null));
    if (next === 'auto') delete root.dataset.theme;
    else root.dataset.theme = next;
    storeItem(THEME_STORAGE_KEY, next);
    show(next);
  });
}

/** The "always show paragraph numbers" toggle: <html data-para-numbers> (CSS shows every ¶ mark), stored. */
function initParaNumbers(): void {
  const button = document.querySelector<HTMLButtonElement>('[data-para-numbers-toggle]');
  if (!button) return;
  const show = () => button.setAttribute('aria-pressed', String('paraNumbers' in root.dataset));
  show();
  button.addEventListener('click', () => {
    const on = !('paraNumbers' in root.dataset);
    if (on) root.dataset.paraNumbers = '';
    else delete root.dataset.paraNumbers;
    storeItem(PARA_NUMBERS_STORAGE_KEY, on ? '1' : '0');
    show();
  });
  addEventListener('pageshow', (e: PageTransitionEvent) => {
    if (!e.persisted) return;
    if (parseParaNumbers(readItem(PARA_NUMBERS_STORAGE_KEY))) root.dataset.paraNumbers = '';
    else delete root.dataset.paraNumbers;
    show();
  });
}

let menuModule: Promise<typeof ParagraphMenu> | undefined;
/** The paragraph menu and copy feedback (paragraph-menu.ts), loaded on first use. */
const paragraphMenu = () => (menuModule ??= import('./paragraph-menu'));

/**
 * ¶ anchors are menu buttons (the menu button pattern: Enter, Space or ↓ open
 * the menu on its first item, ↑ on its last); sentence anchors copy their link.
 * Neither moves the page nor adds a history entry. A modified click (new tab)
 * and the no-JavaScript page keep them plain links.
 */
function initAnchors(): void {
  for (const a of document.querySelectorAll('a.para-anchor')) {
    a.setAttribute('role', 'button');
    a.setAttribute('aria-haspopup', 'menu');
    a.setAttribute('aria-expanded', 'false');
  }
  document.addEventListener('click', (event) => {
    const a = (event.target as Element).closest?.('a.para-anchor, a.seg-anchor');
    if (!(a instanceof HTMLAnchorElement) || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const url = `${location.origin}${location.pathname}${searchWithView(location.search, currentViewFromRoot())}${a.hash}`;
    void paragraphMenu().then((m) => {
      if (a.classList.contains('para-anchor')) m.openMenu(a, 'first');
      else void m.copyWithFeedback(url, a);
    });
  });
  document.addEventListener('keydown', (event) => {
    const a = (event.target as Element).closest?.('a.para-anchor');
    if (!(a instanceof HTMLAnchorElement) || !['ArrowDown', 'ArrowUp', ' '].includes(event.key)) return;
    event.preventDefault();
    void paragraphMenu().then((m) => m.openMenu(a, event.key === 'ArrowUp' ? 'last' : 'first'));
  });
}

/** Anchors, controls and ruby annotations: never part of copied text. */
const NOT_TEXT = '.para-anchor, .seg-anchor, .para-listen, .note-label, .copied-msg, .visually-hidden, button, input, select, textarea, label, rt, rp, [data-no-copy]';

/**
 * A copied selection is the text alone: when it takes in anchors or controls
 * (the ¶ marks and their hidden labels, read-aloud buttons, figure controls,
 * note labels), the plain text is rebuilt without them, laid out as shown
 * (renditions the view hides are left out, paragraphs stay on their own lines).
 */
function initCleanCopy(): void {
  document.addEventListener('copy', (event) => {
    const sel = getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0 || !event.clipboardData) return;
    const fragment = sel.getRangeAt(0).cloneContents();
    if (!fragment.querySelector(NOT_TEXT)) return; // nothing to leave out: the browser's own copy is right
    for (const el of fragment.querySelectorAll(NOT_TEXT)) el.remove();
    for (const el of fragment.querySelectorAll('[id]')) el.removeAttribute('id');
    // innerText needs layout: measure in an off-screen box where the page's rules (which renditions show) apply.
    const box = document.createElement('div');
    box.style.cssText = 'position:fixed;left:-200vw;top:0;width:40rem;contain:strict;height:1px;overflow:hidden';
    box.append(fragment);
    document.body.append(box);
    const text = box.innerText.replace(/\n{3,}/g, '\n\n').trim();
    box.remove();
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
  });
}

/** The paragraph at the top of the reading area: the last one whose top is above the reading line. */
function placeNow(): string | null {
  const line = Math.max(0, document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0) + 24;
  let place: string | null = null;
  for (const p of document.querySelectorAll<HTMLElement>('.text div[data-para-id]')) {
    const r = p.getBoundingClientRect();
    if (r.height === 0) continue;
    if (r.top > line) return place ?? p.id;
    place = p.id;
  }
  return place;
}

/**
 * Remember the reader's place in this part (reading-place.ts) once they have
 * moved the page themselves: when scrolling stops (after PLACE_IDLE_MS) and
 * when the page is hidden or left. Arriving by a link records nothing.
 */
function initPlaceKeeping(): void {
  if (!document.querySelector('.text div[data-para-id]')) return;
  let acted = false;
  let timer = 0;
  const record = () => {
    clearTimeout(timer);
    const id = acted ? placeNow() : null;
    if (!id) return;
    const places = parsePlaces(readItem(PLACES_STORAGE_KEY));
    if (places[id.slice(0, 3)]?.id === id) return;
    storeItem(PLACES_STORAGE_KEY, JSON.stringify(withPlace(places, { id, path: location.pathname, t: Date.now() })));
  };
  for (const type of ['wheel', 'touchmove', 'keydown', 'pointerdown'] as const) addEventListener(type, () => (acted = true), { passive: true });
  addEventListener('scroll', () => {
    clearTimeout(timer);
    timer = window.setTimeout(record, PLACE_IDLE_MS);
  }, { passive: true });
  addEventListener('pagehide', record);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && record());
}

/** How long scrolling must pause before the place is recorded, in ms. */
const PLACE_IDLE_MS = 500;

/** Continue reading (when the inline script found a place to offer) and jump to ¶ (on submit): way-back.ts. */
function initWayBack(): void {
  if (root.dataset.resume) void import('./way-back').then((m) => m.showResume());
  const form = document.querySelector<HTMLFormElement>('form[data-jump]');
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    void import('./way-back').then((m) => m.jumpFromForm(form));
  });
}

/**
 * A deep link (`#s05-p16`) is scrolled to by the browser as soon as the
 * element exists, before images, fonts and figures above it have their final
 * size. Align it again once they have (on load, when fonts are ready, and
 * whenever the text column resizes in the next 10 s as figures hydrate),
 * unless the reader has scrolled since. A sentence link (`#s05-p16-s2`) names
 * no element id: the visible segment with that `data-seg-id` is centred and marked.
 */
/** Paragraphs are the keyboard unit of the segment behaviour: one tab stop each, with a help text. */
function prepareParagraphs(): void {
  const help = document.getElementById('segment-help');
  for (const para of document.querySelectorAll<HTMLElement>('div.para[data-para-id]')) {
    para.tabIndex = 0;
    para.setAttribute('role', 'group');
    para.setAttribute('aria-label', para.querySelector('.para-anchor [aria-hidden]')?.textContent ?? para.id);
    if (help) para.setAttribute('aria-describedby', help.id);
  }
}

const SEGMENT_EVENTS = ['pointerover', 'click', 'focusin', 'keydown', 'focusout'];
const queuedEvents: Event[] = [];
let segmentsModule: Promise<typeof Segments> | undefined;

/**
 * The segment behaviour (segments.ts), loaded once, on the first event it
 * handles or for a sentence link; events that arrived meanwhile are replayed.
 */
function segmentsNow(): Promise<typeof Segments> {
  segmentsModule ??= import('./segments').then((m) => {
    for (const t of SEGMENT_EVENTS) document.removeEventListener(t, queueSegmentEvent);
    m.initSegments(queuedEvents);
    return m;
  });
  return segmentsModule;
}

function queueSegmentEvent(e: Event): void {
  queuedEvents.push(e);
  void segmentsNow();
}

function settleFragment(): void {
  let id = '';
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch {
    return; // a malformed fragment names nothing
  }
  const byId = id ? document.getElementById(id) : null;
  if (byId) {
    // A paragraph is focusable (segments): arriving by link must not draw a focus ring round it.
    if (document.activeElement === byId) byId.blur();
    keepInView(byId, () => [...byId.querySelectorAll('mark')].find((m) => m.getClientRects().length > 0));
  } else if (/^s\d\d-p\d\d-s\d+$/.test(id)) {
    void segmentsNow().then((m) => {
      const seg = m.arriveAtSegment(id);
      if (seg) keepInView(seg, () => seg);
    });
  }
}

/**
 * Align a deep link's target now, on load, when fonts are ready and whenever
 * the page's content resizes in the next KEEP_LANDING_MS (figures hydrating), unless the
 * reader has scrolled, pressed a key or touched the page since.
 * @param target the element the link names (aligned to the top)
 * @param centre an element inside it to centre instead, when there is one (a search hit, a segment)
 */
function keepInView(target: Element, centre: () => Element | undefined): void {
  let readerMoved = false;
  const stop = () => {
    readerMoved = true;
    observer?.disconnect();
  };
  for (const type of ['wheel', 'touchmove', 'keydown', 'pointerdown'] as const) addEventListener(type, stop, { once: true, passive: true });
  const align = () => {
    if (readerMoved) return;
    const hit = centre();
    if (hit) hit.scrollIntoView({ block: 'center', behavior: 'instant' });
    else target.scrollIntoView({ block: 'start', behavior: 'instant' });
  };
  align();
  if (document.readyState !== 'complete') addEventListener('load', align, { once: true });
  void document.fonts?.ready.then(align);
  // Figures hydrate and load their data after the load event (as they come into view) and may
  // grow: keep the landing in place whenever the page's content changes size, for KEEP_LANDING_MS
  // or until the reader scrolls, types or touches. Every figure is watched too: one may shrink as
  // another grows, leaving main's height the same.
  const main = document.querySelector('main');
  const observer = main && typeof ResizeObserver === 'function' ? new ResizeObserver(align) : null;
  if (main && observer) {
    observer.observe(main);
    for (const fig of main.querySelectorAll('figure')) observer.observe(fig);
  }
  setTimeout(() => observer?.disconnect(), KEEP_LANDING_MS);
}

/** How long a deep link's landing is held in place while late content arrives, in ms. */
const KEEP_LANDING_MS = 15_000;

const view = currentView();
syncControls(view);
// The inline script already applied the view; re-apply only if it could not run the same way.
if (root.dataset.r !== view.r || root.dataset.l !== view.l) applyView(view);
document.querySelector('[data-reading-controls]')?.addEventListener('change', onControlChange);
// A page shown again from the back/forward cache keeps the view it was left with; the reader may have
// chosen another one since, on another page: show the stored view (keeping the place) and sync the controls.
window.addEventListener('pageshow', (e) => {
  if (!e.persisted) return;
  const raw = readItem(VIEW_STORAGE_KEY);
  if (!raw) return;
  const stored = resolveView('', raw);
  const now = currentViewFromRoot();
  if (stored.r !== now.r || stored.l !== now.l) applyView(stored);
  syncControls(stored);
});
initTheme();
initParaNumbers();
initAnchors();
initCleanCopy();
initPlaceKeeping();
initWayBack();
prepareParagraphs();
for (const t of SEGMENT_EVENTS) document.addEventListener(t, queueSegmentEvent);
// A search arrival (`?hl=…`) is marked by HighlightOnArrival (imported above, so its marks exist
// before this runs) and aligned once, on the marked hit.
settleFragment();
addEventListener('hashchange', settleFragment);
