/**
 * Build-time helper (Node only): bundles a module into a minified IIFE string
 * for inlining, with a per-process cache.
 */
import { buildSync } from 'esbuild';

const cache = new Map<string, string>();

/**
 * @param entry module path relative to the project root, e.g. `src/scripts/view-init.ts`
 * @returns minified JavaScript (an IIFE), no trailing newline
 * @throws esbuild's error when the module does not compile
 */
export function bundleInline(entry: string): string {
  const hit = cache.get(entry);
  if (hit !== undefined) return hit;
  const out = buildSync({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    write: false,
  });
  const code = out.outputFiles[0]!.text.trim();
  cache.set(entry, code);
  return code;
}
