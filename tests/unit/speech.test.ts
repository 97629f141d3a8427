import { describe, expect, it } from 'vitest';
import { SegmentPlayer, clampRate, pickVoice, type SynthLike, type UtteranceLike, type VoiceLike } from '../../src/lib/speech';

/** A fake engine that records utterances; the test fires their events. */
function fakeSynth(voices: VoiceLike[] = [{ lang: 'zh-CN', name: 'zh' }, { lang: 'en-US', name: 'en' }]) {
  const spoken: UtteranceLike[] = [];
  const calls: string[] = [];
  const synth: SynthLike = {
    speak: (u) => {
      spoken.push(u);
      calls.push(`speak:${u.text}`);
    },
    cancel: () => calls.push('cancel'),
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
    getVoices: () => voices,
  };
  const make = (text: string): UtteranceLike => ({ text, lang: '', rate: 1, voice: null, onend: null, onerror: null });
  return { synth, make, spoken, calls };
}

const items = [
  { segId: 's05-p01-s1', text: '第一句。', lang: 'zh-CN' as const },
  { segId: 's05-p01-s2', text: '', lang: 'zh-CN' as const },
  { segId: 's05-p01-s3', text: '第三句。', lang: 'zh-CN' as const },
];

describe('SegmentPlayer', () => {
  it('reads non-empty segments in order, one utterance each, advancing on end', () => {
    const f = fakeSynth();
    const seen: string[] = [];
    const states: string[] = [];
    const p = new SegmentPlayer(f.synth, f.make, { onSegment: (id) => seen.push(id), onState: (s, r) => states.push(r ? `${s}:${r}` : s) });
    p.rate = 1.5;
    p.play(items);
    expect(f.spoken.map((u) => u.text)).toEqual(['第一句。']);
    expect(f.spoken[0]!.lang).toBe('zh-CN');
    expect(f.spoken[0]!.rate).toBe(1.5);
    expect(f.spoken[0]!.voice?.name).toBe('zh');
    f.spoken[0]!.onend!();
    expect(f.spoken.map((u) => u.text)).toEqual(['第一句。', '第三句。']);
    expect(p.currentSegId).toBe('s05-p01-s3');
    f.spoken[1]!.onend!();
    expect(seen).toEqual(['s05-p01-s1', 's05-p01-s3']);
    expect(states).toEqual(['playing', 'idle:finished']);
    expect(p.state).toBe('idle');
  });

  it('ignores late events from a cancelled utterance (engines differ on end after cancel)', () => {
    const f = fakeSynth();
    const p = new SegmentPlayer(f.synth, f.make);
    p.play(items);
    const first = f.spoken[0]!;
    const onend = first.onend!;
    p.stop();
    onend(); // Chrome-style late end for the cancelled utterance
    expect(f.spoken).toHaveLength(1);
    expect(p.state).toBe('idle');
  });

  it('pauses and resumes through the engine; stop while paused resumes before cancelling', () => {
    const f = fakeSynth();
    const p = new SegmentPlayer(f.synth, f.make);
    p.play(items);
    p.pause();
    expect(p.state).toBe('paused');
    p.pause();
    p.resume();
    expect(p.state).toBe('playing');
    p.pause();
    p.stop();
    expect(f.calls.filter((c) => c !== `speak:第一句。`)).toEqual(['cancel', 'pause', 'resume', 'pause', 'resume', 'cancel']);
  });

  it('stops and reports an engine error other than interruption', () => {
    const f = fakeSynth();
    const reasons: Array<string | undefined> = [];
    const p = new SegmentPlayer(f.synth, f.make, { onState: (_s, r) => reasons.push(r) });
    p.play(items);
    f.spoken[0]!.onerror!({ error: 'interrupted' });
    expect(p.state).toBe('playing');
    f.spoken[0]!.onerror!({ error: 'synthesis-failed' });
    expect(p.state).toBe('idle');
    expect(reasons.at(-1)).toBe('synthesis-failed');
  });

  it('refuses an empty queue with a clear error', () => {
    const f = fakeSynth();
    expect(() => new SegmentPlayer(f.synth, f.make).play([{ segId: 'x', text: '  ', lang: 'en' }])).toThrow(/nothing to read/);
  });
});

describe('pickVoice and clampRate', () => {
  it('matches on the primary language, preferring the exact region, then local voices', () => {
    const voices: VoiceLike[] = [
      { lang: 'en-GB', name: 'gb', localService: true },
      { lang: 'en-US', name: 'us' },
      { lang: 'zh_TW', name: 'tw' },
      { lang: 'fr-FR', name: 'fr', default: true },
    ];
    expect(pickVoice(voices, 'en')!.name).toBe('us');
    expect(pickVoice(voices, 'zh-CN')!.name).toBe('tw');
    expect(pickVoice([{ lang: 'fr-FR', name: 'fr' }], 'zh-CN')).toBeNull();
  });
  it('clamps rates to the offered range', () => {
    expect(clampRate(9)).toBe(2);
    expect(clampRate(0.1)).toBe(0.5);
    expect(clampRate(Number.NaN)).toBe(1);
    expect(clampRate(1.25)).toBe(1.25);
  });
});
