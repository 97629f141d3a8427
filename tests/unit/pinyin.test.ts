import { describe, expect, it } from 'vitest';
import { loadParts } from './load-content';
import { annotate, annotateWithoutOverrides, PINYIN_OVERRIDES, type Syllable, hanSyllables, partPinyin } from '../../src/lib/pinyin';
import { pinyinFromStorage } from '../../src/lib/view-state';

const HAN = /\p{Script=Han}/u;
const parts = loadParts();
/** Every Chinese segment of the text (literal and free), with its id. */
const segments = parts.flatMap((p) => p.paragraphs.flatMap((para) => para.segments.flatMap((s) => [{ id: `${s.id} literal`, text: s.literal }, { id: `${s.id} free`, text: s.free }])));

/** Code-point index of every occurrence of `phrase` in `text`. */
function occurrences(text: string, phrase: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) out.push([...text.slice(0, at)].length);
  return out;
}

/** The Han syllables of `annotated[start, start + length)`, space-separated. */
function window(annotated: Syllable[], start: number, length: number): string {
  return annotated
    .slice(start, start + length)
    .filter((s) => HAN.test(s.text))
    .map((s) => s.pinyin)
    .join(' ');
}

describe('pinyin overrides (src/content/pinyin-overrides.json)', () => {
  const entries = Object.entries(PINYIN_OVERRIDES);

  it('has one syllable per Han character in every entry', () => {
    for (const [phrase, reading] of entries) {
      expect(reading.trim().split(/\s+/).length, phrase).toBe([...phrase].filter((c) => HAN.test(c)).length);
    }
  });

  it('every entry occurs in the text, and reads as the entry says there', () => {
    for (const [phrase, reading] of entries) {
      const hits = segments.flatMap((s) => occurrences(s.text, phrase).map((at) => ({ s, at })));
      expect(hits.length, `"${phrase}" is not in the text`).toBeGreaterThan(0);
      for (const { s, at } of hits) expect(window(annotate(s.text), at, [...phrase].length), `${phrase} in ${s.id}`).toBe(reading);
    }
  });

  it('every entry is needed: without it the library reads at least one occurrence differently', () => {
    const unneeded: string[] = [];
    for (const [phrase, reading] of entries) {
      const library = segments.flatMap((s) => occurrences(s.text, phrase).map((at) => window(annotateWithoutOverrides(s.text), at, [...phrase].length)));
      if (library.every((r) => r === reading)) unneeded.push(phrase);
    }
    expect(unneeded).toEqual([]);
  });
});

/**
 * The reading of every occurrence of `char` in the text: `readings[word]` when the
 * occurrence is part of `word`, else `fallback`.
 */
function checkEveryOccurrence(char: string, fallback: string, readings: Record<string, string>): void {
  const wrong: string[] = [];
  let count = 0;
  for (const s of segments) {
    const chars = [...s.text];
    const annotated = annotate(s.text);
    chars.forEach((c, i) => {
      if (c !== char) return;
      count += 1;
      const word = Object.keys(readings).find((w) => {
        const k = [...w].indexOf(char);
        return chars.slice(i - k, i - k + [...w].length).join('') === w;
      });
      const expected = word ? readings[word] : fallback;
      if (annotated[i]!.pinyin !== expected) wrong.push(`${chars.slice(Math.max(0, i - 4), i + 3).join('')} (${s.id}): ${annotated[i]!.pinyin}, expected ${expected}`);
    });
  }
  expect(count, `${char} occurs in the text`).toBeGreaterThan(0);
  expect(wrong).toEqual([]);
}

describe('polyphonic characters read right in context', () => {
  it('重: zhòng in 权重 (and 重要, 重点), chóng in 重现 and 重复', () => {
    checkEveryOccurrence('重', 'zhòng', { 重现: 'chóng' });
    expect(annotate('权重')[1]!.pinyin).toBe('zhòng');
    expect(annotate('重复')[0]!.pinyin).toBe('chóng');
  });

  it('地 as a particle (惊人地, 明确地, …) is de; the noun in 地方, 盆地, 腹地 is dì', () => {
    checkEveryOccurrence('地', 'de', { 地方: 'dì', 盆地: 'dì', 腹地: 'dì' });
  });

  it('得 as a complement particle (用得, 走得, 写得) is de; dé in 获得, 取得, 值得, 得到, 得出, 欧几里得; děi in 就得给', () => {
    checkEveryOccurrence('得', 'de', { 叫得: 'de', 获得: 'dé', 取得: 'dé', 值得: 'dé', 得到: 'dé', 得出: 'dé', 欧几里得: 'dé', 就得给: 'děi' });
  });

  it('了 as a particle is le (also alone after a quote); liǎo in 了解 and 直截了当', () => {
    checkEveryOccurrence('了', 'le', { 了解: 'liǎo', 直截了当: 'liǎo' });
    expect(annotate('了解')[0]!.pinyin).toBe('liǎo');
  });

  it('只 "only" is zhǐ; the measure word (一只, 是只猫) is zhī', () => {
    checkEveryOccurrence('只', 'zhǐ', { 一只: 'zhī', 是只猫: 'zhī' });
  });

  it('行 in 行业 is háng; 相 in 相对 is xiāng; 中 in 三个点中的 is zhōng', () => {
    checkEveryOccurrence('行', 'xíng', { 行业: 'háng' });
    checkEveryOccurrence('相', 'xiāng', {});
    checkEveryOccurrence('中', 'zhōng', {});
  });
});

describe('annotate', () => {
  it('gives back every segment of the text unchanged, one entry per character, a syllable for every Han character', () => {
    for (const s of segments) {
      const a = annotate(s.text);
      expect(a.map((x) => x.text).join(''), s.id).toBe(s.text);
      expect(a.length).toBe([...s.text].length);
      expect(a.filter((x) => HAN.test(x.text) && !x.pinyin).map((x) => x.text), s.id).toEqual([]);
      expect(a.filter((x) => !HAN.test(x.text) && x.pinyin).map((x) => x.text), s.id).toEqual([]);
    }
  });

  it('keeps mixed text, surrogate pairs and punctuation-only text intact', () => {
    for (const text of ['神经网络在20世纪40年代发明', 'FLAC （Free Lossless）和 JPEG', '𠀀字', '“”（）。', '']) {
      expect(annotate(text).map((x) => x.text).join('')).toBe(text);
    }
  });
});

describe('ruby data (partPinyin)', () => {
  it('has, for every segment, one syllable per Han character of the segment', () => {
    for (const part of parts) {
      const data = partPinyin(part.paragraphs);
      for (const para of part.paragraphs) {
        for (const seg of para.segments) {
          for (const r of ['literal', 'free'] as const) {
            const han = [...seg[r]].filter((c) => HAN.test(c)).length;
            expect(data[r][seg.id]?.split(' ').length ?? 0, `${seg.id} ${r}`).toBe(han);
          }
        }
      }
    }
  });

  it('reads 权重 as quán zhòng', () => {
    expect(hanSyllables('“权重”。')).toBe('quán zhòng');
  });
});

describe('stored pinyin setting (src/lib/view-state.ts)', () => {
  it('is on only for the value the switch stores, off for nothing, garbage or "0"', () => {
    expect(pinyinFromStorage('1')).toBe(true);
    for (const raw of [null, '', '0', 'true', '{"py":1}']) expect(pinyinFromStorage(raw)).toBe(false);
  });
});
