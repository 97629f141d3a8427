/**
 * Glossary term lookup on part pages (browser). Every use of a term is a
 * `<span class="term" data-term="id">` (Rendition.astro); its definition is
 * on the page once, in `#gloss-zh-<id>` / `#gloss-en-<id>` (GlossaryDefs.astro).
 *
 * - Tooltip: hovering (mouse, pen), focusing or tapping a term shows one shared
 *   tooltip under it (above when there is no room below; never wider than the
 *   viewport): for a use in Chinese the headword, its pinyin and the English
 *   term with the Chinese definition; for a use in English the English term,
 *   the Chinese headword with pinyin and the English definition. Escape,
 *   tapping elsewhere, or leaving the term hides it.
 * - Screen readers: a focused term is described by its definition element
 *   (aria-describedby); the tooltip, a visual copy, is aria-hidden.
 * - Keyboard (roving tab stop): each rendition of a paragraph has one tab stop,
 *   its first term (tabindex 0, set by reader.ts on load); ←/→ move to the previous
 *   or next term of that rendition and Home/End to the first or last, and the
 *   term reached becomes the rendition's tab stop. So every use can be reached
 *   without adding a tab stop per use (a page has hundreds). A tapped or
 *   clicked term takes focus the same way.
 *
 * Loaded on demand by reader.ts (the first pointer, focus, click or key event
 * on a term), so a page ships none of it before the reader looks a term up.
 */

const TIP_ID = 'term-tip';

/**
 * Styles that matter only once this module runs (kept out of the page's first CSS).
 * Colours are the page's, inverted (like the sticky notes of figures), so the tip reads in both themes.
 */
const STYLES = `.term-tip{position:absolute;z-index:30;box-sizing:border-box;width:max-content;max-width:min(22rem,calc(100vw - 16px));padding:.55rem .75rem;border-radius:6px;background:var(--fg);color:var(--bg);font:400 .8125rem/1.55 var(--font-ui);letter-spacing:0;text-indent:0;box-shadow:var(--shadow);pointer-events:none}
.term-tip p{margin:0}
.term-tip b{font-size:.9375rem}
.term-tip i{font-style:normal;margin-left:.6em}
.term-tip i[lang=en]{font-style:italic}
.term-tip .term-tip-keys{margin-top:.35rem;opacity:.75;font-size:.75rem}
.term-tip[hidden]{display:none}`;

/** The hint shown under the tooltip when a term was reached by keyboard, in both interface languages (CSS shows one). */
const KEYS_HINT = { zh: '← → 上一个、下一个术语 · Esc 关闭', en: '← → previous, next term · Esc closes' };

let tip: HTMLElement | null = null;
let current: HTMLElement | null = null;

function termAt(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>('.term[data-term]') : null;
}

/** The id of the definition element describing a use: by the language of its rendition. */
function definitionId(term: HTMLElement): string {
  const lang = term.closest('[lang]')?.getAttribute('lang') ?? 'zh-CN';
  return `gloss-${lang.startsWith('en') ? 'en' : 'zh'}-${term.dataset.term}`;
}

function ensureTip(): HTMLElement {
  if (tip) return tip;
  tip = document.createElement('div');
  tip.id = TIP_ID;
  tip.className = 'term-tip';
  tip.setAttribute('role', 'tooltip');
  tip.setAttribute('aria-hidden', 'true');
  tip.hidden = true;
  document.body.append(tip);
  return tip;
}

/**
 * Show the tooltip for a use of a term.
 * @param term the `.term` element
 * @param keyboard add the arrow-key hint (the term was reached by keyboard)
 */
function show(term: HTMLElement, keyboard: boolean): void {
  const def = document.getElementById(definitionId(term));
  if (!def) return; // no definition on the page: nothing to show (the text still reads)
  term.setAttribute('aria-describedby', def.id);
  const el = ensureTip();
  el.lang = def.lang;
  el.replaceChildren(def.cloneNode(true));
  el.firstElementChild?.removeAttribute('id');
  if (keyboard) {
    const hint = document.createElement('p');
    hint.className = 'term-tip-keys';
    hint.innerHTML = `<span lang="zh-CN" class="ui-zh">${KEYS_HINT.zh}</span><span lang="en" class="ui-en">${KEYS_HINT.en}</span>`;
    el.append(hint);
  }
  el.dataset.term = term.dataset.term;
  el.hidden = false;
  current = term;
  place(term, el);
  // Focusing scrolls the term into view after the focus event: place again once it has.
  requestAnimationFrame(() => current === term && !el.hidden && place(term, el));
}

/** Put the tooltip under the term's first line (above it when there is no room below), inside the viewport. */
function place(term: HTMLElement, el: HTMLElement): void {
  const box = term.getClientRects()[0] ?? term.getBoundingClientRect();
  const viewW = document.documentElement.clientWidth;
  const gap = 6;
  const margin = 8;
  el.style.left = '0px';
  el.style.top = '0px';
  const w = el.offsetWidth;
  const h = el.offsetHeight;
  const left = Math.max(margin, Math.min(box.left, viewW - w - margin));
  const below = box.bottom + gap;
  const top = below + h > window.innerHeight - margin && box.top - gap - h > margin ? box.top - gap - h : below;
  el.style.left = `${left + window.scrollX}px`;
  el.style.top = `${top + window.scrollY}px`;
}

function hide(): void {
  if (tip) tip.hidden = true;
  current = null;
}

/** Make `term` the one tab stop of its rendition (roving tabindex). */
function makeStop(term: HTMLElement): void {
  const group = term.closest('[data-rendition]');
  if (!group) return;
  for (const other of group.querySelectorAll<HTMLElement>('.term[tabindex="0"]')) if (other !== term) other.tabIndex = -1;
  term.tabIndex = 0;
}

function onPointerOver(e: PointerEvent): void {
  if (e.pointerType !== 'mouse' && e.pointerType !== 'pen') return;
  const term = termAt(e.target);
  if (term && term !== current) show(term, false);
}

function onPointerOut(e: PointerEvent): void {
  if (e.pointerType !== 'mouse' && e.pointerType !== 'pen') return;
  const from = termAt(e.target);
  if (!from || termAt(e.relatedTarget) === from) return;
  // Back to the focused term's tooltip, if one has focus; else none.
  const focused = termAt(document.activeElement);
  if (focused) show(focused, focused.matches(':focus-visible'));
  else hide();
}

function onFocusIn(e: FocusEvent): void {
  const term = termAt(e.target);
  if (!term || document.activeElement !== term) return;
  makeStop(term);
  show(term, term.matches(':focus-visible'));
}

function onFocusOut(e: FocusEvent): void {
  if (termAt(e.target) && !termAt(e.relatedTarget)) hide();
}

function onClick(e: MouseEvent): void {
  const term = termAt(e.target);
  if (!term) {
    hide();
    return;
  }
  // A tap or click looks the term up and focuses it (later uses have no tabindex until then).
  if (document.activeElement !== term) {
    if (!term.hasAttribute('tabindex')) term.tabIndex = -1;
    term.focus({ preventScroll: true });
  }
  show(term, false);
}

function onKeyDown(e: KeyboardEvent): void {
  if (e.key === 'Escape') {
    hide();
    return;
  }
  // The focused term, not the event's target: key presses queued while this module loaded are
  // replayed after focus has already moved on.
  const term = termAt(e.target) && termAt(document.activeElement);
  if (!term || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const group = term.closest('[data-rendition]');
  if (!group) return;
  const all = [...group.querySelectorAll<HTMLElement>('.term[data-term]')];
  const at = all.indexOf(term);
  const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: all.length - 1 }[e.key];
  if (next === undefined) return;
  e.preventDefault();
  const to = all[Math.max(0, Math.min(all.length - 1, next))]!;
  if (to === term) return;
  if (!to.hasAttribute('tabindex')) to.tabIndex = -1;
  to.focus();
}

/** The events this module handles, by type (reader.ts queues the first ones until the module has loaded). */
const HANDLERS: Record<string, (e: never) => void> = {
  pointerover: onPointerOver,
  pointerout: onPointerOut,
  focusin: onFocusIn,
  focusout: onFocusOut,
  click: onClick,
  keydown: onKeyDown,
};

/**
 * Wire the term lookup (listeners on `document`). Call once per page.
 * @param earlier events that arrived before this module loaded, replayed in order
 */
export function initTerms(earlier: readonly Event[] = []): void {
  const style = document.createElement('style');
  style.textContent = STYLES;
  document.head.append(style);
  for (const [type, handler] of Object.entries(HANDLERS)) document.addEventListener(type, handler as EventListener);
  // Keep the tooltip on its term when the page reflows under it (resize, a figure above hydrating)…
  const replace = () => current && tip && !tip.hidden && place(current, tip);
  addEventListener('resize', replace);
  // …and choose above or below again as the reader scrolls (a term near the bottom edge gets its tip above).
  addEventListener('scroll', replace, { passive: true });
  if (typeof ResizeObserver === 'function') new ResizeObserver(replace).observe(document.querySelector('main') ?? document.body);
  for (const e of earlier) (HANDLERS[e.type] as ((e: Event) => void) | undefined)?.(e);
}
