/**
 * Reading-view behaviour (browser, loaded as a module on every page):
 * - syncs the reading-control radios with the view applied by view-init.ts;
 * - on change, applies the view instantly, keeps the paragraph the reader was
 *   on at the same place on screen, and records the view in the URL
 *   (`?r=…&l=…`, history.replaceState) and localStorage;
 * - theme switch;
 * - paragraph anchors copy a link to the paragraph in the current view.
 */
import { resolveView, searchWithView, VIEW_STORAGE_KEY, type LangMode, type ViewState, type ZhRendition } from '../lib/view-state';
import { parseTheme, THEME_STORAGE_KEY } from '../lib/theme';

const root = document.documentElement;

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* storage blocked: the URL still carries the view */
  }
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function currentView(): ViewState {
  return resolveView(location.search, read(VIEW_STORAGE_KEY));
}

/** The paragraph or figure nearest the top of the viewport, and its offset from the top in px. */
function readingAnchor(): { el: Element; top: number } | null {
  const header = document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0;
  for (const el of document.querySelectorAll('[data-para-id], figure[data-figure-id]')) {
    const r = el.getBoundingClientRect();
    if (r.height > 0 && r.bottom > header + 8) return { el, top: r.top };
  }
  return null;
}

function syncControls(view: ViewState): void {
  const r = document.getElementById(`view-r-${view.r}`) as HTMLInputElement | null;
  const l = document.getElementById(`view-l-${view.l}`) as HTMLInputElement | null;
  if (r) r.checked = true;
  if (l) l.checked = true;
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
  store(VIEW_STORAGE_KEY, JSON.stringify(view));
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

function initTheme(): void {
  const select = document.querySelector<HTMLSelectElement>('[data-theme-select]');
  if (!select) return;
  select.value = parseTheme(read(THEME_STORAGE_KEY));
  select.addEventListener('change', () => {
    const theme = parseTheme(select.value);
    if (theme === 'auto') delete root.dataset.theme;
    else root.dataset.theme = theme;
    store(THEME_STORAGE_KEY, theme);
  });
}

function initAnchors(): void {
  document.addEventListener('click', (event) => {
    const a = (event.target as Element).closest?.('a.para-anchor');
    if (!(a instanceof HTMLAnchorElement) || !navigator.clipboard) return;
    const url = `${location.origin}${location.pathname}${searchWithView(location.search, currentViewFromRoot())}${a.hash}`;
    navigator.clipboard.writeText(url).then(
      () => {
        a.classList.add('copied');
        setTimeout(() => a.classList.remove('copied'), 1600);
      },
      () => {
        /* clipboard refused: the link itself still works */
      },
    );
  });
}

const view = currentView();
syncControls(view);
// The inline script already applied the view; re-apply only if it could not run the same way.
if (root.dataset.r !== view.r || root.dataset.l !== view.l) applyView(view);
document.querySelector('[data-reading-controls]')?.addEventListener('change', onControlChange);
initTheme();
initAnchors();
