/**
 * Content collections: the three parts (MDX, paragraphs in frontmatter) and
 * the glossary (YAML). Both are validated by the zod schemas in
 * src/lib/schema.ts, so a misaligned paragraph fails the build with its id.
 */
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { readFileSync } from 'node:fs';
import { makePartSchema, termSchema } from './lib/schema';
import { seedTexts } from './lib/seed';

const parts = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './src/content/parts' }),
  // The literal segments joined must be the seed's paragraphs: a changed character fails the build.
  schema: makePartSchema(seedTexts(readFileSync('src/content/seed.txt', 'utf8'))),
});

const glossary = defineCollection({
  loader: file('src/content/glossary.yaml'),
  schema: termSchema,
});

export const collections = { parts, glossary };
