/**
 * The hall's voice (叫号播报): "请 A012 号 到 2 号窗口 办理" spoken in Mandarin by the system's speech synthesis when
 * it has a zh-CN voice, otherwise a chime (two tones through Web Audio). The text is always shown on screen at the
 * same time by the caller. Nothing here leaves the machine: speechSynthesis uses the system's local voices.
 */
export type AnnounceVia = 'speech' | 'chime' | 'none';

/** The zh-CN (or any zh) voice of the system, preferring a local one; null when there is none. */
export function chineseVoice(voices: readonly SpeechSynthesisVoice[]): SpeechSynthesisVoice | null {
  const zh = voices.filter((v) => /^zh([-_]CN|[-_]Hans)?/i.test(v.lang) || /^cmn/i.test(v.lang));
  const cn = zh.filter((v) => /CN|Hans/i.test(v.lang));
  const pick = (list: SpeechSynthesisVoice[]) => list.find((v) => v.localService) ?? list[0] ?? null;
  return pick(cn) ?? pick(zh);
}

let audio: AudioContext | null = null;

/** Two soft tones (ding-dong), about 0.9 s. */
export function chime(): boolean {
  const Ctx = window.AudioContext;
  if (!Ctx) return false;
  try {
    audio ??= new Ctx();
    const at = audio.currentTime;
    for (const [freq, start] of [
      [880, 0],
      [660, 0.45],
    ] as const) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, at + start);
      gain.gain.exponentialRampToValueAtTime(0.3, at + start + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + start + 0.42);
      osc.connect(gain).connect(audio.destination);
      osc.start(at + start);
      osc.stop(at + start + 0.45);
    }
    return true;
  } catch {
    return false;
  }
}

/** Say `text` (twice, as halls do) in Mandarin, or chime when the system has no Chinese voice. */
export function announce(text: string): AnnounceVia {
  const synth = window.speechSynthesis;
  const voice = synth ? chineseVoice(synth.getVoices()) : null;
  if (synth && voice) {
    synth.cancel();
    for (let i = 0; i < 2; i++) {
      const u = new SpeechSynthesisUtterance(text);
      u.voice = voice;
      u.lang = voice.lang;
      u.rate = 0.9;
      synth.speak(u);
    }
    return 'speech';
  }
  return chime() ? 'chime' : 'none';
}
