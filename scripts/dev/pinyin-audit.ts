/**
 * Prints every Chinese segment of the text (literal `l`, free `f`) with the
 * reading chosen for each polyphonic character, `权重[zhòng]`, for a reader to
 * check against the sense; with `--diff`, only the characters whose reading the
 * override list (src/content/pinyin-overrides.json) changes, `library → ours`.
 *
 * Usage: `npx tsx scripts/dev/pinyin-audit.ts [--diff]`
 */
import { polyphonic } from 'pinyin-pro';
import { loadParts } from '../../tests/unit/load-content';
import { annotate, annotateWithoutOverrides } from '../../src/lib/pinyin';

const polyphonicChars = new Map<string, boolean>();
/** Whether the library knows more than one reading for a character. */
function isPolyphonic(c: string): boolean {
  if (!polyphonicChars.has(c)) {
    const readings = polyphonic(c, { type: 'array' })[0] as unknown as string[] | undefined;
    polyphonicChars.set(c, (readings?.length ?? 0) > 1);
  }
  return polyphonicChars.get(c)!;
}

const diffOnly = process.argv.includes('--diff');
for (const part of loadParts()) {
  for (const para of part.paragraphs) {
    for (const seg of para.segments) {
      for (const r of ['literal', 'free'] as const) {
        const ours = annotate(seg[r]);
        if (diffOnly) {
          const library = annotateWithoutOverrides(seg[r]);
          const changes = ours.flatMap((s, i) => (s.pinyin !== library[i]!.pinyin ? [`${seg[r].slice(Math.max(0, i - 3), i + 1)}: ${library[i]!.pinyin} → ${s.pinyin}`] : []));
          if (changes.length) console.log(`${seg.id} ${r[0]}: ${changes.join('  ')}`);
        } else {
          console.log(`${seg.id} ${r[0]}: ${ours.map((s) => (s.pinyin && isPolyphonic(s.text) ? `${s.text}[${s.pinyin}]` : s.text)).join('')}`);
        }
      }
    }
  }
}
