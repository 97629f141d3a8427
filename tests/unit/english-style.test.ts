/**
 * One term, one rendering, American spelling, English digit grouping: the
 * English of every part (renditions, title, figure captions and descriptions,
 * the English of the MDX notes) never uses a British spelling or a rejected
 * variant. The rules are the editors' (issue 10 §3); each has a negative case.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadParts } from './load-content';

/** Rejected spellings and variants, each with the one the site uses. */
const RULES: Array<{ re: RegExp; use: string }> = [
  { re: /\bneural networks?\b/i, use: 'neural net(s)' },
  { re: /\bdots?\b/i, use: 'point(s)' },
  { re: /\bcontours?\b/i, use: 'outline' },
  { re: /\bcolour/i, use: 'color' },
  { re: /\bgrey/i, use: 'gray' },
  { re: /behaviour/i, use: 'behavior' },
  { re: /\bcentre|\bmetres?\b|\blitres?\b/i, use: 'center, meter, liter' },
  { re: /\b\w+(?:ll)ed\b(?<=(?:label|model|travel|cancel|signal|level)led)/i, use: 'labeled, modeled…' },
  { re: /\b(?:favour|honour|neighbour|flavour|labour|rumour)/i, use: 'favor, honor, neighbor…' },
  {
    re: /\b(?:organ|recogn|real|optim|normal|visual|minim|maxim|general|categor|summar|special|util|initial|random|standard|emphas|character|quant|memor|prioritis)is(?:e|es|ed|ing|ation|ations)\b/i,
    use: '-ize / -ization',
  },
  { re: /\banalys(?:e|ed|es|ing)\b/i, use: 'analyze' },
  { re: /\b(?:catalogue|programme|licence|defence|artefact|whilst|amongst)\b/i, use: 'catalog, program, license…' },
  // 4+ digits without grouping (years 1900–2099 and decades like 1940s excepted), or grouped by spaces
  { re: /(?<![\d.,])(?!(?:19|20)\d\d(?:s\b|\b))\d{4,}(?![\d,])|\d[ \u2009\u202f]\d{3}\b/, use: 'digit grouping 2,190' },
];

/** Every English text a reader sees in a part, labelled with where it is. */
function englishTexts(): Array<{ where: string; text: string }> {
  const out: Array<{ where: string; text: string }> = [];
  for (const part of loadParts()) {
    out.push({ where: `${part.part} title`, text: part.title.en });
    for (const p of part.paragraphs) for (const s of p.segments) out.push({ where: s.id, text: s.en });
    for (const f of part.figures) {
      out.push({ where: `${f.id} caption`, text: f.caption.en ?? '' });
      out.push({ where: `${f.id} description`, text: f.description.en ?? '' });
    }
    const body = readFileSync(`src/content/parts/${part.part}.mdx`, 'utf8').replace(/^---\n[\s\S]*?\n---/, '');
    for (const line of body.split('\n')) if (/^[A-Z]/.test(line)) out.push({ where: `${part.part} notes`, text: line });
  }
  return out;
}

/** The rules a text breaks, as "match → use X". */
function violations(text: string): string[] {
  return RULES.flatMap(({ re, use }) => {
    const m = re.exec(text);
    return m ? [`“${m[0]}” → ${use}`] : [];
  });
}

describe('English style', () => {
  it('no English text uses a British spelling, a rejected variant or ungrouped digits', () => {
    const bad = englishTexts().flatMap(({ where, text }) => violations(text).map((v) => `${where}: ${v}`));
    expect(bad).toEqual([]);
  });

  it('covers every part: renditions, titles, captions, descriptions and notes', () => {
    const wheres = englishTexts().map((t) => t.where);
    for (const w of ['s00 title', 's05-p07-s2', 's06-p07-s3', 'digits-network description', 'fit1d-train caption', 's05 notes']) expect(wheres).toContain(w);
  });

  it.each([
    ['The neural network learns', 'neural net'],
    ['three neural networks', 'neural net'],
    ['a dot on the plane', 'point'],
    ['Dots mark the examples', 'point'],
    ['the cat’s contour', 'outline'],
    ['colours the links', 'color'],
    ['a colour map', 'color'],
    ['grey levels', 'gray'],
    ['nontrivial behaviour', 'behavior'],
    ['in the centre', 'center'],
    ['each labelled with', 'labeled'],
    ['modelled on the text', 'modeled'],
    ['we recognise images', 'ize'],
    ['a visualisation', 'ize'],
    ['generalised', 'ize'],
    ['has 2190 neurons', 'grouping'],
    ['after 10000 steps', 'grouping'],
    ['after 1 000 steps', 'grouping'],
  ])('rejects “%s”', (text, hint) => {
    expect(violations(text).join(' ')).toContain(hint);
  });

  it.each(['2,190 neurons', 'built in 1998', 'the 1940s', '60,650', '0.005', 'x = {x1, x2 ...}', 'a point', 'outline', 'gray levels', 'colored', 'labeled', 'recognize', 'Pointy ears', 'nearest-point function', 'Dotted'])(
    'accepts “%s”',
    (text) => {
      expect(violations(text)).toEqual([]);
    },
  );
});
