/**
 * Finding the way back (browser module, loaded by reader.ts when there is a
 * place to offer or on the first jump):
 * - continue reading: fills the row the inline view script reserved
 *   (`<html data-resume>`, `[data-resume-slot]`) with a link to the stored
 *   place (src/lib/reading-place.ts): on a part page its own place, on the home
 *   page the most recent one. The link is a fragment link, so reader.ts's
 *   landing keeper holds it in place while figures above it load;
 * - jump to ¶: reads a paragraph number or id from the form, goes there, or
 *   says clearly why not.
 */
import { isResumable, paragraphNumber, parsePlaces, parseParagraphRef, placeLabel, resumablePlaces } from '../lib/reading-place';
import type { Bilingual } from '../lib/i18n';

const TEXT = {
  resume: { zh: '继续阅读', en: 'Continue reading' },
  empty: { zh: '请输入段号（如 18）或编号（如 s05-p18）。', en: 'Type a paragraph number (like 18) or an id (like s05-p18).' },
  malformed: { zh: '看不懂“{q}”：请输入段号（如 18）或编号（如 s05-p18）。', en: 'Could not read “{q}”: type a paragraph number (like 18) or an id (like s05-p18).' },
  otherPart: { zh: '“{q}”属于另一部分；本部分的段落编号以 {part} 开头。', en: '“{q}” belongs to another part; paragraphs here start with {part}.' },
  none: { zh: '本部分没有“{q}”：段号从 ¶1 到 ¶{last}。', en: 'There is no “{q}” in this part: paragraphs run from ¶1 to ¶{last}.' },
  going: { zh: '已跳到 {label}。', en: 'Went to {label}.' },
} satisfies Record<string, Bilingual>;

/** Both languages of a message, as UiText renders them (CSS shows the reader's). */
function setBilingual(el: Element, s: Bilingual, vars: Record<string, string> = {}): void {
  const fill = (x: string) => x.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
  el.replaceChildren();
  for (const [lang, cls, text] of [['zh-CN', 'ui-zh', s.zh], ['en', 'ui-en', s.en]] as const) {
    const span = document.createElement('span');
    span.lang = lang;
    span.className = cls;
    span.textContent = fill(text);
    el.append(span);
  }
}

/**
 * Fill the continue-reading row: on a part page (`data-resume-slot="part"`)
 * with this page's stored place, on the home page (`"home"`, which carries the
 * parts' titles in `data-parts`) with the most recent place. Leaves the row
 * empty when there is nothing to offer.
 * @param stored the stored places (localStorage value of PLACES_STORAGE_KEY), or null
 */
export function showResume(stored: string | null): void {
  const slot = document.querySelector<HTMLElement>('[data-resume-slot]');
  if (!slot) return;
  const places = parsePlaces(stored);
  const here = slot.dataset.resumeSlot === 'part';
  const place = here ? Object.values(places).find((p) => p.path === location.pathname && isResumable(p)) : resumablePlaces(places)[0];
  if (!place) return;
  const a = document.createElement('a');
  a.href = `${place.path}#${place.id}`;
  a.dataset.resumeLink = place.id;
  // One inline run (the link is a flex box: loose text would become its own item).
  const label = document.createElement('span');
  const words = document.createElement('span');
  setBilingual(words, TEXT.resume);
  label.append(words, ` · ${placeLabel(place.id)}`);
  if (!here) {
    try {
      const titles = JSON.parse(slot.dataset.parts ?? '{}') as Record<string, Bilingual>;
      const t = titles[place.id.slice(0, 3)];
      const title = document.createElement('span');
      // The part number is already in the label: `05. 神经网络` → `神经网络`.
      if (t) setBilingual(title, { zh: t.zh.replace(/^\d+\.\s*/, ''), en: t.en.replace(/^\d+\.\s*/, '') });
      if (t) label.append(' · ', title);
    } catch {
      /* no titles: the label alone */
    }
  }
  label.append(' →');
  a.append(label);
  slot.replaceChildren(a);
}

/**
 * Jump to the paragraph (or sentence) the form's input names, in this part;
 * otherwise say why in the form's status line and keep the page where it is.
 * A jump is a fragment navigation (one history entry, Back returns).
 * @param form the `form[data-jump]` (its `data-jump` is the part id, e.g. `s05`)
 */
export function jumpFromForm(form: HTMLFormElement): void {
  const input = form.querySelector('input')!;
  const msg = form.querySelector('.jump-msg')!;
  const part = form.dataset.jump ?? '';
  const q = input.value.trim();
  const ref = parseParagraphRef(q, part);
  const paras = [...document.querySelectorAll<HTMLElement>('.text [data-para-id]')];
  const last = Math.max(...paras.map((p) => paragraphNumber(p.id)).filter(Number.isFinite));
  const fail = (s: Bilingual) => {
    setBilingual(msg, s, { q, part, last: String(last) });
    input.setAttribute('aria-invalid', 'true');
    input.focus({ preventScroll: true });
  };
  if (!ref.ok) return fail(ref.reason === 'empty' ? TEXT.empty : ref.reason === 'other-part' ? TEXT.otherPart : TEXT.malformed);
  const paraId = ref.id.replace(/-s\d+$/, '');
  const exists = document.getElementById(paraId) && (ref.id === paraId || document.querySelector(`[data-seg-id="${CSS.escape(ref.id)}"]`));
  if (!exists) return fail(TEXT.none);
  input.removeAttribute('aria-invalid');
  setBilingual(msg, TEXT.going, { label: ref.id === paraId ? `¶${paragraphNumber(paraId)}` : `¶${paragraphNumber(paraId)}.${ref.id.replace(/^.*-s/, '')}` });
  if (location.hash === `#${ref.id}`) dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = ref.id;
}
