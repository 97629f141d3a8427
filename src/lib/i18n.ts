/**
 * The site's own interface strings, in Chinese and English. One dictionary,
 * looked up with {@link t}; components render both languages and CSS shows
 * the one the reader chose (see `UiText.astro`).
 */

/** A string in both interface languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

const STRINGS = {
  siteTitle: { zh: '神经网络读本', en: 'Reading Neural Nets' },
  siteTagline: {
    zh: '一段文本，三种译文：直译、意译与英文，配以可以动手的图。',
    en: 'One text in three renditions — literal Chinese, free Chinese and English — with figures you can try.',
  },
  skipToContent: { zh: '跳到正文', en: 'Skip to content' },
  contents: { zh: '目录', en: 'Contents' },
  glossary: { zh: '术语表', en: 'Glossary' },
  models: { zh: '模型', en: 'Models' },
  search: { zh: '搜索', en: 'Search' },
  readingView: { zh: '阅读视图', en: 'Reading view' },
  zhRendition: { zh: '中文译法', en: 'Chinese rendition' },
  literal: { zh: '直译', en: 'Literal' },
  free: { zh: '意译', en: 'Free' },
  languages: { zh: '语言', en: 'Languages' },
  langZh: { zh: '中文', en: '中文' },
  langEn: { zh: 'English', en: 'English' },
  langBoth: { zh: '对照', en: 'Both' },
  langCompare: { zh: '直译⇄意译', en: 'Literal ⇄ Free' },
  zhChoiceInactive: {
    zh: '只显示英文或并排比较直译与意译时，不需要选择中文译法。',
    en: 'Not used when only English shows, or when literal and free are compared side by side.',
  },
  linkToSentence: { zh: '复制本句链接', en: 'Copy link to this sentence' },
  segmentHelp: {
    zh: '按左右方向键逐句移动，其他译文中对应的句子会一起高亮；Esc 取消。',
    en: 'Left and right arrow keys move sentence by sentence and highlight the same sentence in the other renditions; Esc clears.',
  },
  paragraphLabel: { zh: '段', en: 'Paragraph' },
  sentence: { zh: '句', en: 'Sentence' },
  theme: { zh: '主题', en: 'Theme' },
  themeAuto: { zh: '跟随系统', en: 'System' },
  themeLight: { zh: '浅色', en: 'Light' },
  themeDark: { zh: '深色', en: 'Dark' },
  onThisPage: { zh: '本页图表', en: 'Figures on this page' },
  previous: { zh: '上一部分', en: 'Previous' },
  next: { zh: '下一部分', en: 'Next' },
  linkToParagraph: { zh: '复制本段链接', en: 'Copy link to this paragraph' },
  linkCopied: { zh: '链接已复制', en: 'Link copied' },
  figure: { zh: '图', en: 'Figure' },
  sourceEnds: {
    zh: '原文到此为止：源文本在这句话的中途中断，后文缺失。',
    en: 'The source text ends here: it breaks off in the middle of this sentence, and the rest is missing.',
  },
  figurePending: {
    zh: '此处是原文的一幅图。交互版本尚在制作，下面是它所展示的内容：',
    en: 'The original had a figure here. Its interactive version is still being built; this is what it shows:',
  },
  noData: { zh: '源文本只给出了标题，没有数据。', en: 'The source gives only the caption, no data.' },
  usedIn: { zh: '出现于', en: 'Used in' },
  paragraphs: { zh: '段', en: 'paragraphs' },
  startReading: { zh: '开始阅读', en: 'Start reading' },
  aboutSite: { zh: '关于本站', en: 'About this site' },
  renditionNames: { zh: '直译 · 意译 · English', en: 'Literal · Free · English' },
  notFound: { zh: '找不到这个页面', en: 'Page not found' },
  backHome: { zh: '回到目录', en: 'Back to contents' },
  // Find the way back and quote cleanly (issue 15)
  paragraphMenu: { zh: '本段链接与引用', en: 'Link and citation for this paragraph' },
  continueReading: { zh: '继续阅读', en: 'Continue reading' },
  jumpToParagraph: { zh: '跳到段落', en: 'Go to ¶' },
  jumpGo: { zh: '跳转', en: 'Go' },
  jumpHint: { zh: '段号如 18，或编号如 s05-p18', en: 'a number like 18, or an id like s05-p18' },
  paraNumbers: { zh: '始终显示段落编号', en: 'Always show paragraph numbers' },
} satisfies Record<string, Bilingual>;

export type UiKey = keyof typeof STRINGS;

/**
 * Look up an interface string.
 * @param key a key of the dictionary
 * @returns the string in both languages
 */
export function t(key: UiKey): Bilingual {
  return STRINGS[key];
}

/** All keys, for tests that check every string exists in both languages. */
export const UI_KEYS = Object.keys(STRINGS) as UiKey[];
