/** A UI string in both languages; the site's CSS shows the one the reader chose. */
import type { JSX } from 'preact';

/** Props: the Chinese and English text. */
export interface TProps {
  zh: string | JSX.Element;
  en: string | JSX.Element;
}

/** Renders `<span lang="zh-CN" class="ui-zh">…</span><span lang="en" class="ui-en">…</span>`. */
export function T({ zh, en }: TProps) {
  return (
    <>
      <span lang="zh-CN" class="ui-zh">{zh}</span>
      <span lang="en" class="ui-en">{en}</span>
    </>
  );
}
