/**
 * Text in both interface languages; the site's CSS shows the reader's
 * (`.ui-zh` / `.ui-en`). Same contract as the digit figures' `T`, kept here so
 * this figure does not pull in the digit figures' stylesheet.
 */
import type { ComponentChildren } from 'preact';

export function T({ zh, en }: { zh: ComponentChildren; en: ComponentChildren }) {
  return (
    <>
      <span lang="zh-CN" class="ui-zh">{zh}</span>
      <span lang="en" class="ui-en">{en}</span>
    </>
  );
}
