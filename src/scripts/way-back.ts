/**
 * Finding the way back (browser module, loaded by reader.ts when there is a
 * place to offer or on the first jump):
 * - continue reading: fills the row the inline view script reserved
 *   (`<html data-resume>`, `[data-resume-slot]`) with a link to the stored
 *   place (src/lib/reading-place.ts): on a part page its own place, on the home
 *   page one link per part read, most recent first. The link is a fragment link, so reader.ts's
 *   landing keeper holds it in place while figures above it load;
 * - jump to ¶: reads a paragraph number or id from the form, goes there, or
 *   says clearly why not. A sentence number past the paragraph's last sentence
 *   goes to the paragraph (one sentence) or its last sentence, and says so.
 *
 * Messages are keys of src/lib/i18n.ts (this chunk loads with the reading tools,
 * after the first interaction).
 */
import { isResumable, paragraphNumber, parsePlaces, parseParagraphRef, placeLabel, refLabel, resumablePlaces, type ReadingPlace } from '../lib/reading-place';
import { t, type Bilingual } from '../lib/i18n';
import { setBilingual } from './ui-text';
import { PART_ROUTES, partPath } from '../lib/parts';

/**
 * A continue-reading link: `继续阅读 · 05 ¶18 →`, with the part's title after
 * the place when `title` is given (`… · 05 ¶18 · 神经网络 →`).
 * @param place where the reader stopped
 * @param title the part's title in both languages (its leading number `05. ` is dropped: the label has it)
 */
function resumeLink(place: ReadingPlace, title?: Bilingual): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = `${place.path}#${place.id}`;
  a.dataset.resumeLink = place.id;
  // The words in one inline run (the link is a flex box: loose text would become its own item),
  // cut with an ellipsis when the line is too narrow (a phone); the arrow after them, always shown.
  const label = document.createElement('span');
  label.append(setBilingual(document.createElement('span'), t('continueReading')), ` · ${placeLabel(place.id)}`);
  if (title) {
    const strip = (s: string) => s.replace(/^\d+\.\s*/, '');
    label.append(' · ', setBilingual(document.createElement('span'), { zh: strip(title.zh), en: strip(title.en) }));
  }
  const arrow = document.createElement('span');
  arrow.textContent = '→';
  a.append(label, arrow);
  return a;
}

/**
 * Fill the continue-reading row: on a part page (`data-resume-slot="part"`)
 * with this page's stored place; on the home page (`"home"`, which carries the
 * parts' titles in `data-parts`) with a list of one link per part read, most
 * recent first. Leaves the row empty when there is nothing to offer.
 * @param stored the stored places (localStorage value of PLACES_STORAGE_KEY), or null
 */
export function showResume(stored: string | null): void {
  const slot = document.querySelector<HTMLElement>('[data-resume-slot]');
  if (!slot) return;
  const places = parsePlaces(stored);
  if (slot.dataset.resumeSlot === 'part') {
    const place = Object.values(places).find((p) => p.path === location.pathname && isResumable(p));
    if (place) slot.replaceChildren(resumeLink(place));
    return;
  }
  const offered = resumablePlaces(places);
  if (offered.length === 0) return;
  let titles: Record<string, Bilingual> = {};
  try {
    titles = JSON.parse(slot.dataset.parts ?? '{}') as Record<string, Bilingual>;
  } catch {
    /* no titles: the labels alone */
  }
  const list = document.createElement('ul');
  for (const place of offered) {
    const item = document.createElement('li');
    item.append(resumeLink(place, titles[place.id.slice(0, 3)]));
    list.append(item);
  }
  slot.replaceChildren(list);
}

/** "05" for `s05`: a part's number as the source numbers its sections. */
const partNumber = (part: string) => part.slice(1);

/**
 * Give the paragraph a jump went to the keyboard focus (it is focusable,
 * `tabindex=-1`), so Tab and a screen reader continue from there. The fragment
 * navigation may focus it first and reader.ts then takes that focus away (an
 * arrival by link draws no ring): a blur to nowhere within the next 3 s is
 * undone once; any other move of the reader's is left alone.
 * @param para the paragraph element (`div[data-para-id]`)
 */
function focusAfterJump(para: HTMLElement): void {
  const until = performance.now() + 3000;
  let restored = false;
  const onOut = (e: FocusEvent) => {
    if (restored || e.relatedTarget || performance.now() > until) return;
    restored = true;
    para.removeEventListener('focusout', onOut);
    // After the blur has finished (focusout fires before focus leaves).
    setTimeout(() => document.activeElement === document.body && para.focus({ preventScroll: true }));
  };
  para.addEventListener('focusout', onOut);
  setTimeout(() => para.removeEventListener('focusout', onOut), 3000);
  para.focus({ preventScroll: true });
}

/**
 * Jump to the paragraph (or sentence) the form's input names, in this part;
 * otherwise say why in the form's status line and keep the page where it is:
 * nothing typed, unreadable, ¶0, a number past the last paragraph (`999`: this
 * part has ¶1 to ¶N), an id of another part (with a link to it there,
 * `s06-p04` → /training/#s06-p04) or of a part the site does not have.
 * A jump is a fragment navigation (one history entry, Back returns); the
 * paragraph then has the keyboard focus, and the form stays ready for the next jump.
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
  const vars: Record<string, string> = { q, part, last: String(last) };
  const fail = (s: Bilingual) => {
    setBilingual(msg, s, vars);
    input.setAttribute('aria-invalid', 'true');
    input.focus({ preventScroll: true });
  };
  if (!ref.ok) {
    if (ref.reason !== 'other-part') return fail(t(ref.reason === 'empty' ? 'jumpEmpty' : ref.reason === 'zero' ? 'jumpZero' : 'jumpMalformed'));
    vars.num = partNumber(ref.part);
    const route = PART_ROUTES.find((r) => r.part === ref.part);
    if (!route) {
      vars.list = PART_ROUTES.map((r) => partNumber(r.part)).join(', ');
      return fail(t('jumpNoPart'));
    }
    fail(t('jumpOtherPart'));
    const a = document.createElement('a');
    a.href = `${partPath(ref.part)}#${ref.id}`;
    setBilingual(a, t('jumpOpenPart'), { num: vars.num, label: refLabel(ref.id) });
    msg.append(' ', a);
    return;
  }
  const paraId = ref.id.replace(/-s\d+$/, '');
  const para = document.getElementById(paraId);
  if (!para?.matches('[data-para-id]')) return fail(t('jumpNone'));
  input.removeAttribute('aria-invalid');
  const n = paragraphNumber(paraId);
  let target = ref.id;
  let said: Bilingual = t('jumpWent');
  let count = 0;
  if (ref.id !== paraId && !document.querySelector(`[data-seg-id="${CSS.escape(ref.id)}"]`)) {
    // A sentence the paragraph does not have (`18.2` where ¶18 is one sentence): the paragraph, or its nearest sentence.
    count = new Set([...para.querySelectorAll('[data-rendition] > [data-seg-id]')].map((s) => s.getAttribute('data-seg-id'))).size;
    // (Sentence 0 names no sentence: the paragraph itself.)
    const k = Number(ref.id.replace(/^.*-s/, ''));
    target = count <= 1 || k < 1 ? paraId : `${paraId}-s${Math.min(k, count)}`;
    if (k >= 1) said = t(count <= 1 ? 'jumpOneSentence' : 'jumpFewSentences');
  }
  setBilingual(msg, said, { para: `¶${n}`, n: String(count), label: refLabel(target) });
  if (location.hash === `#${target}`) dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = target;
  focusAfterJump(para);
}
