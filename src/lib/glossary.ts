/**
 * Glossary helpers: find terms in paragraph text (for the term markup of every use
 * and for the glossary's "used in" links). Pure TypeScript, no DOM.
 */

/** A glossary term as stored in `src/content/glossary.yaml`. */
export interface Term {
  id: string;
  zh: string;
  en: string;
  aliases?: { zh?: string[]; en?: string[] };
  /**
   * Phrases in which a form does not carry the term's sense (for "example":
   * "for example"). A form found inside one of them is neither marked by
   * {@link markFirstUses} nor counted by {@link usesTerm}.
   */
  exclude?: { zh?: string[]; en?: string[] };
  definition: { zh: string; en: string };
}

/**
 * A run of a paragraph's text: plain text, or a use of a term. `first` is true
 * for the term's first use on the page (in that rendition): the one drawn as a
 * term; later uses can be looked up but are not drawn.
 * (Not to be confused with a segment, the aligned sentence unit of src/lib/alignment.ts.)
 */
export type TextRun = { text: string; term?: undefined; first?: undefined } | { text: string; term: Term; first?: boolean };

/** Language of a text being scanned: Chinese matches substrings, English whole words, case-insensitively. */
export type TextLang = 'zh' | 'en';

/**
 * Every spelling of a term in one language, longest first.
 * @param term the term
 * @param lang which language's forms
 */
export function termForms(term: Term, lang: TextLang): string[] {
  const forms = [term[lang], ...(term.aliases?.[lang] ?? [])].filter((f) => f.trim() !== '');
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A matcher for one form: Chinese forms match anywhere, English forms only
 * as whole words (so "weight" does not match inside "weights"' neighbour
 * "overweight"), case-insensitively.
 */
function formPattern(form: string, lang: TextLang): RegExp {
  if (lang === 'zh') return new RegExp(escapeRegExp(form), 'gu');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(form)}(?![\\p{L}\\p{N}])`, 'giu');
}

interface Hit {
  term: Term;
  start: number;
  end: number;
}

/**
 * Where a term's exclusion phrases occur in a text (same matching rules as
 * the forms: Chinese substrings, English whole words, case-insensitive).
 * @returns [start, end) character ranges
 */
function excludedRanges(text: string, term: Term, lang: TextLang): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const phrase of term.exclude?.[lang] ?? []) {
    for (const m of text.matchAll(formPattern(phrase, lang))) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

/**
 * Occurrences of a term's forms that carry its sense: every match of every
 * form, longest form first and in text order within a form, minus those
 * lying inside an exclusion phrase.
 */
function* senseMatches(text: string, term: Term, lang: TextLang, forms = termForms(term, lang)): Generator<Hit> {
  const excluded = excludedRanges(text, term, lang);
  for (const form of forms) {
    for (const m of text.matchAll(formPattern(form, lang))) {
      const start = m.index;
      const end = start + m[0].length;
      if (excluded.some(([a, b]) => start >= a && end <= b)) continue;
      yield { term, start, end };
    }
  }
}

/**
 * Split a paragraph into runs, marking the first occurrence of each term
 * not yet in `marked`, and add the marked term ids to `marked`.
 *
 * Longer forms claim text first (吸引子盆地 before 吸引子); a shorter term then
 * takes its earliest occurrence that does not overlap a claimed one. A form
 * inside one of the term's `exclude` phrases is skipped ("example" in "for
 * example").
 *
 * @param text paragraph text
 * @param terms all glossary terms
 * @param lang language of `text`
 * @param marked ids of terms already marked earlier on the page for this rendition (mutated)
 * @returns runs whose texts concatenate to exactly `text`
 */
export function markFirstUses(text: string, terms: readonly Term[], lang: TextLang, marked: Set<string>): TextRun[] {
  const candidates = terms
    .filter((term) => !marked.has(term.id))
    .map((term) => ({ term, forms: termForms(term, lang) }))
    .filter((c) => c.forms.length > 0)
    .sort((a, b) => b.forms[0]!.length - a.forms[0]!.length);
  const claimed: Hit[] = [];
  const free = (start: number, end: number) => claimed.every((h) => end <= h.start || start >= h.end);
  for (const { term, forms } of candidates) {
    let best: Hit | undefined;
    for (const hit of senseMatches(text, term, lang, forms)) {
      if (!free(hit.start, hit.end)) continue;
      if (!best || hit.start < best.start) best = hit;
    }
    if (best) claimed.push(best);
  }
  claimed.sort((a, b) => a.start - b.start);
  const runs: TextRun[] = [];
  let pos = 0;
  for (const h of claimed) {
    if (h.start > pos) runs.push({ text: text.slice(pos, h.start) });
    runs.push({ text: text.slice(h.start, h.end), term: h.term });
    marked.add(h.term.id);
    pos = h.end;
  }
  if (pos < text.length) runs.push({ text: text.slice(pos) });
  return runs;
}

/**
 * Split a paragraph into runs, marking every use of every term (in its sense,
 * outside the term's `exclude` phrases). Where uses overlap, the longer form
 * wins, then the earlier one (吸引子盆地 over 吸引子; "neural nets" over "neural net").
 * A use is `first` when its term is not yet in `marked`; every marked term id
 * is then added to `marked`.
 *
 * @param text paragraph text
 * @param terms all glossary terms
 * @param lang language of `text`
 * @param marked ids of terms already used earlier on the page in this rendition (mutated)
 * @returns runs whose texts concatenate to exactly `text`
 */
export function markUses(text: string, terms: readonly Term[], lang: TextLang, marked: Set<string>): TextRun[] {
  const hits: Hit[] = terms.flatMap((term) => [...senseMatches(text, term, lang)]);
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const claimed: Hit[] = [];
  for (const h of hits) if (claimed.every((c) => h.end <= c.start || h.start >= c.end)) claimed.push(h);
  claimed.sort((a, b) => a.start - b.start);
  const runs: TextRun[] = [];
  let pos = 0;
  for (const h of claimed) {
    if (h.start > pos) runs.push({ text: text.slice(pos, h.start) });
    runs.push({ text: text.slice(h.start, h.end), term: h.term, first: !marked.has(h.term.id) });
    marked.add(h.term.id);
    pos = h.end;
  }
  if (pos < text.length) runs.push({ text: text.slice(pos) });
  return runs;
}

/**
 * Does a text use a term (any form, in the text's language, outside its exclusion phrases)?
 * @param text paragraph text
 * @param term glossary term
 * @param lang language of `text`
 */
export function usesTerm(text: string, term: Term, lang: TextLang): boolean {
  return !senseMatches(text, term, lang).next().done;
}

/** A paragraph that uses a term. */
export interface TermUsage {
  part: string;
  id: string;
  /** 1-based position of the paragraph in its part. */
  number: number;
}

/**
 * For every term, the paragraphs (any rendition) that use it, in reading order.
 * @param terms the glossary
 * @param parts parts in reading order, each with `part` and `paragraphs` (`id`, `literal`, `free`, `en`)
 * @returns map from term id to usages (empty array when unused)
 */
export function glossaryUsages(
  terms: readonly Term[],
  parts: ReadonlyArray<{ part: string; paragraphs: ReadonlyArray<{ id: string; literal?: string; free?: string; en?: string }> }>,
): Map<string, TermUsage[]> {
  const out = new Map<string, TermUsage[]>();
  for (const term of terms) {
    const uses: TermUsage[] = [];
    for (const part of parts) {
      part.paragraphs.forEach((p, i) => {
        const zhHit = usesTerm(p.literal ?? '', term, 'zh') || usesTerm(p.free ?? '', term, 'zh');
        if (zhHit || usesTerm(p.en ?? '', term, 'en')) uses.push({ part: part.part, id: p.id, number: i + 1 });
      });
    }
    out.set(term.id, uses);
  }
  return out;
}
