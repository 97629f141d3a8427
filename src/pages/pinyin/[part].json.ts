/**
 * `/pinyin/<part>.json` (e.g. `/pinyin/s05.json`): the pinyin of one part's
 * Chinese renditions, by segment id (src/lib/pinyin-ruby.ts `PartPinyin`),
 * computed at build time. Fetched by src/scripts/pinyin-ruby.ts only when the
 * reader turns pinyin on.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { partPinyin } from '../../lib/pinyin';

export const getStaticPaths = (async () => {
  const parts = await getCollection('parts');
  return parts.map((entry) => ({ params: { part: entry.data.part }, props: { paragraphs: entry.data.paragraphs } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const data = partPinyin(props.paragraphs as Parameters<typeof partPinyin>[0]);
  return new Response(JSON.stringify(data), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
