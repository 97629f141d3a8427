/**
 * Choosing a speech voice (see src/lib/speech.ts, which re-exports it): kept
 * apart from the player so that ReadAloud.astro's check "is there a voice?",
 * which runs on every part page, does not bring the player with it.
 */
import type { SpeechLang, VoiceLike } from './speech';

/**
 * The best voice for a language, or null when the browser has none (the
 * control is then hidden). Matching is on the primary language subtag
 * (`zh-CN` matches `zh-CN`, `zh-TW`, `zh_CN`, `cmn-Hans-CN`), preferring an
 * exact region match, then a local (offline) voice, then the default voice.
 *
 * @param voices from `speechSynthesis.getVoices()` (may be empty before `voiceschanged`)
 * @param lang the language to read
 */
export function pickVoice(voices: readonly VoiceLike[], lang: SpeechLang): VoiceLike | null {
  const primary = lang === 'en' ? ['en'] : ['zh', 'cmn'];
  const norm = (l: string) => l.replace('_', '-').toLowerCase();
  const candidates = voices.filter((v) => primary.includes(norm(v.lang).split('-')[0]!));
  if (candidates.length === 0) return null;
  const score = (v: VoiceLike) =>
    (norm(v.lang) === norm(lang === 'en' ? 'en-US' : 'zh-CN') ? 4 : 0) + (v.localService ? 2 : 0) + (v.default ? 1 : 0);
  return [...candidates].sort((a, b) => score(b) - score(a))[0]!;
}
