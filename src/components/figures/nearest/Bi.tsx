/**
 * A UI string in both languages; the site's CSS shows the reader's language
 * (`.ui-zh` / `.ui-en`, see src/styles/global.css).
 */
export function Bi({ zh, en }: { zh: string; en: string }) {
  return (
    <>
      <span lang="zh-CN" class="ui-zh">{zh}</span>
      <span lang="en" class="ui-en">{en}</span>
    </>
  );
}
