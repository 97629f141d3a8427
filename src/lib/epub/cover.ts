/**
 * The book's cover image: an SVG (600×900 user units, 2:3 like most
 * e-reader covers) with the title in both languages over a small drawing of a
 * layered network (3-4-4-2 neurons, all connections). Pure string output.
 */
import type { Bilingual } from './book';
import { escapeText } from './xml';

/**
 * @param title book title in both languages
 * @returns a standalone SVG document (UTF-8 text)
 */
export function coverSvg(title: Bilingual): string {
  const layers = [3, 4, 4, 2];
  const x0 = 150;
  const dx = 100;
  const cy = 560;
  const pos = layers.map((n, li) => Array.from({ length: n }, (_, i) => ({ x: x0 + li * dx, y: cy + (i - (n - 1) / 2) * 62 })));
  const lines: string[] = [];
  for (let li = 0; li + 1 < pos.length; li++) {
    for (const a of pos[li]!) for (const b of pos[li + 1]!) lines.push(`<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}"/>`);
  }
  const dots = pos.flat().map((p) => `<circle cx="${p.x}" cy="${p.y}" r="15"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 900" width="600" height="900">
<title>${escapeText(`${title.zh} · ${title.en}`)}</title>
<rect width="600" height="900" fill="#f6f3ec"/>
<rect x="30" y="30" width="540" height="840" fill="none" stroke="#1f3a5f" stroke-width="3"/>
<text x="300" y="230" text-anchor="middle" font-family="'Noto Serif CJK SC','Source Han Serif SC','Songti SC',serif" font-size="72" font-weight="bold" fill="#1f3a5f" xml:lang="zh-CN">${escapeText(title.zh)}</text>
<text x="300" y="305" text-anchor="middle" font-family="Georgia,'Times New Roman',serif" font-size="38" font-style="italic" fill="#44546a" xml:lang="en">${escapeText(title.en)}</text>
<g stroke="#8aa1bd" stroke-width="2">${lines.join('')}</g>
<g fill="#1f3a5f" stroke="#f6f3ec" stroke-width="4">${dots.join('')}</g>
<text x="300" y="800" text-anchor="middle" font-family="sans-serif" font-size="24" fill="#44546a">直译 · 意译 · English</text>
</svg>
`;
}
