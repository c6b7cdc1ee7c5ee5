import { describe, expect, it } from 'vitest';
import zhCN from './zh-CN.json';
import en from './en.json';
import { CASE_STATUSES } from '../../../shared/cases/status';
import { CASE_EVENT_KINDS, PROXY_RELATIONSHIPS, SYNC_STATES } from '../../../shared/cases/model';
import { ROLES } from '../../../shared/roles';
import { FAMILIES } from '../../../shared/catalog/types';
import { ERROR_CODES } from '../../../shared/api/errors';
import { PERSON_FLAGS, PERSON_ID_KINDS, INSURANCE_TYPES, INSURANCE_STATUSES } from '../../../shared/persons';
import { CHANNEL_NAMES } from '../../../shared/api/contract';
import { DEFAULT_POLICY_TABLES } from '../../../shared/policy/tables/defaults';
import { GRADES } from '../../../shared/policy/ltc-assessment';
import { KeysStatusSchema } from '../../../shared/api/channels/keys';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const LANGS = { 'zh-CN': flatten(zhCN as Tree), en: flatten(en as Tree) };
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** A key as code uses it: present plain, or as the plural forms i18next picks with `count`. */
function has(lang: Map<string, string>, key: string): boolean {
  return lang.has(key) || lang.has(`${key}_other`);
}

function baseKeys(lang: Map<string, string>): Set<string> {
  return new Set([...lang.keys()].map((k) => k.replace(PLURAL, '')));
}

const SOURCES = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** Every literal `t('a.b')` in the source, plus quoted literals that look like keys of a known namespace (ternaries). */
function keysUsed(): Set<string> {
  const namespaces = new Set(Object.keys(zhCN));
  const channels = new Set<string>(CHANNEL_NAMES);
  const used = new Set<string>();
  for (const src of Object.values(SOURCES)) {
    for (const m of src.matchAll(/\bt\(\s*'([^'$]+)'/g)) used.add(m[1]!);
    for (const m of src.matchAll(/'([a-z][A-Za-z]*(?:\.[A-Za-z0-9_]+)+)'/g)) {
      if (namespaces.has(m[1]!.split('.')[0]!) && !channels.has(m[1]!)) used.add(m[1]!);
    }
  }
  return used;
}

describe('i18n keys', () => {
  it('has the same keys in zh-CN and en (plural forms aside)', () => {
    const zh = baseKeys(LANGS['zh-CN']);
    const enKeys = baseKeys(LANGS.en);
    expect([...zh].filter((k) => !enKeys.has(k)), 'missing in en').toEqual([]);
    expect([...enKeys].filter((k) => !zh.has(k)), 'missing in zh-CN').toEqual([]);
  });

  it('has no empty translation', () => {
    for (const [lang, map] of Object.entries(LANGS)) {
      expect([...map].filter(([, v]) => v.trim() === '').map(([k]) => `${lang}:${k}`)).toEqual([]);
    }
  });

  it('defines every key the source uses', () => {
    const used = keysUsed();
    expect(used.size).toBeGreaterThan(100);
    for (const [lang, map] of Object.entries(LANGS)) {
      expect([...used].filter((k) => !has(map, k)), `missing in ${lang}`).toEqual([]);
    }
  });

  it('defines the keys built from domain enumerations', () => {
    const dynamic = [
      ...CASE_STATUSES.map((s) => `status.${s}`),
      ...CASE_EVENT_KINDS.map((k) => `eventKind.${k}`),
      ...PROXY_RELATIONSHIPS.map((r) => `relationship.${r}`),
      ...SYNC_STATES.map((s) => `syncState.${s}`),
      ...ROLES.map((r) => `role.${r}`),
      ...FAMILIES.map((f) => `family.${f}`),
      ...ERROR_CODES.map((c) => `errorCode.${c}`),
      ...PERSON_FLAGS.map((f) => `flag.${f}`),
      ...PERSON_ID_KINDS.map((k) => `idKind.${k}`),
      ...INSURANCE_TYPES.map((k) => `insuranceType.${k}`),
      ...INSURANCE_STATUSES.map((k) => `insuranceStatus.${k}`),
      ...['tier1', 'tier2', 'minor'].map((k) => `tier.${k}`),
      ...['M', 'F'].map((k) => `sex.${k}`),
      ...['roster', 'window'].map((k) => `personSource.${k}`),
      ...['system', 'central'].map((k) => `actor.${k}`),
      ...['pending', 'uploading', 'stored'].map((k) => `uploadState.${k}`),
      ...['type', 'size', 'read'].map((k) => `files.${k}`),
      ...['elderly', 'disability', 'hardship', 'tuopin', 'monitored', 'military', 'talent'].map((k) => `hint.${k}`),
      ...['electron', 'http'].map((k) => `settings.transport_${k}`),
      ...['zh-CN', 'en'].map((k) => `language.${k}`),
      ...GRADES.map((g) => `ltc.grade_${g}`),
      ...['assessor1', 'assessor2', 'sameAssessor', 'date', 'futureDate', 'score'].map((p) => `ltc.problem_${p}`),
      'sync.opKind.person.registered',
      ...KeysStatusSchema.shape.cipher.options.map((c) => `security.cipherValue.${c}`),
    ];
    for (const [lang, map] of Object.entries(LANGS)) {
      expect(dynamic.filter((k) => !has(map, k)), `missing in ${lang}`).toEqual([]);
    }
  });

  it('names every key and word of the shipped policy tables (the policy-tables screen reads them)', () => {
    const keys = new Set<string>();
    const words = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (typeof v === 'object' && v !== null) {
        if ('zh-CN' in v) return;
        for (const [k, x] of Object.entries(v)) {
          keys.add(k);
          walk(x);
        }
      } else if (typeof v === 'string') words.add(v);
    };
    for (const t of DEFAULT_POLICY_TABLES) walk(t.body);
    for (const [lang, map] of Object.entries(LANGS)) {
      expect([...keys].filter((k) => !map.has(`policyKey.${k}`)), `policyKey missing in ${lang}`).toEqual([]);
      expect([...words].filter((w) => !map.has(`policyValue.${w}`)), `policyValue missing in ${lang}`).toEqual([]);
    }
  });

  it('keeps UI text out of components (no Chinese literals outside the translation files)', () => {
    const offenders = Object.entries(SOURCES)
      .filter(([path]) => path.endsWith('.tsx'))
      .flatMap(([path, src]) =>
        src
          .split('\n')
          .map((line, i) => ({ line: line.replace(/\/\/.*$|\/\*.*?\*\/|^\s*\*.*$/g, ''), n: i + 1 }))
          .filter(({ line }) => /[\u4e00-\u9fff]/.test(line))
          .map(({ n, line }) => `${path}:${n}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
