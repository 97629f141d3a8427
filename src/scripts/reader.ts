/**
 * Reading-view behaviour (browser, loaded as a module on every page):
 * - syncs the reading-control radios with the view applied by view-init.ts;
 * - on change, applies the view instantly, keeps the paragraph the reader was
 *   on at the same place on screen, and records the view in the URL
 *   (`?r=…&l=…`, history.replaceState) and localStorage;
 * - theme button (system → the other scheme → the system's scheme → system);
 * - the 拼音 / Pinyin switch: loads src/scripts/pinyin-toggle.ts (and the part's
 *   pinyin data) only when pinyin is on, and keeps the reader's place as the ruby comes and goes;
 * - interface language (中文 / English / 双语, `<html data-ui>`): the reader's
 *   choice is stored; until there is one it follows the content view and the
 *   browser language (src/lib/ui-lang.ts). Attributes marked `data-ui-attr`
 *   (see `uiAttrs` in src/lib/ui-pick.ts) follow it; islands follow it on
 *   their own (src/components/figures/kit/ui-lang.ts);
 * - the literal/free choice is disabled (with a note saying why) where it
 *   changes nothing: English only and the compare view;
 * - loads the reading tools (reading-tools.ts) on the first interaction:
 *   paragraph menu, clean copies, the reader's place, continue reading, jump to ¶;
 * - segments: counterpart highlight, keyboard route, sentence links (segments.ts);
 * - glossary terms: tooltip and keyboard route over every use (terms.ts, loaded
 *   on the first event on a term);
 * - a deep link (`#s05-p16` or a sentence, `#s05-p16-s2`) lands on its target
 *   even when figures above it resize after load.
 */
import { readItem, storeItem } from './storage';
import { PINYIN_STORAGE_KEY, pinyinFromStorage, resolveView, searchWithView, VIEW_STORAGE_KEY, zhChoiceApplies, type LangMode, type ViewState, type ZhRendition } from '../lib/view-state';
import type * as Segments from './segments';
import type * as Arrival from '../components/search/HighlightOnArrival';
import { parseTheme, THEME_STORAGE_KEY, type Theme } from '../lib/theme';
import type * as ReadingTools from './reading-tools';
import { parseUiLang, resolveUiLang, UI_STORAGE_KEY, type UiLang } from '../lib/ui-lang';

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
    zhChoice.title = zhChoice.disabled ? (document.getElementById('zh-choice-note')?.querySelector(root.dataset.ui === 'en' ? '.ui-en' : '.ui-zh')?.textContent ?? '') : '';
  }
}

/** A `{ zh, en }` string in the interface language now shown (`中文 / English` in 双语). */
function uiText(zh: string, en: string): string {
  const ui = root.dataset.ui;
  return ui === 'en' ? en : ui === 'both' ? `${zh} / ${en}` : zh;
}

/** The interface language to show now: the stored choice, else the default for the current view. */
function resolvedUi(): UiLang {
  return resolveUiLang(readItem(UI_STORAGE_KEY), currentViewFromRoot().l, navigator.languages ?? []);
}

/**
 * Show the interface in `ui`: CSS shows the spans; here the attributes marked
 * `data-ui-attr` (Chinese as built, kept in `data-ui-zh`; English in
 * `data-ui-en`), the theme button's label and the literal/free note.
 */
function applyUi(ui: UiLang): void {
  const select = document.getElementById('ui-lang') as HTMLSelectElement | null;
  if (select) select.value = ui;
  // As built, attributes are Chinese: nothing to do until the language is not Chinese.
  if (root.dataset.ui === ui && (translated || ui === 'zh')) return;
  // Writing the same value would still wake every observer of data-ui (islands redraw charts).
  if (root.dataset.ui !== ui) root.dataset.ui = ui;
  // Islands render their static fallbacks afresh (as built, in Chinese) when they hydrate or change state.
  if (!translated) {
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof Element) translate(n);
    }).observe(document.body, { childList: true, subtree: true });
  }
  translated = true;
  translate(document.body);
  syncControls(currentViewFromRoot());
  showTheme?.();
}
let translated = false;

/** Set the `data-ui-attr` attributes of `scope` and inside it to the interface language. */
function translate(scope: Element): void {
  for (const el of [scope, ...scope.querySelectorAll('[data-ui-attr]')] as HTMLElement[]) {
    if (!el.dataset.uiAttr) continue;
    const names = el.dataset.uiAttr!.split(' ');
    const value = uiText((el.dataset.uiZh ??= el.getAttribute(names[0]!) ?? ''), el.dataset.uiEn ?? '');
    for (const name of names) el.setAttribute(name, value);
  }
}

let showTheme: (() => void) | undefined;

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
  applyUi(resolvedUi());
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
  if (input.name === 'view-py') return setPinyin(input.checked);
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
  const order: Theme[] = ['auto', 'dark', 'light'];
  if (matchMedia('(prefers-color-scheme: dark)').matches) order.reverse(); // light, dark, auto
  return order[(order.indexOf(current) + 1) % 3]!;
}
const THEME_LABEL: Record<Theme, [zh: string, en: string]> = {
  auto: ['主题：跟随系统', 'Theme: system'],
  light: ['主题：浅色', 'Theme: light'],
  dark: ['主题：深色', 'Theme: dark'],
};

function initTheme(): void {
  const button = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
  if (!button) return;
  const show = (theme: Theme) => {
    button.dataset.state = theme;
    const label = uiText(...THEME_LABEL[theme]);
    button.setAttribute('aria-label', label);
    button.title = label;
  };
  showTheme = () => show(parseTheme(button.dataset.state ?? null));
  const showStored = () => show(parseTheme(readItem(THEME_STORAGE_KEY)));
  showStored();
  // view-init.ts re-applies the stored theme on a bfcache restore or a change in another tab: keep the button in step.
  addEventListener('pageshow', showStored);
  addEventListener('storage', showStored);
  button.addEventListener('click', () => {
    const next = nextTheme(parseTheme(button.dataset.state ?? null));
    if (next === 'auto') delete root.dataset.theme;
    else root.dataset.theme = next;
    storeItem(THEME_STORAGE_KEY, next);
    show(next);
  });
}

let toolsModule: Promise<typeof ReadingTools> | undefined;
/** Set on the reader's first wheel, touch move, key or pointer press (see initReadingTools). */
let readerActed = false;
/**
 * The reading tools (reading-tools.ts), loaded once. They borrow this chunk's
 * storage and link helpers, so their own chunk loads with no shared dependencies.
 */
const tools = () =>
  (toolsModule ??= import('./reading-tools').then((m) => {
    m.init({
      read: readItem,
      store: storeItem,
      link: (hash) => `${location.origin}${location.pathname}${searchWithView(location.search, currentViewFromRoot())}${hash}`,
      acted: () => readerActed,
    });
    return m;
  }));

/**
 * Load the reading tools (paragraph menu, clean copies, the reader's place,
 * continue reading, jump to ¶, the paragraph-numbers toggle) on the reader's
 * first interaction (queueSegmentEvent, or a wheel, touch, key or press), or at once when there is a place
 * to offer or the paragraph-numbers setting is on. Until they are loaded a
 * plain click on a ¶ or sentence anchor (no navigation, no history entry) or
 * on the toggle is held here and handed over; modified clicks (new tab) stay plain links.
 */
function initReadingTools(): void {
  // The reader moving the page themselves loads the tools too, and is noted here: a wheel or a flick may be
  // over before the tools arrive, and only a place the reader scrolled to is worth recording.
  for (const type of ['wheel', 'touchmove', 'keydown', 'pointerdown'] as const) {
    addEventListener(
      type,
      () => {
        readerActed = true;
        void tools();
      },
      { once: true, passive: true },
    );
  }
  document.addEventListener('click', (e) => {
    // (A middle click is an auxclick, not a click; Ctrl/⌘/Shift open the link elsewhere.)
    const el = (e.target as Element).closest('.para-anchor,.seg-anchor,[data-numbers-toggle]');
    if (!el || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    // The sentence anchor follows the pointer: keep the link it named when clicked, not when the tools arrive.
    const hash = (el as HTMLAnchorElement).hash;
    void tools().then((m) => m.clicked(el as HTMLElement, hash));
  });
  // The jump form is sent here and handed to the tools: a quick reader (paste, Go) can send it before
  // they arrive, and a plain submit would reload the page with `?p=…`, losing the input.
  document.addEventListener('submit', (e) => {
    const form = e.target as HTMLFormElement;
    if (!form.matches('[data-jump]')) return;
    e.preventDefault();
    void tools().then((m) => m.jumpFromForm(form));
  });
  if (root.dataset.paraNumbers || root.dataset.resume) void tools();
}

/**
 * A deep link (`#s05-p16`) is scrolled to by the browser as soon as the
 * element exists, before images, fonts and figures above it have their final
 * size. Align it again once they have (on load, when fonts are ready, and
 * whenever the text column resizes in the next 10 s as figures hydrate),
 * unless the reader has scrolled since. A sentence link (`#s05-p16-s2`) names
 * no element id: the visible segment with that `data-seg-id` is centred and marked.
 */
/**
 * Paragraphs are the keyboard unit of the segment behaviour: a labelled group
 * with a help text, focusable (`tabindex=-1`) but not a tab stop, so Tab walks
 * the ¶ buttons, not every paragraph as well. ←/→ on a ¶ button step into its
 * paragraph's sentences (segments.ts); the button carries the same help text.
 * Also makes each rendition's first glossary term its tab stop.
 */
function prepareParagraphs(): void {
  const help = document.getElementById('segment-help');
  for (const para of document.querySelectorAll<HTMLElement>('div.para[data-para-id]')) {
    para.tabIndex = -1;
    para.setAttribute('role', 'group');
    para.setAttribute('aria-label', para.querySelector('.para-anchor [aria-hidden]')?.textContent ?? para.id);
    if (help) {
      para.setAttribute('aria-describedby', help.id);
      para.querySelector(':scope > a.para-anchor')?.setAttribute('aria-describedby', help.id);
    }
  }
  // Each rendition's first glossary term is its tab stop (terms.ts moves it with ←/→). Set here, not in
  // the HTML: without JavaScript there is no tooltip, and the keyboard must not stop on terms that do nothing.
  for (const r of document.querySelectorAll('[data-rendition]')) r.querySelector('.term')?.setAttribute('tabindex', '0');
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
  void tools(); // the reader's first interaction
}

const TERM_EVENTS = ['pointerover', 'focusin', 'click', 'keydown'];
const termEvents: Event[] = [];

/** The term lookup (terms.ts), loaded on the first event on a term; events that arrive meanwhile are replayed. */
function queueTermEvent(e: Event): void {
  if (!(e.target as Element).closest?.('.term') || termEvents.push(e) > 1) return;
  void import('./terms').then((m) => {
    for (const t of TERM_EVENTS) document.removeEventListener(t, queueTermEvent);
    m.initTerms(termEvents);
  });
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
 * @param centre the element to centre (a segment: the target itself), or a search hit inside the
 *   target, centred only when the target's start would leave it off screen
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
    if (hit === target) return target.scrollIntoView({ block: 'center', behavior: 'instant' });
    target.scrollIntoView({ block: 'start', behavior: 'instant' });
    // A search hit stays where the paragraph's start puts it when it is on screen there: its marks arrive
    // after the landing (HighlightOnArrival loads on demand), and centring it then would move the page
    // on a slow phone. Only a hit below the screen's edge (a long paragraph) is centred.
    const r = hit?.getBoundingClientRect();
    if (hit && r && (r.top < 0 || r.bottom > innerHeight - 16)) hit.scrollIntoView({ block: 'center', behavior: 'instant' });
  };
  // The marks of a search arrival come when HighlightOnArrival has loaded (see markArrival).
  realignLanding = align;
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

/** The current landing's alignment (set by keepInView), run again when an arrival's marks come. */
let realignLanding: (() => void) | undefined;

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
  // The interface language too may have been chosen since, on another page.
  applyUi(resolvedUi());
  const raw = readItem(VIEW_STORAGE_KEY);
  if (!raw) return;
  const stored = resolveView('', raw);
  const now = currentViewFromRoot();
  if (stored.r !== now.r || stored.l !== now.l) applyView(stored);
  syncControls(stored);
});
let pinyinModule: Promise<typeof import('./pinyin-toggle')> | undefined;
let pinyinOn = false;
/** Pinyin on or off (the ruby code loads when first turned on), keeping the reader's place. */
function setPinyin(on: boolean): void {
  pinyinOn = on;
  const box = document.getElementById('view-py') as HTMLInputElement | null;
  if (box) box.checked = on;
  storeItem(PINYIN_STORAGE_KEY, on ? '1' : '0');
  if (!on && !pinyinModule) return; // never shown on this page: nothing to take away
  pinyinModule ??= import('./pinyin-toggle');
  void pinyinModule.then((m) => m.setPinyin(on, readingAnchor));
}
/** Show what is stored: now, on a bfcache restore, and when another tab changes it. */
function followStoredPinyin(): void {
  const on = pinyinFromStorage(readItem(PINYIN_STORAGE_KEY));
  if (on !== pinyinOn) setPinyin(on);
}

let arrival: Promise<typeof Arrival> | undefined;
/**
 * Mark the place the URL names (HighlightOnArrival.ts: a search query's words, the paragraph's
 * flash), loading that module on first use (~1 KB gzip, not in the first load of a page opened
 * without a fragment).
 * @returns a promise settled once the marks exist (also when the module failed to load)
 */
function markArrival(): Promise<void> {
  arrival ??= import('../components/search/HighlightOnArrival');
  return arrival.then(
    (m) => void m.highlightFromLocation(),
    () => undefined,
  );
}
// With a fragment (known before first paint: `location.hash`), the marks come before pinyin (which
// goes inside them); the landing is aligned at once and again when they come.
const landing = location.hash ? markArrival() : undefined;
const followPinyin = (): void => (landing ? void landing.then(followStoredPinyin) : followStoredPinyin());
followPinyin();
addEventListener('pageshow', followPinyin);
addEventListener('storage', followPinyin);
initTheme();
initReadingTools();
applyUi(resolvedUi());
document.getElementById('ui-lang')?.addEventListener('change', (event) => {
  const ui = parseUiLang((event.target as HTMLSelectElement).value);
  if (!ui) return;
  storeItem(UI_STORAGE_KEY, ui);
  applyUi(ui);
});
prepareParagraphs();
for (const t of SEGMENT_EVENTS) document.addEventListener(t, queueSegmentEvent);
for (const t of TERM_EVENTS) document.addEventListener(t, queueTermEvent);
// A deep link is aligned at once; a search arrival's (`?hl=…#…`) marks come from HighlightOnArrival
// (see markArrival), and the landing is aligned again then, on the marked hit.
settleFragment();
if (landing) void landing.then(() => realignLanding?.());
addEventListener('hashchange', () => void markArrival().then(settleFragment));
