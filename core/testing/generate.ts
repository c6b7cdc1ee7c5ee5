import type { RosterRow } from '../../shared/persons';
import { residentId } from './fixtures';

/**
 * Synthetic but realistic data for benchmarks, end-to-end tests and demos: Chinese names from common
 * surnames and given-name characters, valid resident ID numbers of one county, mobile numbers.
 * Deterministic for a given seed.
 */

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕辉建国德胜志国永军海云凤兰春梅金华宁波斌宇浩然子涵欣怡雨轩梓萱一诺思远佳琪文博晨阳嘉怡俊杰书豪梦琪宏伟秀珍淑珍玉兰桂芝凤英'];
const AREAS = ['371002', '371003', '371082', '371083'];

export function syntheticName(rand: () => number): string {
  const s = SURNAMES[Math.floor(rand() * SURNAMES.length)]!;
  const n = rand() < 0.7 ? 2 : 1;
  let g = '';
  for (let i = 0; i < n; i++) g += GIVEN[Math.floor(rand() * GIVEN.length)]!;
  return s + g;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/**
 * The i-th synthetic roster row. ID numbers are unique for i < 4 × 36,500 × 999: birth dates spread over
 * 100 years and four area codes, the sequence number taken from i.
 */
export function syntheticRosterRow(i: number, rand: () => number): RosterRow {
  const area = AREAS[i % AREAS.length]!;
  const k = Math.floor(i / AREAS.length);
  const day = k % 36_500; // days since 1926-01-01
  const seq = 1 + (Math.floor(k / 36_500) % 999);
  const d = new Date(Date.UTC(1926, 0, 1) + day * 86_400_000);
  const birth = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const flags: RosterRow['flags'] = [];
  const r = rand();
  if (r < 0.03) flags.push('dibao');
  else if (r < 0.04) flags.push('tekun');
  else if (r < 0.06) flags.push('tuopin');
  if (rand() < 0.02) flags.push('disability');
  return {
    idNumber: residentId(birth, seq, area),
    name: syntheticName(rand),
    phone: `1${3 + Math.floor(rand() * 7)}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
    regionCode: area,
    flags,
    insurance: [{ type: '390', status: '1', regionCode: area, since: '2020-01-01', tier: rand() < 0.5 ? 'tier1' : 'tier2' }],
  };
}

/** An iterable factory over `count` synthetic roster rows (re-iterable, as the roster loader needs). */
export function syntheticRoster(count: number, seed = 42): () => Iterable<RosterRow> {
  return function* () {
    const rand = prng(seed);
    for (let i = 0; i < count; i++) yield syntheticRosterRow(i, rand);
  };
}
