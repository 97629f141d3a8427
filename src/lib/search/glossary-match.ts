/**
 * Glossary entries offered beside search results: the terms a query names,
 * in either language. Pure TypeScript, no DOM.
 */
import { fold } from './fold';

/** A glossary term as search ships it (src/content/glossary.yaml, without the parts search does not need). */
export interface SearchTerm {
  id: string;
  zh: string;
  en: string;
  aliases: { zh: string[]; en: string[] };
  definition: { zh: string; en: string };
}

/** Most glossary entries offered for one query. */
export const MAX_TERMS = 4;

function forms(term: SearchTerm): string[] {
  return [term.zh, term.en, ...term.aliases.zh, ...term.aliases.en].map((f) => fold(f).trim()).filter(Boolean);
}

function isShort(q: string): boolean {
  // One Chinese character or two Latin letters say too little to offer a term.
  return /^\p{Script=Han}$/u.test(q) || (/^[\p{L}\p{N}]+$/u.test(q) && !/\p{Script=Han}/u.test(q) && q.length < 3);
}

/** Does the query contain the form, a Latin form only as whole words (`pixels` names pixel, `explain` does not name AI)? */
function containsForm(q: string, f: string): boolean {
  if (/\p{Script=Han}/u.test(f)) return q.includes(f);
  let at = q.indexOf(f);
  while (at >= 0) {
    const before = q[at - 1] ?? ' ';
    const after = q[at + f.length] ?? ' ';
    if (!/[\p{L}\p{N}]/u.test(before) && (!/[\p{L}\p{N}]/u.test(after) || after === 's')) return true;
    at = q.indexOf(f, at + 1);
  }
  return false;
}

/**
 * The terms a query names.
 *
 * A term is offered when one of its forms (Chinese, English or an alias)
 * equals the query, starts with it or contains it, or when the query
 * contains the form (a mixed query like `ReLU 激活函数` names two terms).
 * Exact matches come first, then forms that start with the query, then the rest.
 *
 * @param terms the glossary
 * @param query the folded, trimmed query (ParsedQuery.text)
 * @returns at most {@link MAX_TERMS} terms, best first
 */
export function matchTerms(terms: readonly SearchTerm[], query: string): SearchTerm[] {
  const q = query.trim();
  if (!q) return [];
  const scored: Array<{ term: SearchTerm; score: number }> = [];
  for (const term of terms) {
    let score = 0;
    for (const f of forms(term)) {
      if (f === q) score = Math.max(score, 4);
      else if (!isShort(q) && f.startsWith(q)) score = Math.max(score, 3);
      else if (!isShort(q) && f.includes(q)) score = Math.max(score, 2);
      else if (!isShort(f) && containsForm(q, f)) score = Math.max(score, 1);
    }
    if (score > 0) scored.push({ term, score });
  }
  scored.sort((a, b) => b.score - a.score || a.term.zh.length - b.term.zh.length);
  return scored.slice(0, MAX_TERMS).map((s) => s.term);
}
