import { describe, expect, it } from 'vitest';
import rehypeLang, { dominantLang } from '../../src/lib/rehype-lang';
import type { Root } from 'hast';

describe('dominantLang', () => {
  it('tells Chinese from English and leaves mixed text alone', () => {
    expect(dominantLang('本部分的“直译”就是原文，一字未改。')).toBe('zh-CN');
    expect(dominantLang('The literal rendition of this part is the source text itself.')).toBe('en');
    expect(dominantLang('ChatGPT 的神经网络')).toBe('zh-CN');
    expect(dominantLang('12345 —')).toBeNull();
  });
});

describe('rehypeLang', () => {
  it('sets lang on paragraphs without one and keeps an explicit lang', () => {
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: '英文译文由本站团队撰写。' }] },
        { type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: "The English was written by this site's team." }] },
        { type: 'element', tagName: 'p', properties: { lang: 'fr' }, children: [{ type: 'text', value: 'Bonjour tout le monde' }] },
      ],
    };
    rehypeLang()(tree);
    expect(tree.children.map((c) => (c.type === 'element' ? c.properties.lang : null))).toEqual(['zh-CN', 'en', 'fr']);
  });
});
