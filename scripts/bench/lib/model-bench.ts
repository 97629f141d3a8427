/**
 * Shared pieces of the model benchmarks (`scripts/bench/models/*.ts`): the
 * module contract, percentiles, and a static module graph of the built
 * JavaScript to total what a figure downloads (gzip level 9).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

/** What every benchmark module receives. */
export interface BenchContext {
  browser: Browser;
  /** Origin of the static server, e.g. `http://127.0.0.1:40123`. */
  origin: string;
  /** Absolute path of the built site. */
  distDir: string;
}

/** What a benchmark module returns: limits it did not meet, in words. */
export interface BenchResult {
  failures: string[];
}

/** The contract of a module in scripts/bench/models/. */
export interface ModelBench {
  description?: string;
  bench(context: BenchContext): Promise<BenchResult>;
}

/** p-th percentile (0–100) of numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** gzip -9 size of a file. */
export function gzipBytes(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

/** Static and dynamic imports of each JS file in `dist/_astro`. */
export interface ModuleGraph {
  dir: string;
  files: string[];
  staticImports: Map<string, string[]>;
  dynamicImports: Map<string, string[]>;
  text: Map<string, string>;
}

/** Read every `.js` file of `<distDir>/_astro` and its relative imports. */
export function moduleGraph(distDir: string): ModuleGraph {
  const dir = join(distDir, '_astro');
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  const staticImports = new Map<string, string[]>();
  const dynamicImports = new Map<string, string[]>();
  const text = new Map<string, string>();
  for (const f of files) {
    const src = readFileSync(join(dir, f), 'utf8');
    text.set(f, src);
    const dyn = [...src.matchAll(/import\(\s*["']\.\/([^"']+\.js)["']\s*\)/g)].map((m) => m[1]!);
    const stat = [...src.matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)].map((m) => m[1]!);
    // Vite lists a dynamic import's own dependencies in its preload helper call; those are not static imports.
    staticImports.set(f, [...new Set(stat)]);
    dynamicImports.set(f, [...new Set(dyn)]);
  }
  return { dir, files, staticImports, dynamicImports, text };
}

/** Files reachable from `roots` through static imports (roots included). */
export function staticClosure(graph: ModuleGraph, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f) || !graph.staticImports.has(f)) continue;
    seen.add(f);
    stack.push(...graph.staticImports.get(f)!);
  }
  return seen;
}

/** Total gzip bytes of files in `_astro`. */
export function gzipTotal(graph: ModuleGraph, files: Iterable<string>): number {
  let total = 0;
  for (const f of files) total += gzipBytes(join(graph.dir, f));
  return total;
}

/** Format bytes as KB with one decimal. */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
