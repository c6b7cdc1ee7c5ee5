import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CatalogItemSchema } from '../catalog/types';
import type { CatalogItem, CatalogItemInput } from '../catalog/types';
import { applicableMaterialCodes, assessMaterials, materialsFor } from './materials';

const t = (zh: string, en = zh) => ({ 'zh-CN': zh, en });
const opt = (value: string) => ({ value, label: t(value) });

/** A hand-made item with every kind of material; `override` replaces top-level keys. */
function item(override: Partial<CatalogItemInput> = {}): CatalogItem {
  return CatalogItemSchema.parse({
    code: 'test_item',
    family: 'enrollment',
    group: t('测试'),
    name: t('测试事项', 'Test item'),
    mode: 'time_limited',
    limitWorkingDays: 5,
    rongque: { maxPromiseWorkingDays: 10 },
    lowestLevel: 'town',
    proxyAllowed: true,
    fields: [
      { key: 'hardship', label: t('困难类别'), required: true, type: 'enum', options: [opt('none'), opt('dibao'), opt('tekun')] },
      { key: 'disabled', label: t('是否残疾'), required: false, type: 'boolean' },
      { key: 'services', label: t('服务'), required: false, type: 'multiEnum', options: [opt('a'), opt('b'), opt('c')] },
      { key: 'years', label: t('年数'), required: false, type: 'integer' },
    ],
    materials: [
      { code: 'id_card', name: t('身份证'), requirement: 'required', deferrable: false },
      { code: 'photo', name: t('照片'), requirement: 'required', deferrable: true },
      { code: 'bank_card', name: t('银行卡'), requirement: 'optional', deferrable: false },
      { code: 'hardship_cert', name: t('困难证明'), requirement: 'conditional', condition: { kind: 'field', field: 'hardship', oneOf: ['dibao', 'tekun'] }, deferrable: true },
      { code: 'disability_cert', name: t('残疾证'), requirement: 'conditional', condition: { kind: 'field', field: 'disabled', oneOf: [true] }, deferrable: false },
      { code: 'service_form', name: t('服务申请表'), requirement: 'conditional', condition: { kind: 'field', field: 'services', oneOf: ['b'] }, deferrable: true },
      { code: 'veteran_form', name: t('年限证明'), requirement: 'conditional', condition: { kind: 'field', field: 'years', oneOf: [15, 20] }, deferrable: true },
      { code: 'proxy_id', name: t('代办人身份证'), requirement: 'conditional', condition: { kind: 'proxy' }, deferrable: false },
      { code: 'proxy_letter', name: t('委托书'), requirement: 'conditional', condition: { kind: 'proxy' }, deferrable: true },
    ],
    ...override,
  });
}

const ITEM = item();
const codes = (xs: readonly { material: { code: string }; needed: boolean }[]) => xs.map((x) => `${x.material.code}${x.needed ? '' : '?'}`);
const mcodes = (xs: readonly { code: string }[]) => xs.map((m) => m.code);

describe('materialsFor', () => {
  it('lists required and optional materials; conditionals only when their condition holds', () => {
    expect(codes(materialsFor(ITEM, { hardship: 'none' }, false))).toEqual(['id_card', 'photo', 'bank_card?']);
  });

  it('adds a field-conditional material when the field holds one of its values', () => {
    expect(codes(materialsFor(ITEM, { hardship: 'dibao' }, false))).toEqual(['id_card', 'photo', 'bank_card?', 'hardship_cert']);
    expect(codes(materialsFor(ITEM, { hardship: 'tekun' }, false))).toContain('hardship_cert');
    expect(codes(materialsFor(ITEM, { hardship: 'none' }, false))).not.toContain('hardship_cert');
    expect(codes(materialsFor(ITEM, {}, false))).not.toContain('hardship_cert');
  });

  it('compares without coercion: boolean true is not "true", 15 is not "15"', () => {
    expect(codes(materialsFor(ITEM, { hardship: 'none', disabled: true }, false))).toContain('disability_cert');
    expect(codes(materialsFor(ITEM, { hardship: 'none', disabled: false }, false))).not.toContain('disability_cert');
    expect(codes(materialsFor(ITEM, { hardship: 'none', disabled: 'true' }, false))).not.toContain('disability_cert');
    expect(codes(materialsFor(ITEM, { hardship: 'none', years: 15 }, false))).toContain('veteran_form');
    expect(codes(materialsFor(ITEM, { hardship: 'none', years: 20 }, false))).toContain('veteran_form');
    expect(codes(materialsFor(ITEM, { hardship: 'none', years: 16 }, false))).not.toContain('veteran_form');
    expect(codes(materialsFor(ITEM, { hardship: 'none', years: '15' }, false))).not.toContain('veteran_form');
  });

  it('a condition on a multi-choice field holds when any chosen value is listed', () => {
    expect(codes(materialsFor(ITEM, { hardship: 'none', services: ['a', 'b'] }, false))).toContain('service_form');
    expect(codes(materialsFor(ITEM, { hardship: 'none', services: ['b'] }, false))).toContain('service_form');
    expect(codes(materialsFor(ITEM, { hardship: 'none', services: ['a', 'c'] }, false))).not.toContain('service_form');
    expect(codes(materialsFor(ITEM, { hardship: 'none', services: [] }, false))).not.toContain('service_form');
  });

  it('adds proxy materials when someone handles the case for the person', () => {
    expect(codes(materialsFor(ITEM, { hardship: 'none' }, true))).toEqual(['id_card', 'photo', 'bank_card?', 'proxy_id', 'proxy_letter']);
  });

  it('keeps catalog order with everything at once', () => {
    const all = materialsFor(ITEM, { hardship: 'dibao', disabled: true, services: ['b'], years: 15 }, true);
    expect(codes(all)).toEqual(['id_card', 'photo', 'bank_card?', 'hardship_cert', 'disability_cert', 'service_form', 'veteran_form', 'proxy_id', 'proxy_letter']);
    expect(all.every((n) => n.material === ITEM.materials.find((m) => m.code === n.material.code))).toBe(true);
  });

  it('applicableMaterialCodes gives needed and optional codes alike', () => {
    expect([...applicableMaterialCodes(ITEM, { hardship: 'none' }, false)]).toEqual(['id_card', 'photo', 'bank_card']);
    expect(applicableMaterialCodes(ITEM, { hardship: 'dibao' }, true).has('proxy_letter')).toBe(true);
    expect(applicableMaterialCodes(ITEM, { hardship: 'dibao' }, false).has('proxy_letter')).toBe(false);
  });
});

describe('assessMaterials', () => {
  it('complete when everything needed is received (optional ones may be missing)', () => {
    expect(assessMaterials(ITEM, { hardship: 'none' }, false, new Set(['id_card', 'photo']))).toEqual({ kind: 'complete' });
    expect(assessMaterials(ITEM, { hardship: 'dibao' }, true, new Set(['id_card', 'photo', 'hardship_cert', 'proxy_id', 'proxy_letter']))).toEqual({
      kind: 'complete',
    });
  });

  it('extra received codes do not matter', () => {
    expect(assessMaterials(ITEM, { hardship: 'none' }, false, new Set(['id_card', 'photo', 'bank_card', 'proxy_id', 'nonsense']))).toEqual({ kind: 'complete' });
  });

  it('容缺 when only deferrable materials are missing and the item allows it', () => {
    const r = assessMaterials(ITEM, { hardship: 'dibao' }, true, new Set(['id_card', 'proxy_id']));
    expect(r.kind).toBe('rongque');
    if (r.kind !== 'rongque') return;
    expect(mcodes(r.missing)).toEqual(['photo', 'hardship_cert', 'proxy_letter']);
    expect(r.maxPromiseWorkingDays).toBe(10);
  });

  it('refuses when a material that cannot wait is missing, listing everything missing and what blocks', () => {
    const r = assessMaterials(ITEM, { hardship: 'dibao', disabled: true }, true, new Set(['proxy_letter']));
    expect(r.kind).toBe('refuse');
    if (r.kind !== 'refuse') return;
    expect(mcodes(r.missing)).toEqual(['id_card', 'photo', 'hardship_cert', 'disability_cert', 'proxy_id']);
    expect(mcodes(r.blocking)).toEqual(['id_card', 'disability_cert', 'proxy_id']);
  });

  it('refuses on a single non-deferrable gap even when the rest is in', () => {
    const r = assessMaterials(ITEM, { hardship: 'none' }, true, new Set(['id_card', 'photo', 'proxy_letter']));
    expect(r).toMatchObject({ kind: 'refuse' });
    expect(r.kind === 'refuse' && mcodes(r.blocking)).toEqual(['proxy_id']);
    expect(r.kind === 'refuse' && mcodes(r.missing)).toEqual(['proxy_id']);
  });

  it('an item without 容缺 refuses even when only deferrable materials are missing', () => {
    // The schema keeps deferrable materials off such items; a catalog edited by hand could still have them.
    const strict: CatalogItem = { ...ITEM, rongque: null };
    const r = assessMaterials(strict, { hardship: 'dibao' }, false, new Set(['id_card']));
    expect(r.kind).toBe('refuse');
    if (r.kind !== 'refuse') return;
    expect(mcodes(r.missing)).toEqual(['photo', 'hardship_cert']);
    expect(mcodes(r.blocking)).toEqual(['photo', 'hardship_cert']);
  });

  it('an item without 容缺 parsed from the catalog refuses any gap and accepts a full set', () => {
    const plain = item({
      rongque: null,
      fields: [],
      materials: [
        { code: 'id_card', name: t('身份证'), requirement: 'required', deferrable: false },
        { code: 'form', name: t('申请表'), requirement: 'required', deferrable: false },
        { code: 'proxy_id', name: t('代办人身份证'), requirement: 'conditional', condition: { kind: 'proxy' }, deferrable: false },
      ],
    });
    expect(assessMaterials(plain, {}, false, new Set(['id_card']))).toEqual({
      kind: 'refuse',
      missing: [plain.materials[1]],
      blocking: [plain.materials[1]],
    });
    expect(assessMaterials(plain, {}, false, new Set(['id_card', 'form']))).toEqual({ kind: 'complete' });
    expect(assessMaterials(plain, {}, true, new Set(['id_card', 'form']))).toMatchObject({ kind: 'refuse' });
  });

  it('blocking ⊆ missing ⊆ needed, and the verdict follows the rule (property)', () => {
    const allCodes = ITEM.materials.map((m) => m.code);
    fc.assert(
      fc.property(
        fc.record({
          hardship: fc.constantFrom('none', 'dibao', 'tekun'),
          disabled: fc.boolean(),
          services: fc.subarray(['a', 'b', 'c']),
          years: fc.constantFrom(10, 15, 20),
        }),
        fc.boolean(),
        fc.subarray(allCodes),
        fc.boolean(),
        (form, proxy, received, allowRongque) => {
          const subject = allowRongque ? ITEM : { ...ITEM, rongque: null };
          const needed = materialsFor(subject, form, proxy).filter((n) => n.needed).map((n) => n.material.code);
          const missing = needed.filter((c) => !received.includes(c));
          const r = assessMaterials(subject, form, proxy, new Set(received));
          if (missing.length === 0) {
            expect(r).toEqual({ kind: 'complete' });
            return;
          }
          const nonDeferrable = missing.filter((c) => !ITEM.materials.find((m) => m.code === c)!.deferrable);
          if (allowRongque && nonDeferrable.length === 0) {
            expect(r.kind).toBe('rongque');
            expect(r.kind === 'rongque' && mcodes(r.missing)).toEqual(missing);
          } else {
            expect(r.kind).toBe('refuse');
            if (r.kind !== 'refuse') return;
            expect(mcodes(r.missing)).toEqual(missing);
            expect(mcodes(r.blocking)).toEqual(allowRongque ? nonDeferrable : missing);
          }
        },
      ),
    );
  });
});
