/**
 * `<read-aloud>`: reads the part aloud with the browser's speech synthesis,
 * segment by segment (browser module; the sequencing is src/lib/speech.ts).
 *
 * - Shown only when `speechSynthesis` exists and has a voice for a rendition
 *   the reader can see (voices may arrive late: `voiceschanged`).
 * - Adds a play button to every text paragraph (reads that paragraph) and
 *   offers "read from here" (from the paragraph at the top of the screen to
 *   the end of the part), pause/resume, stop, the rendition and the speed.
 * - Highlights the segment being read (`.seg-reading`, in the rendition read)
 *   and scrolls it into view when it leaves the screen.
 * - Stops on `pagehide`, and when the rendition being read is hidden by a
 *   view switch.
 */
import readAloudCss from '../styles/read-aloud.css?url';
import { readItem, storeItem } from './storage';
import { onUiChange, uiText } from './ui-text';
import { SegmentPlayer, clampRate, pickVoice, type SpeechItem, type SpeechLang, type UtteranceLike, type VoiceLike } from '../lib/speech';

type ReadRendition = 'literal' | 'free' | 'en';
const RENDITIONS: readonly ReadRendition[] = ['literal', 'free', 'en'];
const RATE_KEY = 'read-aloud-rate';
const langOf = (r: ReadRendition): SpeechLang => (r === 'en' ? 'en' : 'zh-CN');

const STATUS = {
  playing: { zh: '正在朗读', en: 'Reading aloud' },
  paused: { zh: '已暂停', en: 'Paused' },
  finished: { zh: '朗读结束', en: 'Finished reading' },
  stopped: { zh: '已停止朗读', en: 'Stopped reading' },
  error: { zh: '朗读中断：浏览器的语音合成出错', en: 'Reading stopped: the browser’s speech synthesis failed' },
  playPara: { zh: '从本段开始朗读', en: 'Read aloud from this paragraph' },
} as const;



/** True when the element takes up space on screen (not display:none, not hidden). */
function shown(el: Element): boolean {
  return el.getClientRects().length > 0;
}

class ReadAloud extends HTMLElement {
  private player: SegmentPlayer | null = null;
  private synth: SpeechSynthesis | null = null;
  private voices: VoiceLike[] = [];
  private reading: ReadRendition | null = null;
  private activePara: Element | null = null;
  private statusKey: keyof typeof STATUS | null = null;

  connectedCallback(): void {
    const synth = 'speechSynthesis' in window ? window.speechSynthesis : null;
    if (!synth || typeof window.SpeechSynthesisUtterance !== 'function') return; // stays hidden: nothing to speak with
    this.synth = synth;
    this.player = new SegmentPlayer(synth as unknown as ConstructorParameters<typeof SegmentPlayer>[0], (text) => new SpeechSynthesisUtterance(text) as unknown as UtteranceLike, {
      onSegment: (segId) => this.mark(segId),
      onState: (state, reason) => this.onState(state, reason),
    });
    const rate = this.q<HTMLInputElement>('rate');
    rate.value = String(clampRate(Number(readItem(RATE_KEY) ?? '1')));
    this.player.rate = Number(rate.value);
    this.showRate();
    rate.addEventListener('input', () => {
      this.player!.rate = Number(rate.value);
      this.showRate();
      storeItem(RATE_KEY, rate.value);
    });
    this.q('play').addEventListener('click', () => this.playFrom(document.querySelector('.text div[data-para-id]')));
    this.q('pause').addEventListener('click', () => (this.player!.state === 'paused' ? this.player!.resume() : this.player!.pause()));
    this.q('stop').addEventListener('click', () => this.player!.stop());
    this.q<HTMLSelectElement>('rendition').addEventListener('change', () => this.player!.stop());

    const refresh = () => {
      this.voices = synth.getVoices();
      this.update();
    };
    synth.addEventListener?.('voiceschanged', refresh);
    refresh();
    // The view (data-l / data-r on <html>) decides which renditions can be read.
    new MutationObserver(() => this.update()).observe(document.documentElement, { attributes: true, attributeFilter: ['data-l', 'data-r'] });
    onUiChange(() => this.relabel());
    window.addEventListener('pagehide', () => this.player?.stop());
    // Esc stops reading (unless a dialog or popover is taking it).
    document.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || e.defaultPrevented || this.player?.state === 'idle') return;
      if ((e.target as Element | null)?.closest?.('dialog, [popover]')) return;
      this.player?.stop();
    });
  }

  private q<T extends HTMLElement = HTMLElement>(name: string): T {
    return this.querySelector<T>(`[data-ra="${name}"]`)!;
  }

  private showRate(): void {
    this.q('rate-out').textContent = `${Number(this.q<HTMLInputElement>('rate').value)}×`;
  }

  /** Renditions the reader can see now and the browser has a voice for. */
  private readable(): ReadRendition[] {
    const sample = document.querySelector('div[data-para-id]');
    if (!sample) return [];
    return RENDITIONS.filter((r) => {
      const el = sample.querySelector(`[data-rendition="${r}"]`);
      return el !== null && shown(el) && pickVoice(this.voices, langOf(r)) !== null;
    });
  }

  /** Show or hide the controls, fill the rendition choice, stop if what is read was hidden. */
  private update(): void {
    const readable = this.readable();
    this.hidden = readable.length === 0;
    const select = this.q<HTMLSelectElement>('rendition');
    for (const opt of select.options) opt.hidden = opt.disabled = !readable.includes(opt.value as ReadRendition);
    if (!readable.includes(select.value as ReadRendition) && readable[0]) select.value = readable[0];
    select.closest('label')!.hidden = readable.length < 2;
    if (this.reading && !readable.includes(this.reading)) this.player?.stop();
    this.paragraphButtons(readable.length > 0);
  }

  /** Add (once) or show/hide the per-paragraph play buttons. */
  private paragraphButtons(visible: boolean): void {
    for (const para of document.querySelectorAll<HTMLElement>('.text div[data-para-id]')) {
      let btn = para.querySelector<HTMLButtonElement>(':scope > .para-listen');
      if (!btn) {
        btn = document.createElement('button');
        btn.type = 'button';
        btn.className = 'para-listen';
        btn.dataset.pagefindIgnore = '';
        btn.innerHTML = '<span aria-hidden="true">▶</span>';
        btn.addEventListener('click', () => {
          if (this.activePara === para && this.player!.state !== 'idle') this.player!.stop();
          else this.playFrom(para);
        });
        para.prepend(btn);
      }
      const label = uiText(STATUS.playPara);
      btn.setAttribute('aria-label', `${label} (${para.id})`);
      btn.title = label;
      btn.hidden = !visible;
    }
  }

  private playFrom(first: Element | null): void {
    if (!first) return;
    const all = [...document.querySelectorAll('.text div[data-para-id]')];
    this.playParagraphs(all.slice(Math.max(0, all.indexOf(first))));
  }

  /** Queue every segment of the chosen rendition of `paras`, in order, and start. */
  private playParagraphs(paras: Element[]): void {
    const rendition = this.q<HTMLSelectElement>('rendition').value as ReadRendition;
    const items: SpeechItem[] = [];
    for (const para of paras) {
      const r = para.querySelector(`[data-rendition="${rendition}"]`);
      for (const seg of r?.querySelectorAll<HTMLElement>('[data-seg-id]') ?? []) {
        items.push({ segId: seg.dataset.segId!, text: seg.textContent ?? '', lang: langOf(rendition) });
      }
    }
    if (items.length === 0) return;
    this.reading = rendition;
    this.player!.play(items);
  }

  /** Highlight the segment being read and keep it on screen. */
  private mark(segId: string): void {
    this.clearMark();
    const seg = document.querySelector<HTMLElement>(`[data-rendition="${this.reading}"] [data-seg-id="${CSS.escape(segId)}"]`);
    if (!seg) return;
    seg.classList.add('seg-reading');
    const para = seg.closest('div[data-para-id]');
    if (para !== this.activePara) {
      this.activePara?.classList.remove('para-reading');
      this.activePara?.querySelector('.para-listen')?.removeAttribute('aria-pressed');
      para?.classList.add('para-reading');
      para?.querySelector('.para-listen')?.setAttribute('aria-pressed', 'true');
      this.activePara = para;
    }
    const r = seg.getBoundingClientRect();
    const header = Math.max(0, document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0);
    const bar = this.querySelector('.ra-bar')!.getBoundingClientRect();
    const bottom = this.dataset.state === 'idle' ? window.innerHeight : Math.min(window.innerHeight, bar.top);
    if (r.top < header || r.bottom > bottom) seg.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }

  private clearMark(): void {
    for (const el of document.querySelectorAll('.seg-reading')) el.classList.remove('seg-reading');
  }

  private onState(state: 'idle' | 'playing' | 'paused', reason?: string): void {
    // The bar leaves the flow (it floats) while reading: hold its place so the text does not jump.
    this.style.minHeight = state === 'idle' ? '' : `${this.querySelector('.ra-bar')!.getBoundingClientRect().height}px`;
    this.dataset.state = state;
    const pause = this.q<HTMLButtonElement>('pause');
    pause.disabled = state === 'idle';
    pause.setAttribute('aria-pressed', String(state === 'paused'));
    this.q<HTMLButtonElement>('stop').disabled = state === 'idle';
    if (state === 'idle') {
      this.clearMark();
      this.activePara?.classList.remove('para-reading');
      this.activePara?.querySelector('.para-listen')?.removeAttribute('aria-pressed');
      this.activePara = null;
      this.reading = null;
    }
    const key = state === 'idle' ? (reason === 'finished' ? 'finished' : reason === 'stopped' ? 'stopped' : 'error') : state;
    this.statusKey = key;
    this.q('status').textContent = uiText(STATUS[key]);
  }

  /** Labels and the last status in the interface language now chosen. */
  private relabel(): void {
    const label = uiText(STATUS.playPara);
    for (const btn of document.querySelectorAll<HTMLButtonElement>('.para-listen')) {
      btn.setAttribute('aria-label', `${label} (${btn.parentElement?.id ?? ''})`);
      btn.title = label;
    }
    if (this.statusKey) this.q('status').textContent = uiText(STATUS[this.statusKey]);
  }
}

// The controls' styles load with this module, not with the page (issue 12): the element is defined
// (and so shown) once they apply, or once they failed to load.
const stylesheet = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: readAloudCss });
const styled = new Promise((resolve) => {
  stylesheet.addEventListener('load', resolve, { once: true });
  stylesheet.addEventListener('error', resolve, { once: true });
});
document.head.append(stylesheet);
void styled.then(() => {
  if (!customElements.get('read-aloud')) customElements.define('read-aloud', ReadAloud);
});
