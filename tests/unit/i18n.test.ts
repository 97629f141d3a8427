/**
 * The interface dictionary (src/lib/i18n.ts) and the interface-language
 * setting (src/lib/ui-lang.ts): every key exists, non-empty, in every locale;
 * the default follows the content view and the browser's language.
 */
import { describe, expect, it } from 'vitest';
import { DICTIONARIES, UI_KEYS, pickUi, t, uiAttrs } from '../../src/lib/i18n';
import { defaultUiLang, parseUiLang, resolveUiLang } from '../../src/lib/ui-lang';

describe('interface dictionary', () => {
  it('has one dictionary per locale, with the same keys', () => {
    expect(Object.keys(DICTIONARIES).sort()).toEqual(['en', 'zh']);
    for (const dict of Object.values(DICTIONARIES)) expect(Object.keys(dict).sort()).toEqual([...UI_KEYS].sort());
    expect(UI_KEYS.length).toBeGreaterThan(40);
  });

  it('has every key, non-empty and trimmed, in both locales', () => {
    const missing: string[] = [];
    for (const key of UI_KEYS) {
      for (const [locale, dict] of Object.entries(DICTIONARIES)) {
        const s = (dict as Record<string, unknown>)[key];
        if (typeof s !== 'string' || s.trim() === '' || s !== s.trim()) missing.push(`${locale}.${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('writes English strings in English and Chinese strings with Chinese (language names excepted)', () => {
    const autonyms = new Set(['langZh', 'langEn']);
    const han = /\p{Script=Han}/u;
    const wrong = UI_KEYS.filter((k) => !autonyms.has(k) && (han.test(DICTIONARIES.en[k]) || !han.test(DICTIONARIES.zh[k])));
    expect(wrong).toEqual([]);
  });

  it('t(key) gives both languages', () => {
    expect(t('search')).toEqual({ zh: DICTIONARIES.zh.search, en: DICTIONARIES.en.search });
  });

  it('pickUi and uiAttrs give the string in the chosen language', () => {
    const s = { zh: '搜索', en: 'Search' };
    expect(pickUi(s, 'zh')).toBe('搜索');
    expect(pickUi(s, 'en')).toBe('Search');
    expect(pickUi(s, 'both')).toBe('搜索 / Search');
    expect(uiAttrs(s, ['aria-label', 'title'])).toEqual({
      'aria-label': '搜索',
      title: '搜索',
      'data-ui-attr': 'aria-label title',
      'data-ui-en': 'Search',
    });
    expect(uiAttrs(s, ['placeholder'], 'both')).toEqual({
      placeholder: '搜索 / Search',
      'data-ui-attr': 'placeholder',
      'data-ui-zh': '搜索',
      'data-ui-en': 'Search',
    });
  });
});

describe('interface language setting', () => {
  it('parses only the three values', () => {
    expect(parseUiLang('zh')).toBe('zh');
    expect(parseUiLang('en')).toBe('en');
    expect(parseUiLang('both')).toBe('both');
    for (const bad of [null, undefined, '', 'EN', 'compare', '{"l":"en"}']) expect(parseUiLang(bad)).toBeNull();
  });

  it('defaults from a one-language content view, else from the browser language', () => {
    expect(defaultUiLang('en', ['zh-CN'])).toBe('en');
    expect(defaultUiLang('zh', ['en-US'])).toBe('zh');
    for (const view of ['both', 'compare'] as const) {
      expect(defaultUiLang(view, ['en-US', 'zh-CN'])).toBe('en');
      expect(defaultUiLang(view, ['zh-TW', 'en'])).toBe('zh');
      expect(defaultUiLang(view, ['zh'])).toBe('zh');
      expect(defaultUiLang(view, ['de-DE'])).toBe('en');
      expect(defaultUiLang(view, [])).toBe('zh');
    }
  });

  it('a stored choice wins over the default', () => {
    expect(resolveUiLang('both', 'en', ['en-US'])).toBe('both');
    expect(resolveUiLang('zh', 'en', ['en-US'])).toBe('zh');
    expect(resolveUiLang('junk', 'en', ['zh-CN'])).toBe('en');
    expect(resolveUiLang(null, 'both', ['zh-CN'])).toBe('zh');
  });
});
