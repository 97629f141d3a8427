/**
 * Index-time segmentation: the text of one paragraph rendition as given to
 * Pagefind, one token per character.
 *
 * Pagefind (with a `zh` index) splits content at white space and at U+200B
 * (zero-width space), and gives every resulting piece one word position. So
 * a U+200B between every two adjacent non-space characters makes every
 * character its own word: letters, digits and Chinese characters become
 * tokens, punctuation keeps a position without a token, white space takes no
 * position. The query side (`query.ts`) cuts queries the same way and asks for
 * exact phrases, so index and query can never segment differently (the
 * failure of Pagefind's default jieba-vs-browser segmentation).
 *
 * Pagefind strips U+200B again when it returns the stored text, so the text a
 * result shows is the paragraph itself (white space runs collapsed).
 *
 * Pure TypeScript, no DOM.
 */

/** Zero-width space: Pagefind's word boundary for segmented languages. */
export const ZWSP = '\u200B';

const WHITESPACE = /\s/u;
const MARK = /\p{M}/u;
const ALNUM = /[\p{L}\p{N}]/u;

/**
 * A character as indexed: its NFKC form when that contains a letter or digit
 * (full-width `Ａ` → `A`, `㎏` → `kg`, `²` → `2`), so that the folded query
 * (which is NFKC) finds it; otherwise the character itself (Chinese
 * punctuation stays as printed).
 */
function indexForm(ch: string): string {
  const nfkc = ch.normalize('NFKC');
  return nfkc !== ch && ALNUM.test(nfkc) ? nfkc : ch;
}

/**
 * The content Pagefind indexes for one paragraph rendition.
 * @param text the rendition's text, as the page shows it
 * @returns the text with U+200B between adjacent non-space characters (none
 *   before a combining mark, which stays with its letter)
 */
export function indexContent(text: string): string {
  let out = '';
  let afterChar = false;
  for (const original of text) {
    if (original === ZWSP) continue;
    for (const ch of indexForm(original)) {
      if (WHITESPACE.test(ch)) {
        out += ch;
        afterChar = false;
        continue;
      }
      if (afterChar && !MARK.test(ch)) out += ZWSP;
      out += ch;
      afterChar = true;
    }
  }
  return out;
}

/**
 * The text a stored record shows: its content without U+200B (Pagefind's
 * client does this too; this is for build-time checks and tests).
 * @param content content as produced by {@link indexContent}
 */
export function displayText(content: string): string {
  return content.split(ZWSP).join('');
}
