/**
 * Rehype plugin: marks each block of the MDX bodies (the bilingual notes)
 * with the language it is written in, so Chinese and English paragraphs get
 * the right fonts, punctuation widths and hyphenation. A block whose letters
 * are mostly Han characters is `zh-CN`, one that is mostly Latin is `en`.
 */
import type { Element, Root, RootContent } from 'hast';

const BLOCKS = new Set(['p', 'li', 'h2', 'h3', 'h4', 'blockquote']);

function textOf(node: RootContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

/**
 * Which language a piece of text is mostly written in.
 * @param text any text
 * @returns `zh-CN` when Han characters outnumber Latin letters, `en` when Latin
 *   letters are at least 4× the Han ones, else null (mixed: leave it alone)
 */
export function dominantLang(text: string): 'zh-CN' | 'en' | null {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  if (han === 0 && latin === 0) return null;
  if (han >= latin / 4 && han > 0) return 'zh-CN';
  if (latin >= 4 * han) return 'en';
  return null;
}

/** The plugin: sets `lang` on block elements that have none. */
export default function rehypeLang() {
  return (tree: Root): void => {
    const visit = (node: Root | Element) => {
      for (const child of node.children) {
        if (child.type !== 'element') continue;
        if (BLOCKS.has(child.tagName) && child.properties.lang === undefined) {
          const lang = dominantLang(textOf(child));
          if (lang) child.properties.lang = lang;
        } else visit(child);
      }
    };
    visit(tree);
  };
}
