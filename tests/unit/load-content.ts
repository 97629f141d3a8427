/**
 * Test helper: reads the content files the way the build does (frontmatter
 * YAML of src/content/parts/*.mdx, src/content/glossary.yaml), validated by
 * the same zod schemas.
 */
import { readFileSync, readdirSync } from 'node:fs';
import yaml from 'js-yaml';
import { z } from 'astro/zod';
import { partSchema, termSchema } from '../../src/lib/schema';

export type Part = z.infer<typeof partSchema>;
export type GlossaryTerm = z.infer<typeof termSchema>;

const dir = 'src/content/parts';

/** Raw frontmatter objects of every part file, by file name. */
export function rawParts(): Array<{ file: string; data: unknown }> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((file) => {
      const src = readFileSync(`${dir}/${file}`, 'utf8');
      const m = /^---\n([\s\S]*?)\n---/.exec(src);
      if (!m) throw new Error(`${file}: no frontmatter`);
      return { file, data: yaml.load(m[1]!) };
    });
}

/** Parts validated by the schema, in reading order. @throws ZodError when a part is invalid */
export function loadParts(): Part[] {
  return rawParts()
    .map((p) => partSchema.parse(p.data))
    .sort((a, b) => a.order - b.order);
}

/** Glossary terms validated by the schema. */
export function loadGlossary(): GlossaryTerm[] {
  const raw = yaml.load(readFileSync('src/content/glossary.yaml', 'utf8'));
  return z.array(termSchema).parse(raw);
}

/** The repository's copy of the seed. */
export function seedText(): string {
  return readFileSync('src/content/seed.txt', 'utf8');
}
