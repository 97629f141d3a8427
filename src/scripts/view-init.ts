/**
 * Runs inline in <head>, before first paint: applies the reader's view
 * (URL, else localStorage, else default), interface language and theme to
 * <html> so the page never flashes the wrong rendition or language.
 * Marks <html data-js>.
 */
import { resolveView, VIEW_STORAGE_KEY } from '../lib/view-state';
import { THEME_STORAGE_KEY, parseTheme } from '../lib/theme';
import { PARA_NUMBERS_STORAGE_KEY, RESUME_PATHS_STORAGE_KEY } from '../lib/reading-place';
import { resolveUiLang, UI_STORAGE_KEY } from '../lib/ui-lang';

const root = document.documentElement;
let storedView: string | null = null;
let storedTheme: string | null = null;
let storedUi: string | null = null;
try {
  storedView = localStorage.getItem(VIEW_STORAGE_KEY);
  storedTheme = localStorage.getItem(THEME_STORAGE_KEY);
  if (localStorage.getItem(PARA_NUMBERS_STORAGE_KEY) === '1') root.dataset.paraNumbers = '1';
  // Continue reading: reserve the offer's row before first paint (no layout shift when
  // src/scripts/way-back.ts fills it in): `here` on the page of a stored place past the part's
  // start (unless the URL names a paragraph), `any` on other pages; `data-resume-n` is how many
  // parts have one (the home page reserves a row for each).
  const resumePaths = localStorage.getItem(RESUME_PATHS_STORAGE_KEY)?.split(' ');
  if (resumePaths?.[0]) {
    root.dataset.resume = !location.hash && resumePaths.includes(location.pathname) ? 'here' : 'any';
    root.dataset.resumeN = String(resumePaths.length);
  }
  storedUi = localStorage.getItem(UI_STORAGE_KEY);
} catch {
  /* storage blocked: defaults apply */
}
const view = resolveView(location.search, storedView);
root.dataset.r = view.r;
root.dataset.l = view.l;
root.lang = view.l === 'en' ? 'en' : 'zh-CN';
root.dataset.ui = resolveUiLang(storedUi, view.l, navigator.languages ?? []);
const theme = parseTheme(storedTheme);
if (theme !== 'auto') root.dataset.theme = theme;
root.dataset.js = '';

/**
 * A page shown again from the back/forward cache keeps the <html> it had when
 * it was left; the reader may have changed the theme since (on another page or
 * in another tab). Re-apply the stored choice on every restore, and follow
 * changes made in other tabs while this one is open.
 */
function applyStoredTheme(): void {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(THEME_STORAGE_KEY);
  } catch {
    return;
  }
  const t = parseTheme(raw);
  if (t === 'auto') delete root.dataset.theme;
  else if (root.dataset.theme !== t) root.dataset.theme = t;
}
window.addEventListener('pageshow', (e) => {
  if (e.persisted) applyStoredTheme();
});
window.addEventListener('storage', (e) => {
  if (e.key === THEME_STORAGE_KEY || e.key === null) applyStoredTheme();
});
