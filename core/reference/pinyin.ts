import { pinyin } from 'pinyin-pro';

export interface NamePinyin {
  /** Full pinyin without tones or spaces: 张三 → zhangsan. */
  full: string;
  /** First letters: 张三 → zs. */
  initials: string;
}

const cache = new Map<string, NamePinyin>();
const CACHE_LIMIT = 200_000;
const HAN = /[\u3400-\u9fff]/;

/**
 * Pinyin of a person's name for search at the window, with surname readings (单 shan, 曾 zeng).
 * Names repeat a lot in a county roster, so results are cached.
 */
export function namePinyin(name: string): NamePinyin {
  const hit = cache.get(name);
  if (hit) return hit;
  let result: NamePinyin;
  if (!HAN.test(name)) {
    const words = name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
    result = { full: words.join(''), initials: words.map((w) => w[0]).join('') };
  } else {
    const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed', v: true }) as string[];
    const clean = syllables.map((s) => s.toLowerCase().replace(/[^a-z]/g, '')).filter(Boolean);
    result = { full: clean.join(''), initials: clean.map((s) => s[0]).join('') };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(name, result);
  return result;
}
