/**
 * One-off generator: writes `src/content/parts/<part>.mdx` skeletons whose
 * `literal` fields come from the seed (normalised) and whose `free` / `en`
 * fields hold the seed's free rendition where it exists, else "TODO".
 * Never overwrites an existing file. Run: `npx tsx scripts/content/generate-skeleton.ts`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseSeed, marksFigure, type PartId } from '../../src/lib/seed.ts';

const seed = readFileSync('src/content/seed.txt', 'utf8');
const paras = parseSeed(seed);
const parts: PartId[] = ['s00', 's05', 's06'];
const block = (s: string, indent: string) => `|-\n${s.split('\n').map((l) => indent + l).join('\n')}`;
mkdirSync('src/content/parts', { recursive: true });
for (const part of parts) {
  const file = `src/content/parts/${part}.mdx`;
  if (existsSync(file)) continue;
  const lit = paras.filter((p) => p.part === part && p.rendition === 'literal');
  const free = paras.filter((p) => p.part === part && p.rendition === 'free');
  const lines = ['---', `part: ${part}`, 'paragraphs:'];
  const figs: string[] = [];
  for (const p of lit) {
    const id = `${part}-p${String(p.index).padStart(2, '0')}`;
    lines.push(`  - id: ${id}`);
    if (p.isCaption) lines.push('    kind: caption');
    lines.push(`    literal: ${block(p.text, '      ')}`);
    const f = free.find((q) => q.index === p.index);
    lines.push(`    free: ${block(f ? f.text : 'TODO', '      ')}`);
    lines.push(`    en: ${block('TODO', '      ')}`);
    if (marksFigure(p.text) || p.isCaption) figs.push(id);
  }
  lines.push('figures:');
  for (const id of figs) {
    lines.push(`  - id: TODO-${id}`, `    para: ${id}`, '    caption: { zh: TODO, en: TODO }', '    description: { zh: TODO, en: TODO }');
  }
  lines.push('---', '');
  writeFileSync(file, lines.join('\n'));
}
