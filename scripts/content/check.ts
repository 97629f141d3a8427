/**
 * Checks the content without building the site: parses each part's
 * frontmatter, prints its paragraph, segment and figure counts and every
 * alignment problem (segments, seed fidelity, figures; see
 * `alignmentProblems` in src/lib/alignment.ts). Exit 1 when any.
 * Run: `npx tsx scripts/content/check.ts`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import yaml from 'js-yaml';
import { alignmentProblems, type PartData } from '../../src/lib/alignment.ts';
import { seedTexts } from '../../src/lib/seed.ts';

const seed = seedTexts(readFileSync('src/content/seed.txt', 'utf8'));
let bad = 0;
let total = 0;
for (const f of readdirSync('src/content/parts').filter((n) => n.endsWith('.mdx')).sort()) {
  const src = readFileSync(`src/content/parts/${f}`, 'utf8');
  const fm = /^---\n([\s\S]*?)\n---/.exec(src);
  if (!fm) { console.log(`${f}: no frontmatter`); bad++; continue; }
  const data = yaml.load(fm[1]!) as PartData;
  const problems = alignmentProblems(data, seed);
  const segments = data.paragraphs.reduce((n, p) => n + (p.segments?.length ?? 0), 0);
  const multi = data.paragraphs.filter((p) => (p.segments?.length ?? 0) > 1).length;
  total += segments;
  const todo = problems.filter((p) => p.includes('draft') || p.includes('missing')).length;
  console.log(`${f}: ${data.paragraphs.length} paragraphs, ${segments} segments (${multi} paragraphs with more than one), ${(data.figures ?? []).length} figures, ${problems.length} problems (${todo} drafts/missing)`);
  for (const p of problems) console.log('  ' + p);
  bad += problems.length;
}
console.log(`all parts: ${total} segments`);
process.exit(bad ? 1 : 0);
