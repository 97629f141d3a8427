/**
 * The interface language: which language the site's own words (header,
 * controls, figure instructions, messages) are shown in: Chinese (`zh`),
 * English (`en`) or both (`both`, 双语). Separate from the content view
 * (which renditions of the text show, src/lib/view-state.ts). Pure functions,
 * no DOM; applied to `<html data-ui>` by src/scripts/view-init.ts.
 */
import type { LangMode } from './view-state';

/** Interface language. */
export type UiLang = 'zh' | 'en' | 'both';

/** localStorage key of the reader's explicit choice (absent until they choose). */
export const UI_STORAGE_KEY = 'reader-ui';

const UI_LANGS: readonly string[] = ['zh', 'en', 'both'];

/**
 * @param raw a stored value (or null)
 * @returns the interface language it names, or null for anything else (no choice made)
 */
export function parseUiLang(raw: string | null | undefined): UiLang | null {
  return raw && UI_LANGS.includes(raw) ? (raw as UiLang) : null;
}

/**
 * The interface language of a reader who has never chosen one: the content
 * view's language when it shows one language (English only → `en`, Chinese
 * only → `zh`); for the bilingual and compare views, the browser's first
 * preferred language (`zh…` → `zh`, anything else → `en`; none → `zh`).
 *
 * @param view the content view's language mode
 * @param languages the browser's preferred languages (`navigator.languages`), most preferred first
 */
export function defaultUiLang(view: LangMode, languages: readonly string[]): UiLang {
  if (view === 'en') return 'en';
  if (view === 'zh') return 'zh';
  const first = languages[0];
  if (!first) return 'zh';
  return /^zh\b/i.test(first) ? 'zh' : 'en';
}

/**
 * The interface language to show: the reader's stored choice, else the default.
 * @param stored the localStorage value (or null)
 * @param view the content view's language mode
 * @param languages `navigator.languages`
 */
export function resolveUiLang(stored: string | null, view: LangMode, languages: readonly string[]): UiLang {
  return parseUiLang(stored) ?? defaultUiLang(view, languages);
}
