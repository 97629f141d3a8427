/**
 * The site's own interface strings: one dictionary per locale (`zh`, `en`),
 * looked up by key. {@link t} gives a key in both languages; components
 * render both and CSS shows the reader's interface language (`<html data-ui>`,
 * see `UiText.astro` and src/lib/ui-lang.ts). Build-time only: client scripts
 * carry their own few `{ zh, en }` pairs so the dictionary is not shipped.
 */
import { pickUi, uiAttrs } from './ui-pick';

export { pickUi, uiAttrs };

/** A string in both interface languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** Chinese interface strings. The key set of this dictionary is the key set of every locale. */
const zh = {
  siteTitle: '神经网络读本',
  siteTagline: '一段文本，三种译文：直译、意译与英文，配以可以动手的图。',
  skipToContent: '跳到正文',
  contents: '目录',
  glossary: '术语表',
  models: '模型',
  search: '搜索',
  readingView: '阅读视图',
  zhRendition: '中文译法',
  literal: '直译',
  free: '意译',
  languages: '语言',
  langZh: '中文',
  langEn: 'English',
  langBoth: '对照',
  langCompare: '直译⇄意译',
  zhChoiceInactive: '只显示英文或并排比较直译与意译时，不需要选择中文译法。',
  linkToSentence: '复制本句链接',
  segmentHelp: '按左右方向键逐句移动，其他译文中对应的句子会一起高亮；Esc 取消。',
  paragraphLabel: '段',
  sentence: '句',
  theme: '主题',
  themeAuto: '跟随系统',
  themeLight: '浅色',
  themeDark: '深色',
  onThisPage: '本页图表',
  previous: '上一部分',
  next: '下一部分',
  linkToParagraph: '复制本段链接',
  linkCopied: '链接已复制',
  figure: '图',
  sourceEnds: '原文到此为止：源文本在这句话的中途中断，后文缺失。',
  figurePending: '此处是原文的一幅图。交互版本尚在制作，下面是它所展示的内容：',
  noData: '源文本只给出了标题，没有数据。',
  usedIn: '出现于',
  paragraphs: '段',
  startReading: '开始阅读',
  aboutSite: '关于本站',
  renditionNames: '直译 · 意译 · English',
  notFound: '找不到这个页面',
  backHome: '回到目录',
  uiLanguage: '界面语言',
  uiBoth: '双语',
  siteNav: '网站',
  partsNav: '各部分',
  editorNote: '编者注',
  dismiss: '关闭',
  // Find the way back and quote cleanly (issue 15)
  paragraphMenu: '本段链接与引用',
  continueReading: '继续阅读',
  jumpToParagraph: '跳到段落',
  jumpGo: '跳转',
  jumpHint: '段号如 18，或编号如 s05-p18',
  paraNumbers: '始终显示段落编号',
  // The paragraph menu (src/scripts/paragraph-menu.ts)
  paraMenu: '段落菜单',
  paraMenuCopyLink: '复制链接',
  paraMenuCopyCitation: '复制引文',
  paraMenuCopyAll: '复制三种译文',
  citationCopied: '引文已复制',
  allCopied: '三种译文已复制',
  copyByHand: '无法写入剪贴板（浏览器拒绝了）。下面的文字已选中，请按 Ctrl+C（或 ⌘C）手动复制：',
  close: '关闭',
  // Jump to ¶ (src/scripts/way-back.ts): {q} what the reader typed, {part} the part id, {num} a part's number (05), {list} the parts' numbers, {last} the last ¶, {n} a count, {label} where the jump went (¶18, ¶18.2)
  jumpEmpty: '请输入段号（如 18）或编号（如 s05-p18）。',
  jumpMalformed: '看不懂“{q}”：请输入段号（如 18）或编号（如 s05-p18）。',
  jumpOtherPart: '“{q}”在第 {num} 部分，不在本部分。',
  jumpOpenPart: '打开第 {num} 部分的 {label} →',
  jumpNoPart: '没有第 {num} 部分：本站的部分是 {list}。',
  jumpZero: '没有 ¶0：段号从 ¶1 到 ¶{last}。',
  jumpNone: '本部分只有 ¶1 到 ¶{last}，没有“{q}”。',
  jumpWent: '已跳到 {label}。',
  jumpOneSentence: '{para} 只有一句，已跳到 {para}。',
  jumpFewSentences: '{para} 只有 {n} 句，已跳到 {label}。',
  // Search (src/lib/search/render.ts): a paragraph found by words in different renditions; {q} the query, {n} a count
  searchSplit: '词分布在不同译文中',
  searchAsEnglish: '改为按英文搜索“{q}”（{n} 段）',
} as const;

/** A key of the interface dictionary. */
export type UiKey = keyof typeof zh;

/** English interface strings: the same keys as {@link zh} (the compiler checks). */
const en: Record<UiKey, string> = {
  siteTitle: 'Reading Neural Nets',
  siteTagline: 'One text in three renditions — literal Chinese, free Chinese and English — with figures you can try.',
  skipToContent: 'Skip to content',
  contents: 'Contents',
  glossary: 'Glossary',
  models: 'Models',
  search: 'Search',
  readingView: 'Reading view',
  zhRendition: 'Chinese rendition',
  literal: 'Literal',
  free: 'Free',
  languages: 'Languages',
  langZh: '中文',
  langEn: 'English',
  langBoth: 'Both',
  langCompare: 'Literal ⇄ Free',
  zhChoiceInactive: 'Not used when only English shows, or when literal and free are compared side by side.',
  linkToSentence: 'Copy link to this sentence',
  segmentHelp: 'Left and right arrow keys move sentence by sentence and highlight the same sentence in the other renditions; Esc clears.',
  paragraphLabel: 'Paragraph',
  sentence: 'Sentence',
  theme: 'Theme',
  themeAuto: 'System',
  themeLight: 'Light',
  themeDark: 'Dark',
  onThisPage: 'Figures on this page',
  previous: 'Previous',
  next: 'Next',
  linkToParagraph: 'Copy link to this paragraph',
  linkCopied: 'Link copied',
  figure: 'Figure',
  sourceEnds: 'The source text ends here: it breaks off in the middle of this sentence, and the rest is missing.',
  figurePending: 'The original had a figure here. Its interactive version is still being built; this is what it shows:',
  noData: 'The source gives only the caption, no data.',
  usedIn: 'Used in',
  paragraphs: 'paragraphs',
  startReading: 'Start reading',
  aboutSite: 'About this site',
  renditionNames: 'Literal · Free · English',
  notFound: 'Page not found',
  backHome: 'Back to contents',
  uiLanguage: 'Interface language',
  uiBoth: 'Bilingual',
  siteNav: 'Site',
  partsNav: 'Parts',
  editorNote: 'Editor’s note',
  dismiss: 'Dismiss',
  paragraphMenu: 'Link and citation for this paragraph',
  continueReading: 'Continue reading',
  jumpToParagraph: 'Go to ¶',
  jumpGo: 'Go',
  jumpHint: 'a number like 18, or an id like s05-p18',
  paraNumbers: 'Always show paragraph numbers',
  paraMenu: 'Paragraph menu',
  paraMenuCopyLink: 'Copy link',
  paraMenuCopyCitation: 'Copy citation',
  paraMenuCopyAll: 'Copy all three renditions',
  citationCopied: 'Citation copied',
  allCopied: 'All three renditions copied',
  copyByHand: 'The browser did not allow copying to the clipboard. The text below is selected: copy it by hand with Ctrl+C (or ⌘C):',
  close: 'Close',
  jumpEmpty: 'Type a paragraph number (like 18) or an id (like s05-p18).',
  jumpMalformed: 'Could not read “{q}”: type a paragraph number (like 18) or an id (like s05-p18).',
  jumpOtherPart: '“{q}” is in part {num}, not this one.',
  jumpOpenPart: 'Open part {num} at {label} →',
  jumpNoPart: 'There is no part {num}: the parts are {list}.',
  jumpZero: 'There is no ¶0: paragraphs run from ¶1 to ¶{last}.',
  jumpNone: 'This part has ¶1 to ¶{last}: there is no “{q}”.',
  jumpWent: 'Went to {label}.',
  jumpOneSentence: '{para} has only one sentence: went to {para}.',
  jumpFewSentences: '{para} has only {n} sentences: went to {label}.',
  searchSplit: 'words in different renditions',
  searchAsEnglish: 'Search “{q}” as English instead ({n} ¶)',
};

/** Every locale's dictionary, by locale. */
export const DICTIONARIES: Readonly<Record<'zh' | 'en', Readonly<Record<UiKey, string>>>> = { zh, en };

/**
 * Look up an interface string.
 * @param key a key of the dictionary
 * @returns the string in both languages
 * @throws Error when the key is missing from a locale (only possible through an unchecked cast)
 */
export function t(key: UiKey): Bilingual {
  const z = zh[key];
  const e = en[key];
  if (z === undefined || e === undefined) throw new Error(`i18n: no string "${String(key)}" in both locales`);
  return { zh: z, en: e };
}

/** All keys, for tests that check every string exists in both languages. */
export const UI_KEYS = Object.keys(zh) as UiKey[];
