/**
 * Reading aloud, segment by segment, with the browser's own speech synthesis
 * (Web Speech API, `speechSynthesis`; https://webspeech.spec.whatwg.org/).
 * Pure TypeScript: the synthesis engine is passed in, so the sequencing is
 * tested without a browser and the page code stays thin. No other origin is
 * contacted: the browser's local or OS voices speak; nothing is downloaded.
 *
 * One utterance per segment (`sNN-pNN-sK`): the player speaks the queue in
 * order, tells the page which segment is being read (to highlight it), and
 * moves on when the engine fires `end`. Pause/resume map to the engine's own;
 * stop cancels the queue.
 */

/** BCP 47 language of what is read: the Chinese renditions or the English. */
export type SpeechLang = 'zh-CN' | 'en';

/** One piece of text to read: a segment of one rendition. */
export interface SpeechItem {
  /** Segment id, e.g. `s05-p07-s2`. */
  segId: string;
  text: string;
  lang: SpeechLang;
}

/** The part of `SpeechSynthesisVoice` the player needs. */
export interface VoiceLike {
  lang: string;
  name: string;
  default?: boolean;
  localService?: boolean;
}

/** The part of `SpeechSynthesisUtterance` the player sets and listens to. */
export interface UtteranceLike {
  text: string;
  lang: string;
  rate: number;
  voice: VoiceLike | null;
  onend: ((ev?: unknown) => void) | null;
  onerror: ((ev?: { error?: string }) => void) | null;
}

/** The part of `window.speechSynthesis` the player uses. */
export interface SynthLike {
  speak(u: UtteranceLike): void;
  cancel(): void;
  pause(): void;
  resume(): void;
  getVoices(): VoiceLike[];
}

/** Player state, as shown by the controls. */
export type PlayerState = 'idle' | 'playing' | 'paused';

/** Callbacks from the player to the page. */
export interface PlayerEvents {
  /** A segment starts being read (highlight it). */
  onSegment?(segId: string, index: number): void;
  /** State changed (update the buttons). `reason` says why it stopped: finished, stopped, or an engine error name. */
  onState?(state: PlayerState, reason?: string): void;
}

/** Slowest and fastest rates offered; the Web Speech API allows 0.1–10, voices sound right in about this range. */
export const RATE_MIN = 0.5;
export const RATE_MAX = 2;

/**
 * Clamp a speech rate to [{@link RATE_MIN}, {@link RATE_MAX}]; NaN gives 1.
 * @param rate multiple of the voice's normal speed (1 = normal)
 */
export function clampRate(rate: number): number {
  if (!Number.isFinite(rate)) return 1;
  return Math.min(RATE_MAX, Math.max(RATE_MIN, rate));
}

// pickVoice lives in its own module so that the page's small voice check does not ship the player (issue 12).
import { pickVoice } from './speech-voice';
export { pickVoice };

/**
 * Speaks a queue of segments one after another on an injected engine.
 *
 * Engines differ in when they fire `end` after `cancel()` (Chrome fires
 * `end`/`error: interrupted` for the cancelled utterance, Safari may fire
 * nothing): the player ignores every event from an utterance that is no
 * longer current, so a stop or a new play never advances the old queue.
 */
export class SegmentPlayer {
  private queue: SpeechItem[] = [];
  private index = -1;
  private current: UtteranceLike | null = null;
  private _state: PlayerState = 'idle';
  private _rate = 1;

  /**
   * @param synth the engine (`window.speechSynthesis` in the page, a fake in tests)
   * @param makeUtterance builds an utterance (`(t) => new SpeechSynthesisUtterance(t)` in the page)
   * @param events callbacks to the page
   */
  constructor(
    private readonly synth: SynthLike,
    private readonly makeUtterance: (text: string) => UtteranceLike,
    private readonly events: PlayerEvents = {},
  ) {}

  /** Current state. */
  get state(): PlayerState {
    return this._state;
  }

  /** Segment being read, or null. */
  get currentSegId(): string | null {
    return this.index >= 0 && this.index < this.queue.length ? this.queue[this.index]!.segId : null;
  }

  /** Rate for the next utterances (multiple of normal speed, clamped by {@link clampRate}). */
  get rate(): number {
    return this._rate;
  }
  set rate(r: number) {
    this._rate = clampRate(r);
  }

  /**
   * Start reading `items` from the first (cancels anything being read).
   * Items with empty text are skipped.
   * @throws Error when no item has text
   */
  play(items: readonly SpeechItem[]): void {
    const queue = items.filter((i) => i.text.trim() !== '');
    if (queue.length === 0) throw new Error('nothing to read: every segment is empty');
    this.cancelCurrent();
    this.queue = queue;
    this.index = -1;
    this.setState('playing');
    this.next();
  }

  /** Pause at the current word (engine pause); no-op unless playing. */
  pause(): void {
    if (this._state !== 'playing') return;
    this.synth.pause();
    this.setState('paused');
  }

  /** Resume after {@link pause}; no-op unless paused. */
  resume(): void {
    if (this._state !== 'paused') return;
    this.synth.resume();
    this.setState('playing');
  }

  /** Stop and forget the queue (also call on `pagehide`). */
  stop(reason = 'stopped'): void {
    if (this._state === 'idle') return;
    this.cancelCurrent();
    this.queue = [];
    this.index = -1;
    this.setState('idle', reason);
  }

  private cancelCurrent(): void {
    if (this.current) {
      this.current.onend = null;
      this.current.onerror = null;
      this.current = null;
    }
    // Some engines keep a paused queue across cancel(); resume first so the next speak() is heard.
    if (this._state === 'paused') this.synth.resume();
    this.synth.cancel();
  }

  private next(): void {
    this.index += 1;
    if (this.index >= this.queue.length) {
      this.current = null;
      this.queue = [];
      this.index = -1;
      this.setState('idle', 'finished');
      return;
    }
    const item = this.queue[this.index]!;
    const u = this.makeUtterance(item.text);
    u.lang = item.lang;
    u.rate = this._rate;
    u.voice = pickVoice(this.synth.getVoices(), item.lang);
    u.onend = () => {
      if (this.current === u) this.next();
    };
    u.onerror = (ev) => {
      if (this.current !== u) return;
      const error = ev?.error ?? 'error';
      // "interrupted"/"canceled" come from our own cancel(); anything else stops the reading and is reported.
      if (error === 'interrupted' || error === 'canceled') return;
      this.current = null;
      this.stop(error);
    };
    this.current = u;
    this.events.onSegment?.(item.segId, this.index);
    this.synth.speak(u);
  }

  private setState(s: PlayerState, reason?: string): void {
    this._state = s;
    this.events.onState?.(s, reason);
  }
}
