/**
 * The interface language in the figures' Preact islands, for text that
 * cannot carry two spans (`aria-label`, `title`, canvas labels): a hook that
 * re-renders the island when the reader changes the language.
 *
 * The first render gives Chinese (the interface language without
 * JavaScript), the same as the build-time render, so hydration matches; the
 * effect then switches to the reader's language (`<html data-ui>`, src/scripts/ui-text.ts). Components
 * also rendered statically (a figure's no-JavaScript fallback) use
 * `ui.attrs(text)`, which adds `data-ui-*` so src/scripts/reader.ts
 * translates the attribute there too.
 */
import { useEffect, useState } from 'preact/hooks';
import type { UiLang } from '../../../lib/ui-lang';
import { pickUi, uiAttrs } from '../../../lib/ui-pick';
import type { Bilingual } from '../../../lib/i18n';
import { currentUi, onUiChange } from '../../../scripts/ui-text';

/** Picks a `{ zh, en }` string in the interface language: `ui({ zh: '层', en: 'Layers' })`. */
export interface UiPick {
  (text: Bilingual): string;
  /** Attributes to spread (default `aria-label`) in the interface language, kept translatable by reader.ts. */
  attrs(text: Bilingual, names?: readonly string[]): Record<string, string>;
}

/**
 * @returns a function giving a `{ zh, en }` string in the current interface
 *   language; the component re-renders when the language changes.
 */
export function useUiText(): UiPick {
  const [lang, setLang] = useState<UiLang>('zh');
  useEffect(() => {
    setLang(currentUi());
    return onUiChange(setLang);
  }, []);
  const pick = ((text: Bilingual) => pickUi(text, lang)) as UiPick;
  pick.attrs = (text, names = ['aria-label']) => uiAttrs(text, names, lang);
  return pick;
}
