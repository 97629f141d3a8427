/**
 * The paragraph menu (browser module, loaded by reader.ts on the first click
 * or key on a ¶ anchor): copy link, copy citation, copy the paragraph in all
 * three renditions. The menu button pattern (WAI-ARIA APG): the anchor has
 * `aria-haspopup="menu"` and `aria-expanded`; ↑/↓/Home/End move between the
 * items, Enter or Space chooses, Esc closes and returns focus to the anchor,
 * Tab closes and moves on. Copying never moves the page or adds a history entry.
 * When the clipboard refuses, a small panel says so and holds the text,
 * selected, to copy by hand.
 * Its words are keys of src/lib/i18n.ts, written in both languages by
 * ui-text.ts's setBilingual (this chunk loads after the first interaction).
 */
import { formatCitation, formatRenditions } from '../lib/citation';
import { t, type Bilingual } from '../lib/i18n';
import { paragraphNumber, placeLabel } from '../lib/reading-place';
import { setBilingual, uiText } from './ui-text';

/** Styles needed only once this module runs (kept out of the first CSS). */
const STYLES = `.para-menu,.para-toast,.copy-by-hand{position:absolute;z-index:80;font:0.875rem/1.4 var(--font-ui);background:var(--bg);color:var(--fg);border:1px solid var(--border);border-radius:8px;box-shadow:var(--shadow)}
.para-menu{display:flex;flex-direction:column;padding:4px;min-width:12rem}
.para-menu button{all:unset;box-sizing:border-box;display:flex;align-items:center;min-height:2.75rem;padding:0 .9rem;border-radius:6px;cursor:pointer}
.para-menu button:hover,.para-menu button:focus{background:var(--accent-soft);outline:2px solid var(--focus);outline-offset:-2px}
.para-toast{padding:.35rem .7rem;background:var(--fg);color:var(--bg);pointer-events:none}
.para-toast:empty{display:none}
.copy-by-hand{padding:.75rem;width:min(28rem,calc(100vw - 1rem))}
.copy-by-hand p{margin:0 0 .5rem}
.copy-by-hand textarea{box-sizing:border-box;width:100%;min-height:6rem;font:inherit;color:inherit;background:var(--surface);border:1px solid var(--border);border-radius:6px}
.copy-by-hand button{min-height:2.75rem;min-width:2.75rem;margin-top:.5rem;padding:0 .9rem;font:inherit;border:1px solid var(--border);border-radius:6px;background:var(--surface);color:var(--fg);cursor:pointer}`;

const style = document.createElement('style');
style.textContent = STYLES;
document.head.append(style);

/** Place `el` (absolutely positioned, in document coordinates) under `near`, inside the viewport. */
function placeUnder(el: HTMLElement, near: Element): void {
  const r = near.getBoundingClientRect();
  const width = el.offsetWidth;
  const left = Math.min(Math.max(8, r.left), document.documentElement.clientWidth - width - 8);
  el.style.left = `${Math.round(left + scrollX)}px`;
  el.style.top = `${Math.round(r.bottom + scrollY + 4)}px`;
}

/** The renditions of a paragraph the reader sees, in page order. */
function shownRenditions(para: Element): Array<'literal' | 'free' | 'en'> {
  return [...para.querySelectorAll<HTMLElement>(':scope > [data-rendition]')].filter((r) => r.getClientRects().length > 0).map((r) => r.dataset.rendition as 'literal' | 'free' | 'en');
}

/** Text of one rendition of a paragraph, without ruby annotations or hidden labels. */
function renditionText(para: Element, r: 'literal' | 'free' | 'en'): string {
  const el = para.querySelector(`:scope > [data-rendition="${r}"]`);
  if (!el) return '';
  const copy = el.cloneNode(true) as Element;
  for (const n of copy.querySelectorAll('rt, rp, .visually-hidden, button')) n.remove();
  return copy.textContent ?? '';
}

function partTitle(): Bilingual {
  const h1 = document.querySelector('.part-head h1');
  return { zh: h1?.querySelector('.lang-zh')?.textContent?.trim() ?? '', en: h1?.querySelector('.lang-en')?.textContent?.trim() ?? '' };
}

// ---------- feedback ----------

const toast = document.createElement('div');
toast.className = 'para-toast';
toast.setAttribute('role', 'status');
document.body.append(toast);
let toastTimer = 0;

/** Say `message` next to `near` for 2 s (and to screen readers, politely). */
function say(near: Element, message: Bilingual): void {
  clearTimeout(toastTimer);
  setBilingual(toast, message);
  placeUnder(toast, near);
  toastTimer = window.setTimeout(() => toast.replaceChildren(), 2000);
}

let byHand: HTMLElement | null = null;

function closeByHand(returnTo?: HTMLElement): void {
  byHand?.remove();
  byHand = null;
  returnTo?.focus({ preventScroll: true });
}

/** The clipboard refused: show the text, selected, with a message saying to copy it by hand. */
function showCopyByHand(text: string, near: HTMLElement): void {
  closeByHand();
  const panel = document.createElement('div');
  panel.className = 'copy-by-hand';
  panel.setAttribute('role', 'dialog');
  panel.dataset.noCopy = '';
  const msg = setBilingual(document.createElement('p'), t('copyByHand'));
  msg.id = 'copy-by-hand-msg';
  panel.setAttribute('aria-labelledby', msg.id);
  const area = document.createElement('textarea');
  area.readOnly = true;
  area.value = text;
  area.setAttribute('aria-labelledby', msg.id);
  const close = setBilingual(document.createElement('button'), t('close'));
  close.type = 'button';
  close.addEventListener('click', () => closeByHand(near));
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      closeByHand(near);
    }
  });
  panel.append(msg, area, close);
  document.body.append(panel);
  byHand = panel;
  placeUnder(panel, near);
  area.focus({ preventScroll: true });
  area.select();
}

/**
 * Copy `text` to the clipboard and say so next to `near`; when the clipboard
 * is missing or refuses, show the text to copy by hand instead.
 * @param text what to copy
 * @param near the control that asked (the message appears under it; focus returns to it)
 * @param done the message on success (default: link copied)
 * @returns whether the clipboard took the text
 */
export async function copyWithFeedback(text: string, near: HTMLElement, done: Bilingual = t('linkCopied')): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
  } catch {
    showCopyByHand(text, near);
    return false;
  }
  say(near, done);
  return true;
}

// ---------- the menu ----------

let menu: HTMLElement | null = null;
let owner: HTMLAnchorElement | null = null;

/** Close the menu; focus returns to its anchor when `refocus`. */
export function closeMenu(refocus = false): void {
  if (!menu || !owner) return;
  const a = owner;
  menu.remove();
  menu = null;
  owner = null;
  a.setAttribute('aria-expanded', 'false');
  removeEventListener('pointerdown', onOutside, true);
  removeEventListener('resize', onResize);
  if (refocus) a.focus({ preventScroll: true });
}

function onOutside(e: Event): void {
  const target = e.target as Node;
  if (menu?.contains(target) || owner?.contains(target)) return;
  closeMenu();
}

function onResize(): void {
  closeMenu();
}

function items(): HTMLButtonElement[] {
  return menu ? [...menu.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')] : [];
}

function onMenuKey(e: KeyboardEvent): void {
  const list = items();
  const i = list.indexOf(document.activeElement as HTMLButtonElement);
  let next = -1;
  if (e.key === 'ArrowDown') next = (i + 1) % list.length;
  else if (e.key === 'ArrowUp') next = (i - 1 + list.length) % list.length;
  else if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = list.length - 1;
  else if (e.key === 'Escape') {
    e.preventDefault();
    e.stopPropagation();
    closeMenu(true);
    return;
  } else if (e.key === 'Tab') {
    // Focus goes back to the anchor first, so Tab moves on from there.
    closeMenu(true);
    return;
  }
  if (next >= 0) {
    e.preventDefault();
    list[next]!.focus();
  }
}

/**
 * Open (or, if it is open there, close) the menu of the paragraph whose ¶ anchor is `anchor`.
 * @param anchor the paragraph's `a.para-anchor`
 * @param focus which item takes focus: `first` or `last`
 * @param linkTo the absolute link to a fragment (`#s05-p18`) in the reader's current view
 */
export function openMenu(anchor: HTMLAnchorElement, focus: 'first' | 'last', linkTo: (hash: string) => string): void {
  if (owner === anchor) {
    closeMenu(true);
    return;
  }
  closeMenu();
  const para = anchor.closest<HTMLElement>('[data-para-id]');
  if (!para) return;
  const id = para.id;
  const number = paragraphNumber(id);
  menu = document.createElement('div');
  menu.className = 'para-menu';
  menu.id = 'para-menu';
  menu.setAttribute('role', 'menu');
  menu.setAttribute('aria-label', `${uiText(t('paraMenu'))} ¶${number}`);
  menu.dataset.noCopy = '';
  const actions: Array<[Bilingual, () => Promise<boolean>]> = [
    [t('paraMenuCopyLink'), () => copyWithFeedback(linkTo(`#${id}`), anchor, t('linkCopied'))],
    [
      t('paraMenuCopyCitation'),
      () =>
        copyWithFeedback(
          formatCitation({ site: t('siteTitle'), partTitle: partTitle(), paragraph: number, renditions: shownRenditions(para), url: linkTo(`#${id}`) }),
          anchor,
          t('citationCopied'),
        ),
    ],
    [
      t('paraMenuCopyAll'),
      () => {
        const p = partTitle();
        const texts = { literal: renditionText(para, 'literal'), free: renditionText(para, 'free'), en: renditionText(para, 'en') };
        return copyWithFeedback(formatRenditions(`${placeLabel(id)} (${id}) · ${p.zh} · ${p.en}`, texts, linkTo(`#${id}`)), anchor, t('allCopied'));
      },
    ],
  ];
  for (const [label, act] of actions) {
    const b = setBilingual(document.createElement('button'), label);
    b.type = 'button';
    b.setAttribute('role', 'menuitem');
    b.tabIndex = -1;
    b.addEventListener('click', () => {
      closeMenu(true);
      void act();
    });
    menu.append(b);
  }
  menu.addEventListener('keydown', onMenuKey);
  document.body.append(menu);
  placeUnder(menu, anchor);
  owner = anchor;
  anchor.setAttribute('aria-expanded', 'true');
  anchor.setAttribute('aria-controls', menu.id);
  addEventListener('pointerdown', onOutside, true);
  addEventListener('resize', onResize);
  const list = items();
  (focus === 'last' ? list[list.length - 1] : list[0])?.focus({ preventScroll: true });
}
