/**
 * Content collections: the three parts (MDX, paragraphs in frontmatter) and
 * the glossary (YAML). Both are validated by the zod schemas in
 * src/lib/schema.ts, so a misaligned paragraph fails the build with its id.
 */
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { partSchema, termSchema } from './lib/schema';

const parts = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './src/content/parts' }),
  schema: partSchema,
});

const glossary = defineCollection({
  loader: file('src/content/glossary.yaml'),
  schema: termSchema,
});

export const collections = { parts, glossary };
