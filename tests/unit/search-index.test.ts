/**
 * The index/query contract, checked without Pagefind or a browser: a model of
 * how Pagefind positions words (split at white space and U+200B, one position
 * per piece, tokens = letters, digits, Chinese characters) shows that every
 * query that occurs in a paragraph finds it as exact phrases, for every
 * glossary term and for fragments sampled from the text. The browser-level
 * check is tests/e2e/search.test.ts and `npm run bench:search`.
 */
import { describe, expect, it } from 'vitest';
import { fold } from '../../src/lib/search/fold';
import { parseQuery } from '../../src/lib/search/query';
import { displayText, indexContent, ZWSP } from '../../src/lib/search/segment';
import { loadGlossary, loadParts } from './load-content';

/** Pagefind's view of indexed content: token (or null for punctuation) per position. */
function positions(content: string): Array<string | null> {
  const out: Array<string | null> = [];
  for (const chunk of content.split(/\s+/u)) {
    for (const piece of chunk.split(ZWSP)) {
      if (!piece) continue;
      const token = [...piece].filter((c) => /[\p{L}\p{N}\p{Pc}]/u.test(c)).join('');
      out.push(token ? fold(token) : null);
    }
  }
  return out;
}

/** Does the model index contain every run of the query as consecutive tokens? */
function indexFinds(index: Array<string | null>, query: string): boolean {
  const q = parseQuery(query);
  return q.runs.every((run) =>
    index.some((_, start) => run.every((tok, i) => index[start + i] === tok)),
  );
}

const texts = loadParts().flatMap((p) => p.paragraphs.flatMap((para) => [para.literal, para.free, para.en].filter((t): t is string => !!t && t !== 'TODO')));

describe('indexContent', () => {
  it('puts U+200B between characters and keeps the text', () => {
    expect(indexContent('权重，ReLU 1')).toBe(`权${ZWSP}重${ZWSP}，${ZWSP}R${ZWSP}e${ZWSP}L${ZWSP}U 1`);
    for (const t of texts) expect(fold(displayText(indexContent(t)))).toBe(fold(t));
  });
  it('indexes full-width letters as ASCII and keeps Chinese punctuation', () => {
    expect(displayText(indexContent('ＲｅＬＵ，'))).toBe('ReLU，');
  });
  it('keeps a combining mark with its letter', () => {
    expect(indexContent('e\u0301a')).toBe(`e\u0301${ZWSP}a`);
  });
});

describe('every occurring query is found by exact phrases (model of the index)', () => {
  const indexes = texts.map((t) => ({ text: fold(t), index: positions(indexContent(t)) }));

  function check(query: string): void {
    const q = fold(query).trim();
    for (const { text, index } of indexes) {
      if (text.includes(q)) expect(indexFinds(index, query), `${query} in ${text.slice(0, 30)}…`).toBe(true);
    }
  }

  it('for every glossary term in both languages', () => {
    for (const term of loadGlossary()) {
      for (const form of [term.zh, term.en, ...(term.aliases?.zh ?? []), ...(term.aliases?.en ?? [])]) check(form);
    }
  });

  it('for 2 000 fragments of 1–12 characters cut from the text anywhere', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const chars = [...texts[Math.floor(rand() * texts.length)]!];
      const len = 1 + Math.floor(rand() * 12);
      const at = Math.floor(rand() * Math.max(1, chars.length - len));
      const frag = chars.slice(at, at + len).join('');
      if (parseQuery(frag).status === 'ok') check(frag);
    }
  });
});
