/**
 * Reading tools (browser module), loaded by reader.ts on the reader's first
 * interaction, so a page ships none of it before:
 * - ¶ anchors become menu buttons (paragraph-menu.ts); sentence anchors copy
 *   their link; neither moves the page nor adds a history entry;
 * - a copied selection leaves out anchors and controls (clean quotes);
 * - the reader's place in a part is remembered (src/lib/reading-place.ts) once
 *   they have moved the page themselves;
 * - continue reading and jump to ¶ (way-back.ts);
 * - the "always show paragraph numbers" toggle (<html data-para-numbers>, stored).
 */
import { copyWithFeedback, openMenu } from './paragraph-menu';
import { PARA_NUMBERS_STORAGE_KEY, parsePlaces, PLACES_STORAGE_KEY, RESUME_PATHS_STORAGE_KEY, resumablePlaces, withPlace } from '../lib/reading-place';
import { showResume } from './way-back';

/** Jump as the "jump to ¶" form says (reader.ts holds its submits, from the first, until this module is here). */
export { jumpFromForm } from './way-back';

/** What reader.ts lends (it keeps them in its own chunk, so this one loads with no shared dependencies). */
export interface Lent {
  /** storage.ts readItem (never throws) */
  read(key: string): string | null;
  /** storage.ts storeItem (never throws) */
  store(key: string, value: string): void;
  /** Absolute link to a fragment (`#s05-p18`) in the reader's current view. */
  link(hash: string): string;
  /** Whether the reader has moved the page themselves (wheel, touch, keys, pointer) since it loaded (reader.ts listens from the start). */
  acted(): boolean;
}
let lent: Lent;

const root = document.documentElement;

// ---------- anchors ----------

const showParaNumbers = () => document.querySelector('[data-numbers-toggle]')?.setAttribute('aria-pressed', String('paraNumbers' in root.dataset));

/**
 * A plain click reader.ts held: a ¶ anchor opens its menu, a sentence anchor
 * copies its link in the current view (the navigation is already prevented),
 * the paragraph-numbers toggle switches and stores the setting.
 * @param el the `a.para-anchor`, `a.seg-anchor` or `[data-numbers-toggle]` clicked
 * @param hash the fragment the anchor named at the moment of the click (`#s05-p28-s8`)
 */
export function clicked(el: HTMLElement, hash = (el as HTMLAnchorElement).hash): void {
  if (el.matches('[data-numbers-toggle]')) {
    lent.store(PARA_NUMBERS_STORAGE_KEY, root.toggleAttribute('data-para-numbers') ? '1' : '0');
    showParaNumbers();
  } else if (el.matches('.para-anchor')) openMenu(el as HTMLAnchorElement, 'first', lent.link);
  else void copyWithFeedback(lent.link(hash), el);
}

// ---------- clean copies ----------

/** Anchors, controls and ruby annotations: never part of copied text. */
const NOT_TEXT = '.para-anchor, .seg-anchor, .para-listen, .note-label, .copied-msg, .visually-hidden, button, input, select, textarea, label, rt, rp, [data-no-copy]';

/**
 * A copied selection is the text alone: when it takes in anchors or controls
 * (the ¶ marks and their hidden labels, read-aloud buttons, figure controls,
 * note labels, ruby annotations), the plain text is taken again with them out of
 * the layout, so it reads exactly as shown: renditions the view hides are left
 * out and lines break where the view breaks them (a compare-view row, a paragraph).
 */
function cleanCopy(event: ClipboardEvent): void {
  const sel = getSelection();
  if (!sel || sel.isCollapsed || sel.rangeCount === 0 || !event.clipboardData) return;
  if (!sel.getRangeAt(0).cloneContents().querySelector(NOT_TEXT)) return; // the browser's own copy is right
  const root = document.documentElement;
  copyStyle ??= document.head.appendChild(
    Object.assign(document.createElement('style'), { textContent: `html.copy-clean :is(${NOT_TEXT}){display:none!important}` }),
  );
  root.classList.add('copy-clean');
  const text = sel.toString().replace(/\n{3,}/g, '\n\n').trim();
  root.classList.remove('copy-clean');
  event.clipboardData.setData('text/plain', text);
  event.preventDefault();
}
let copyStyle: HTMLStyleElement | undefined;

// ---------- the reader's place ----------

let timer = 0;

/** The paragraph at the top of the reading area: the last one whose top is above the reading line (24 px below the header). */
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

/** Store the place (and the paths with a place worth offering, read by the inline view script). */
function record(): void {
  clearTimeout(timer);
  const id = lent.acted() ? placeNow() : null;
  if (!id) return;
  const places = parsePlaces(lent.read(PLACES_STORAGE_KEY));
  if (places[id.slice(0, 3)]?.id === id) return;
  const next = withPlace(places, { id, path: location.pathname, t: Date.now() });
  lent.store(PLACES_STORAGE_KEY, JSON.stringify(next));
  lent.store(RESUME_PATHS_STORAGE_KEY, resumablePlaces(next).map((p) => p.path).join(' '));
}

/** How long scrolling must pause before the place is recorded, in ms. */
const PLACE_IDLE_MS = 500;

/**
 * Start the tools (called once by reader.ts, right after loading this module).
 * @param l the helpers reader.ts lends
 */
export function init(l: Lent): void {
  lent = l;
  // The menu button pattern: Space and ↓ open the menu on its first item, ↑ on its last (Enter clicks).
  for (const a of document.querySelectorAll('a.para-anchor')) {
    a.setAttribute('role', 'button');
    a.setAttribute('aria-haspopup', 'menu');
    a.setAttribute('aria-expanded', 'false');
  }
  document.addEventListener('keydown', (event) => {
    const a = (event.target as Element).closest?.('a.para-anchor');
    if (!(a instanceof HTMLAnchorElement) || !['ArrowDown', 'ArrowUp', ' '].includes(event.key)) return;
    event.preventDefault();
    openMenu(a, event.key === 'ArrowUp' ? 'last' : 'first', lent.link);
  });
  document.addEventListener('copy', cleanCopy);
  showParaNumbers();
  showResume(lent.read(PLACES_STORAGE_KEY));
  if (document.querySelector('.text div[data-para-id]')) {
    // Once the reader moves the page themselves (wheel, touch, keys, the scroll bar; lent.acted): their
    // place is recorded when scrolling stops. Arriving by a link, or a landing being held, records nothing.
    addEventListener('scroll', () => {
      clearTimeout(timer);
      timer = window.setTimeout(record, PLACE_IDLE_MS);
    }, { passive: true });
    // Scrolling that ended before this module arrived is recorded as if it had just stopped.
    if (lent.acted()) timer = window.setTimeout(record, PLACE_IDLE_MS);
    addEventListener('pagehide', record);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && record());
  }
}

