import { describe, expect, it } from 'vitest';
import { chineseVoice } from './announce';

const v = (lang: string, name: string, localService = true) => ({ lang, name, localService, default: false, voiceURI: name }) as SpeechSynthesisVoice;

describe('the hall voice picks a Mandarin voice', () => {
  it.each([
    { voices: [v('en-US', 'a'), v('zh-CN', 'b')], want: 'b' },
    { voices: [v('zh-TW', 'tw'), v('zh-CN', 'cn', false), v('zh-CN', 'cn-local')], want: 'cn-local' },
    { voices: [v('zh_CN', 'underscore')], want: 'underscore' },
    { voices: [v('zh-HK', 'hk')], want: 'hk' },
    { voices: [v('en-GB', 'x'), v('ja-JP', 'y')], want: null },
    { voices: [], want: null },
  ])('$want', ({ voices, want }) => {
    expect(chineseVoice(voices)?.name ?? null).toBe(want);
  });
});
