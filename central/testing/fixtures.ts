import { residentIdCheckCharacter } from '../../shared/identity';
import type { Person } from '../../shared/persons';
import type { RosterRow } from '../../shared/persons';

/** A valid resident ID number of region 371002, born 1980-01-01, with sequence `n` (0–999). */
export function residentId(n: number, birth = '19800101'): string {
  const first17 = `371002${birth}${String(n).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

export function rosterRow(n: number, name = `居民${n}`): RosterRow {
  return { idNumber: residentId(n), name, regionCode: '371002', flags: [], insurance: [] };
}

export function windowPerson(id: string, n: number, at: string): Person {
  return {
    id,
    idNumber: residentId(n),
    idKind: 'resident',
    name: `窗口登记${n}`,
    namePinyin: 'chuangkoudengji',
    nameInitials: 'ckdj',
    sex: n % 2 === 1 ? 'M' : 'F',
    birthDate: '1980-01-01',
    phone: null,
    regionCode: '371002',
    address: null,
    flags: [],
    insurance: [],
    source: 'window',
    createdAt: at,
    updatedAt: at,
  };
}

/** A complete form of `resident_enrollment` (materials: valid_id). */
export function enrollmentForm(year = 2026, regionCode = '371002'): Record<string, unknown> {
  return {
    enrollmentYear: year,
    personCategory: 'adult',
    contributionTier: 'tier1',
    hardshipGroup: 'none',
    residenceBasis: 'hukou',
    regionCode,
    phone: '13800138000',
  };
}

/**
 * A complete form of `inpatient_reimbursement` (materials: credential, receipts, and — deferrable under 容缺 —
 * cost_list, discharge_summary).
 */
export function inpatientForm(invoiceNos: string[] = ['FP2026000001']): Record<string, unknown> {
  return {
    insuranceType: 'resident',
    hospitalName: '东港区人民医院',
    hospitalLevel: 'level2',
    admissionDate: '2026-05-01',
    dischargeDate: '2026-05-10',
    outOfAreaType: 'local',
    manualReason: 'system_failure',
    accidentalInjury: false,
    bankAccountName: '张三',
    bankName: '中国农业银行',
    bankAccount: '6228480012345678901',
    invoices: invoiceNos.map((invoiceNo, i) => ({ invoiceNo, invoiceDate: '2026-05-10', amountFen: 1_000_00 + i })),
  };
}

/** Small limits for the attachment tests: 1 MB bodies and attachments, 64 KB chunks. */
export const SMALL_UPLOAD_LIMITS = { maxBodyBytes: 1024 * 1024, maxAdminBodyBytes: 1024 * 1024, chunkMaxBytes: 64 * 1024, maxUploadBytes: 1024 * 1024 };

export const INPATIENT_ALL = ['credential', 'receipts', 'cost_list', 'discharge_summary'];
export const INPATIENT_RONGQUE = ['credential', 'receipts'];
