/**
 * Checks the content without building the site: parses each part's
 * frontmatter and prints every alignment problem (exit 1 when any).
 * Run: `npx tsx scripts/content/check.ts`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import yaml from 'js-yaml';
import { alignmentProblems, type PartData } from '../../src/lib/alignment.ts';

let bad = 0;
for (const f of readdirSync('src/content/parts').filter((n) => n.endsWith('.mdx')).sort()) {
  const src = readFileSync(`src/content/parts/${f}`, 'utf8');
  const fm = /^---\n([\s\S]*?)\n---/.exec(src);
  if (!fm) { console.log(`${f}: no frontmatter`); bad++; continue; }
  const data = yaml.load(fm[1]!) as PartData;
  const problems = alignmentProblems(data);
  const todo = problems.filter((p) => p.includes('draft') || p.includes('missing')).length;
  console.log(`${f}: ${data.paragraphs.length} paragraphs, ${(data.figures ?? []).length} figures, ${problems.length} problems (${todo} drafts/missing)`);
  for (const p of problems) console.log('  ' + p);
  bad += problems.length;
}
process.exit(bad ? 1 : 0);
