/**
 * Text a reader copies from a paragraph's menu: a citation and the paragraph
 * in all three renditions. Pure functions, no DOM (src/scripts/way-back.ts
 * gathers the inputs from the page).
 */
import type { Bilingual } from './i18n';

/** Names of the renditions, as the reading controls name them. */
export const RENDITION_NAMES: Readonly<Record<'literal' | 'free' | 'en', Bilingual>> = {
  literal: { zh: '直译', en: 'Literal Chinese' },
  free: { zh: '意译', en: 'Free Chinese' },
  en: { zh: '英文', en: 'English' },
};

export interface CitationInput {
  /** The site's title in both languages. */
  site: Bilingual;
  /** The part's title (as the page shows it, e.g. `05. 神经网络` / `05. Neural nets`). */
  partTitle: Bilingual;
  /** The paragraph number (18). */
  paragraph: number;
  /** The renditions the reader is reading, in display order (e.g. `['literal', 'en']`). */
  renditions: ReadonlyArray<'literal' | 'free' | 'en'>;
  /** The link to the paragraph (absolute URL, view and fragment included). */
  url: string;
}

/**
 * A one-line citation in both languages, e.g.
 * `神经网络读本 · Reading Neural Nets, 05. 神经网络 · 05. Neural nets, ¶18 (直译 + 英文 · Literal Chinese + English). https://…#s05-p18`
 * @param c what to cite
 */
export function formatCitation(c: CitationInput): string {
  const zh = c.renditions.map((r) => RENDITION_NAMES[r].zh).join(' + ');
  const en = c.renditions.map((r) => RENDITION_NAMES[r].en).join(' + ');
  const renditions = zh && en ? ` (${zh} · ${en})` : '';
  return `${c.site.zh} · ${c.site.en}, ${c.partTitle.zh} · ${c.partTitle.en}, ¶${c.paragraph}${renditions}. ${c.url}`;
}

/**
 * The paragraph in all three renditions, each on its own line after its
 * label, then the link: for quoting the text with its translations.
 * @param head a first line naming the paragraph (e.g. `05 ¶18`)
 * @param texts the text of each rendition (whitespace is collapsed; an empty one is left out)
 * @param url the link to the paragraph
 */
export function formatRenditions(head: string, texts: Readonly<Partial<Record<'literal' | 'free' | 'en', string>>>, url: string): string {
  const lines = [head];
  for (const r of ['literal', 'free', 'en'] as const) {
    const text = (texts[r] ?? '').replace(/\s+/g, ' ').trim();
    if (text) lines.push(`${RENDITION_NAMES[r].zh} · ${RENDITION_NAMES[r].en}: ${text}`);
  }
  lines.push(url);
  return lines.join('\n');
}
