/**
 * Writes the search benchmark's fixed query set, tests/bench/search-queries.json
 * (run once, reviewed, kept in the repository; `npm run bench:search` adds every
 * glossary term in both languages at run time):
 *
 *   npx tsx scripts/bench/make-search-queries.ts [dist]
 *
 * Sampled deterministically (seeded) from the built site's paragraphs:
 * Chinese fragments of 1–6 characters (from any position, so many cut across
 * words), English words and phrases; plus hand-written mixed queries, names,
 * traditional-character queries (with the simplified form to check against),
 * full-width queries, queries that occur nowhere (checked here), and
 * punctuation-only or hostile input that must give a message and no results.
 */
import { writeFile } from 'node:fs/promises';
import { readSiteRecords } from '../search/extract';
import { expectedKeys, foldRecords } from '../../src/lib/search/ground-truth';

/** One benchmark query. */
export interface BenchQuery {
  q: string;
  kind: string;
  /** Check results against this string instead of `q` (the simplified form of a traditional query). */
  truth?: string;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MIXED = ['ReLU 激活函数', 'ChatGPT 神经网络', 'Voronoi 图', 'FLAC 无损', 'JPEG 压缩', 'MNIST 数字', 'ChatGPT 生成', 'ReLU activation', '1998 年', '11 层'];
const NAMES = ['Voronoi', 'ChatGPT', 'FLAC', 'JPEG', 'MNIST', 'ReLU', 'Transformer'];
const TRADITIONAL: Array<[string, string]> = [
  ['神經網絡', '神经网络'],
  ['權重', '权重'],
  ['激活函數', '激活函数'],
  ['神經元', '神经元'],
  ['訓練', '训练'],
  ['機器學習', '机器学习'],
  ['吸引子盆地', '吸引子盆地'],
  ['識別圖像', '识别图像'],
];
const FULL_WIDTH = ['ＲｅＬＵ', 'ＪＰＥＧ', 'ＣｈａｔＧＰＴ', '１９９８', 'ＦＬＡＣ 无损'];
const NOWHERE = [
  '量子纠缠', '区块链', '支持向量机', '梯度提升树', '猫狗', '卷积核大小', '强化学习', '贝叶斯', '马尔可夫链', '光合作用',
  'blockchain', 'quantum entanglement', 'support vector machine', 'xyzzy', 'backpropagation through time',
  'ReLU 区块链', 'JPEG blockchain', 'zebra', '量子 neural', '深度强化',
];
/** Must give a message or no results, never an error or injected markup. */
const MESSAGE_ONLY = ['"', '\\', '。', '，，', '……', '!!!', '()', '[]', '$^', '.*', '“”', '<>', '/', '—'];
const HOSTILE = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><b>x</b>', "'; DROP TABLE--", 'a.*b', '(a|b)+', '\\d+', '[权重]', '{{x}}', '%00', '${x}', '&amp;'];

async function main(): Promise<void> {
  const dist = process.argv[2] ?? 'dist';
  const records = foldRecords(await readSiteRecords(dist));
  const rand = rng(20250601);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const out: BenchQuery[] = [];
  const seen = new Set<string>();
  const add = (q: BenchQuery) => {
    if (seen.has(q.q)) return false;
    seen.add(q.q);
    out.push(q);
    return true;
  };

  // Chinese fragments, 15 of each length 1–6, from literal and free text, starting anywhere.
  const zh = records.filter((r) => r.rendition !== 'en');
  for (let len = 1; len <= 6; len++) {
    let made = 0;
    for (let tries = 0; made < 15 && tries < 5000; tries++) {
      const chars = [...pick(zh).text];
      const at = Math.floor(rand() * Math.max(1, chars.length - len));
      const frag = chars.slice(at, at + len).join('');
      if (!/^\p{Script=Han}+$/u.test(frag) || [...frag].length !== len) continue;
      if (add({ q: frag, kind: `zh-${len}` })) made++;
    }
  }

  // English words (3+ letters) and phrases of 2–3 words.
  const en = records.filter((r) => r.rendition === 'en');
  for (let made = 0, tries = 0; made < 30 && tries < 5000; tries++) {
    const words = pick(en).text.match(/[A-Za-z][A-Za-z'’-]{2,}/g) ?? [];
    if (words.length && add({ q: pick(words), kind: 'en-word' })) made++;
  }
  for (let made = 0, tries = 0; made < 20 && tries < 5000; tries++) {
    const words = pick(en).text.split(/\s+/).filter(Boolean);
    const n = 2 + Math.floor(rand() * 2);
    const at = Math.floor(rand() * Math.max(1, words.length - n));
    const phrase = words.slice(at, at + n).join(' ').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (phrase.split(' ').length === n && add({ q: phrase, kind: 'en-phrase' })) made++;
  }

  for (const q of MIXED) add({ q, kind: 'mixed' });
  for (const q of NAMES) add({ q, kind: 'name' });
  for (const [q, truth] of TRADITIONAL) add({ q, kind: 'traditional', truth });
  for (const q of FULL_WIDTH) add({ q, kind: 'full-width' });
  for (const q of NOWHERE) {
    if (expectedKeys(records, q).size > 0) console.warn(`dropped "${q}": it occurs in the text`);
    else add({ q, kind: 'nowhere' });
  }
  for (const q of HOSTILE) add({ q, kind: 'hostile' });
  for (const q of MESSAGE_ONLY) add({ q, kind: 'message' });

  const file = 'tests/bench/search-queries.json';
  const doc = {
    about:
      'Search benchmark queries (scripts/bench/make-search-queries.ts). npm run bench:search adds every glossary term in both languages. ' +
      'Ground truth is computed at run time from the built pages: a record must be returned when its folded text contains the folded query ' +
      '(or `truth`); kind "message" must show a message and no results.',
    queries: out,
  };
  await writeFile(file, `${JSON.stringify(doc, null, 1)}\n`);
  const byKind = out.reduce<Record<string, number>>((a, q) => ((a[q.kind] = (a[q.kind] ?? 0) + 1), a), {});
  console.log(`wrote ${out.length} queries to ${file}:`, byKind);
}

await main();
