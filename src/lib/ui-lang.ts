/**
 * The interface language: which language the site's own words (header,
 * controls, figure instructions, messages) are shown in: Chinese (`zh`),
 * English (`en`) or both (`both`, 双语). Separate from the content view
 * (which renditions of the text show, src/lib/view-state.ts). Pure functions,
 * no DOM; applied to `<html data-ui>` by src/scripts/view-init.ts.
 */
import type { LangMode } from './view-state';
import type { Bilingual } from './i18n';

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

/**
 * A bilingual string as plain text in one interface language: Chinese,
 * English, or both as `中文 / English` (for attributes and announcements,
 * which cannot carry two spans). Small enough for client bundles (the
 * dictionary itself stays at build time).
 * @param text the string in both languages
 * @param ui the interface language
 */
export function pickUi(text: Bilingual, ui: UiLang): string {
  return ui === 'zh' ? text.zh : ui === 'en' ? text.en : `${text.zh} / ${text.en}`;
}

/**
 * Attributes (e.g. `aria-label`, `title`) that follow the interface language:
 * spread onto an element. The value is in `ui`: by default Chinese, the
 * interface language without JavaScript, as the build renders it; then
 * src/scripts/reader.ts sets it to the reader's language from the first
 * attribute's Chinese value (kept as `data-ui-zh`) and `data-ui-en`, and again
 * whenever the language changes. Only the English is stored twice, to keep
 * pages light.
 * @param text the string in both languages
 * @param attrs the attribute names to set, e.g. `['aria-label']`
 * @param ui the language of the initial value
 * @returns attributes to spread: each named attribute plus `data-ui-attr`,
 *   `data-ui-en`, and `data-ui-zh` when the initial value is not the Chinese
 */
export function uiAttrs(text: Bilingual, attrs: readonly string[] = ['aria-label'], ui: UiLang = 'zh'): Record<string, string> {
  const out: Record<string, string> = { 'data-ui-attr': attrs.join(' '), 'data-ui-en': text.en };
  if (ui !== 'zh') out['data-ui-zh'] = text.zh;
  for (const a of attrs) out[a] = pickUi(text, ui);
  return out;
}
