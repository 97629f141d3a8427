/**
 * `npm run train` trains every model; `npm run train -- <name> [<name>…] [--flags]`
 * trains the named ones. A model is a file `scripts/train/models/<name>.ts`
 * exporting a {@link Trainer}: add a file there to add a model (no list to edit).
 * Flags after the names are passed to each trainer as `args`.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Trainer } from './lib/trainer';

const modelsDir = join(dirname(fileURLToPath(import.meta.url)), 'models');

/** Names of the trainers found in scripts/train/models/. */
export function trainerNames(): string[] {
  return readdirSync(modelsDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('_'))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const names = argv.filter((a) => !a.startsWith('-'));
  const args = argv.filter((a) => a.startsWith('-'));
  const available = trainerNames();
  const unknown = names.filter((n) => !available.includes(n));
  if (unknown.length) {
    console.error(`Unknown model(s): ${unknown.join(', ')}. Available: ${available.join(', ')}`);
    process.exit(2);
  }
  const selected = names.length ? names : available;
  for (const name of selected) {
    const mod = (await import(pathToFileURL(join(modelsDir, `${name}.ts`)).href)) as Partial<Trainer>;
    if (typeof mod.train !== 'function') throw new Error(`scripts/train/models/${name}.ts exports no train() function`);
    console.log(`\n=== ${name}${mod.description ? ': ' + mod.description : ''} ===`);
    const t0 = performance.now();
    await mod.train({ args });
    console.log(`=== ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s ===`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
