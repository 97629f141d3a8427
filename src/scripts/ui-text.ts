/**
 * The interface language in the browser, for strings made by client code
 * (announcements, `aria-label`s, titles, placeholders): read the current
 * setting from `<html data-ui>` (set by view-init.ts, changed by reader.ts)
 * and follow its changes. Tiny on purpose: each caller brings its own
 * `{ zh, en }` pairs rather than the dictionary.
 */
import type { UiLang } from '../lib/ui-lang';
import { pickUi } from '../lib/ui-pick';
import type { Bilingual } from '../lib/i18n';

/** The interface language now shown (`zh` when none is set, as without JavaScript). */
export function currentUi(): UiLang {
  const ui = document.documentElement.dataset.ui;
  return ui === 'en' || ui === 'both' ? ui : 'zh';
}

/**
 * A string in the current interface language (`中文 / English` in 双语).
 * @param text the string in both languages
 */
export function uiText(text: Bilingual): string {
  return pickUi(text, currentUi());
}

/**
 * Call `listener` whenever the interface language changes (any cause: the
 * reader's choice, a content-view change while no choice is stored, a
 * bfcache restore, another tab).
 * @param listener receives the new language
 * @returns a function that stops listening
 */
export function onUiChange(listener: (ui: UiLang) => void): () => void {
  const observer = new MutationObserver(() => listener(currentUi()));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-ui'] });
  return () => observer.disconnect();
}

/**
 * Fill `el` with a string in both interface languages, as UiText.astro renders
 * it (`<span lang="zh-CN" class="ui-zh">…</span><span lang="en" class="ui-en">…</span>`;
 * CSS shows the reader's language, or both). Replaces the element's children.
 * @param el the element to fill
 * @param text the string in both languages; `{name}` placeholders are replaced from `vars`
 *   (a placeholder with no value becomes '')
 * @param vars placeholder values, the same in both languages
 * @returns `el`
 */
export function setBilingual<E extends Element>(el: E, text: Bilingual, vars: Readonly<Record<string, string>> = {}): E {
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
  el.replaceChildren();
  for (const [lang, cls, s] of [['zh-CN', 'ui-zh', text.zh], ['en', 'ui-en', text.en]] as const) {
    const span = document.createElement('span');
    span.lang = lang;
    span.className = cls;
    span.textContent = fill(s);
    el.append(span);
  }
  return el;
}
