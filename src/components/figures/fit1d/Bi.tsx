/**
 * A UI string in both languages for the Preact islands: the site's CSS shows
 * the reader's language (`.ui-zh` / `.ui-en`).
 */
import type { Bilingual } from '../../../lib/i18n';

/** Renders `<span lang="zh-CN" class="ui-zh">…</span><span lang="en" class="ui-en">…</span>`. */
export function Bi({ t }: { t: Bilingual }) {
  return (
    <>
      <span lang="zh-CN" class="ui-zh">
        {t.zh}
      </span>
      <span lang="en" class="ui-en">
        {t.en}
      </span>
    </>
  );
}
