/**
 * The book's stylesheet (EPUB/css/book.css). Kept to CSS 2.1 plus a few
 * widely supported properties so e-readers that ignore the rest still show
 * the three renditions apart: each has a label, a left rule and its own
 * colour/size; Chinese at line height 1.8 (see /work/shared/STYLE.md).
 */
export const BOOK_CSS = `@charset "UTF-8";
html { font-size: 100%; }
body { margin: 0 5%; line-height: 1.7; }
h1 { font-size: 1.6em; line-height: 1.3; margin: 1.2em 0 0.8em; }
h2 { font-size: 1.2em; margin: 1.4em 0 0.6em; }
.sep { color: #888888; }
a.term { color: inherit; text-decoration: none; border-bottom: 1px dotted #888888; }
:lang(zh-CN) { line-height: 1.8; }
.kicker { font-size: 0.8em; color: #666666; margin: 2em 0 0; letter-spacing: 0.05em; }
.para { margin: 1.6em 0; page-break-inside: auto; }
.para-num { display: block; font-size: 0.75em; color: #888888; margin-bottom: 0.2em; }
.r { margin: 0.35em 0; padding-left: 0.7em; border-left: 3px solid #cccccc; text-indent: 0; }
.r-literal { border-left-color: #0072b2; }
.r-free { border-left-color: #009e73; color: #333333; }
.r-en { border-left-color: #d55e00; font-family: serif; }
.label { font-size: 0.7em; font-weight: bold; letter-spacing: 0.05em; padding: 0 0.35em; margin-right: 0.3em; border: 1px solid #999999; border-radius: 0.3em; font-family: sans-serif; vertical-align: 0.15em; }
.r-literal .label, .label-literal { color: #0072b2; border-color: #0072b2; }
.r-free .label, .label-free { color: #007a5a; border-color: #009e73; }
.r-en .label, .label-en { color: #b34700; border-color: #d55e00; }
.fig { margin: 1.8em 0; padding: 0.8em 0; border-top: 1px solid #dddddd; border-bottom: 1px solid #dddddd; page-break-inside: avoid; }
.fig-media { text-align: center; }
.fig-media img { max-width: 100%; height: auto; margin: 0.3em; vertical-align: middle; }
.fig-media.many img { max-width: 46%; }
.fig-math { margin: 0.6em 0; font-size: 0.9em; text-align: left; }
.fig-none { font-size: 0.85em; color: #666666; font-style: italic; }
figcaption { font-size: 0.9em; margin-top: 0.5em; }
.fig-num { font-weight: bold; margin-right: 0.4em; }
.fig-caption .zh, .fig-caption .en { font-weight: bold; }
.fig-desc { display: block; margin-top: 0.4em; color: #444444; font-size: 0.95em; }
.fig-desc .d { display: block; margin: 0.25em 0; }
.para-caption { margin: 0.3em 0; }
.source-ends { margin: 1.5em 0; padding: 0.6em 0.8em; border: 1px dashed #999999; font-size: 0.9em; color: #555555; }
.notes { margin-top: 3em; padding-top: 1em; border-top: 2px solid #cccccc; font-size: 0.92em; }
.notes-head { font-weight: bold; font-size: 0.85em; letter-spacing: 0.05em; color: #666666; }
.notes h2 { font-size: 1.05em; }
.glossary dt { font-weight: bold; margin-top: 1.1em; }
.glossary dd { margin: 0.2em 0 0 1.2em; }
.glossary dd p { margin: 0.15em 0; }
.glossary .uses { font-size: 0.8em; color: #666666; }
.credits dt { font-weight: bold; margin-top: 0.9em; }
.credits dd { margin: 0.2em 0 0 1.2em; }
.titlepage h1 { font-size: 2em; margin-top: 2em; }
.titlepage .title-en { font-size: 0.6em; font-style: italic; font-weight: normal; color: #555555; }
.tagline { color: #555555; }
.legend { list-style: none; padding-left: 0; }
.legend li { margin: 0.5em 0; }
.cover { margin: 0; padding: 0; text-align: center; }
.cover-img { max-width: 100%; max-height: 100%; }
.nav ol { list-style: none; padding-left: 1em; }
`;
