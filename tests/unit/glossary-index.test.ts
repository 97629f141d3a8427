/**
 * The glossary's readings, indexes and filter (src/lib/glossary-index.ts,
 * src/lib/glossary-filter.ts), on the real glossary.
 */
import { describe, expect, it } from 'vitest';
import { comparePinyin, glossaryIndexes, termReading } from '../../src/lib/glossary-index';
import { filterLexicon, matchesAnyQuery, matchesEntry, normalizeQuery, MAX_QUERY_LENGTH } from '../../src/lib/glossary-filter';
import { loadGlossary } from './load-content';

const terms = loadGlossary();

describe('termReading', () => {
  it('reads 权重 with zhòng (not chóng), toneless and toned keys', () => {
    const r = termReading('权重');
    expect(r.toned).toBe('quán zhòng');
    expect(r.tonedKey).toBe('quánzhòng');
    expect(r.key).toBe('quanzhong');
    expect(r.tones).toEqual([2, 4]);
    expect(r.syllables).toEqual(['quan', 'zhong']);
  });
  it('keeps Latin in a Chinese headword as written', () => {
    const r = termReading('AI技术');
    expect(r.toned.startsWith('AI ')).toBe(true);
    expect(r.key.startsWith('ai')).toBe(true);
  });
  it('gives every glossary headword a reading', () => {
    for (const t of terms) expect(termReading(t.zh).key, t.id).toMatch(/^[a-z0-9]+$/);
  });
});

describe('comparePinyin', () => {
  const item = (zh: string) => ({ zh, reading: termReading(zh) });
  it('orders syllable by syllable on the toneless spelling, then by tone', () => {
    // 神经 shén before 生物 shēng: shen < sheng, although shenj… > sheng… letter by letter.
    expect(comparePinyin(item('神经'), item('生物'))).toBeLessThan(0);
    // 吸引 xī before 像素 xiàng.
    expect(comparePinyin(item('吸引'), item('像素'))).toBeLessThan(0);
    // 买 mǎi (3) before 卖 mài (4): same spelling, tone decides.
    expect(comparePinyin(item('买'), item('卖'))).toBeLessThan(0);
    // 卖 mài before 猫 māo: the spelling decides before the tone.
    expect(comparePinyin(item('卖'), item('猫'))).toBeLessThan(0);
  });
});

describe('glossaryIndexes', () => {
  const { en, pinyin } = glossaryIndexes(terms);
  it('lists every term once in each index, letters in order', () => {
    for (const idx of [en, pinyin]) {
      const ids = idx.flatMap((g) => g.terms.map((t) => t.id));
      expect(ids.sort()).toEqual(terms.map((t) => t.id).sort());
      const letters = idx.map((g) => g.letter);
      expect(letters).toEqual([...new Set(letters)].sort());
    }
  });
  it('English: every term under the first letter of its headword, A–Z within a letter', () => {
    for (const g of en) {
      for (const t of g.terms) expect(t.label[0]!.toUpperCase()).toBe(g.letter);
      const labels = g.terms.map((t) => t.label);
      expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    }
  });
  it('pinyin: every term under the first letter of its toneless reading, syllables in order', () => {
    const keys = pinyin.flatMap((g) => g.terms.map((t) => ({ letter: g.letter, key: termReading(t.label).key, syl: termReading(t.label).syllables })));
    for (const k of keys) expect(k.key[0]!.toUpperCase()).toBe(k.letter);
    const cmp = (a: string[], b: string[]) => {
      for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
      return a.length - b.length;
    };
    for (let i = 1; i < keys.length; i += 1) expect(cmp(keys[i - 1]!.syl, keys[i]!.syl), `${keys[i - 1]!.key} / ${keys[i]!.key}`).toBeLessThanOrEqual(0);
  });
});

describe('glossary filter', () => {
  const weight = terms.find((t) => t.id === 'weight')!;
  const r = termReading(weight.zh);
  const entry = { text: `${weight.zh} ${r.toned} ${weight.en} ${weight.definition.zh} ${weight.definition.en}`, tonedKey: r.tonedKey, key: r.key };
  it('matches Chinese, English (any case), toned and toneless pinyin with or without spaces, and definitions', () => {
    for (const q of ['权重', 'WEIGHT', 'quán zhòng', 'quánzhòng', 'quanzhong', 'quan zhong', 'QuanZhong', 'coefficient']) {
      expect(matchesEntry(normalizeQuery(q), entry), q).toBe(true);
    }
  });
  it('does not match other words, wrong tones, or a partial syllable mixed with noise', () => {
    for (const q of ['激活', 'quànzhòng', 'zzxqj', 'quan!zhong']) expect(matchesEntry(normalizeQuery(q), entry), q).toBe(false);
  });
  it('the empty query matches everything; long input is cut', () => {
    expect(matchesEntry(normalizeQuery('   '), entry)).toBe(true);
    expect(normalizeQuery('a'.repeat(10_000)).length).toBe(MAX_QUERY_LENGTH);
  });
  it('Chinese typed with spaces between characters matches as one word', () => {
    expect(normalizeQuery(' 神经  网络 ')).toBe('神经网络');
    expect(normalizeQuery('AI 技术 neural  net')).toBe('ai 技术 neural net');
    expect(matchesEntry(normalizeQuery('权 重'), entry)).toBe(true);
  });
  it('English words match in other forms (Porter stems of the entries’ own words), every word of the query', () => {
    const all = terms.map((t) => ({ id: t.id, text: `${t.zh} ${t.en} ${t.definition.zh} ${t.definition.en} ${(t.aliases?.en ?? []).join(' ')}`, tonedKey: '', key: '' }));
    const lex = filterLexicon(all.map((e) => e.text));
    const found = (q: string) => all.filter((e) => matchesEntry(normalizeQuery(q), e, lex)).map((e) => e.id);
    expect(found('activation functions')).toContain('activation-function');
    expect(found('weights')).toContain('weight');
    expect(found('activation functions').length).toBeLessThan(terms.length);
    // Without the lexicon, only as typed.
    expect(all.filter((e) => matchesEntry(normalizeQuery('activation functions'), e)).map((e) => e.id)).not.toContain('activation-function');
    expect(found('activation zzxqj')).toEqual([]);
  });
  it('pinyin of several readings (headword and aliases): ü typed as ü, v or u:', () => {
    const law = { text: '自然法则', tonedKey: 'zìránfǎzé zìránguīlǜ', key: 'ziranfaze ziranguilv' };
    for (const q of ['lü', 'lv', 'lu:', 'gui lü', 'guilv', 'guīlǜ', 'ziran guilu:']) expect(matchesEntry(normalizeQuery(q), law), q).toBe(true);
    // Readings are separate: no match across the space between two of them.
    expect(matchesEntry(normalizeQuery('fazezi'), law)).toBe(false);
  });
  it('ü, v and u: find the same entries everywhere (text, words, pinyin), over the whole glossary', () => {
    const all = terms.map((t) => {
      const readings = [t.zh, ...(t.aliases?.zh ?? [])].map((zh) => termReading(zh));
      return { id: t.id, text: `${t.zh} ${termReading(t.zh).toned} ${t.en} ${t.definition.zh} ${t.definition.en} ${[...(t.aliases?.zh ?? []), ...(t.aliases?.en ?? [])].join(' ')}`, tonedKey: readings.map((r) => r.tonedKey).join(' '), key: readings.map((r) => r.key).join(' ') };
    });
    const lex = filterLexicon(all.map((e) => e.text));
    const found = (q: string) => all.filter((e) => matchesEntry(normalizeQuery(q), e, lex)).map((e) => e.id);
    for (const [a, b, c] of [['lü', 'lv', 'lu:'], ['nü', 'nv', 'nu:'], ['guilü', 'guilv', 'guilu:']]) {
      expect(found(b), `${b} = ${a}`).toEqual(found(a!));
      expect(found(c), `${c} = ${a}`).toEqual(found(a!));
    }
    expect(found('lü').length).toBeGreaterThan(0);
  });
  it('traditional characters match through their simplified forms (opencc-js)', async () => {
    const { simplifiedVariants } = await import('../../src/lib/search/convert');
    const nets = { text: '神经网络 neural network', tonedKey: 'shénjīngwǎngluò', key: 'shenjingwangluo' };
    const queries = (q: string) => [q, ...simplifiedVariants(q)].map(normalizeQuery);
    expect(matchesEntry(normalizeQuery('神經網絡'), nets)).toBe(false);
    expect(matchesAnyQuery(queries('神經網絡'), nets)).toBe(true);
    expect(matchesAnyQuery(queries('神經網路'), nets)).toBe(true);
    expect(matchesAnyQuery(queries('權重'), entry)).toBe(true);
    expect(matchesAnyQuery(queries('權重'), nets)).toBe(false);
  });
  it('ü can be typed as ü or v (lǜ → lv)', () => {
    const lv = { text: '滤波', tonedKey: 'lǜbō', key: 'lvbo' };
    expect(matchesEntry(normalizeQuery('lvbo'), lv)).toBe(true);
    expect(matchesEntry(normalizeQuery('lü bo'), lv)).toBe(true);
  });
});
