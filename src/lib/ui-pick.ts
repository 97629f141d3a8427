/**
 * Bilingual strings as plain text in the interface language, and attributes
 * that follow it. Pure and tiny, for client bundles as well as the build
 * (kept apart from src/lib/ui-lang.ts so that the reading script's chunk and
 * the figures' islands share no module).
 */
import type { Bilingual } from './i18n';
import type { UiLang } from './ui-lang';

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
