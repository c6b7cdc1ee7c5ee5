import { createTestStation, residentId, signedInSession, type TestStation } from '../../core/testing/fixtures';
import { prng } from '../../core/testing/generate';
import { sampleFormOn } from '../../core/testing/seed';
import type { Session } from '../../core/session';
import { initialize } from '../../core/features/session/setup';
import { createUser } from '../../core/features/session/users';
import { registerPerson } from '../../core/features/persons/persons';
import { intakeCase } from '../../core/features/cases/cases';
import { materialsFor } from '../../shared/cases/materials';
import type { FormValues } from '../../shared/catalog/form';
import type { SessionUser } from '../../shared/api/channels/auth';
import { today } from '../../shared/time';

/**
 * A station with a given code and a workload of accepted cases (→ `submitted` once central holds them), every
 * `attachEvery`-th with a scan attached through the router, some of them larger than one upload chunk.
 * Items are chosen so that no case collides with another on central's claims: reimbursements carry
 * invoice numbers of their own, the other items claim nothing.
 */

export interface KitStation {
  st: TestStation;
  code: string;
  clerk: Session;
  clerkUser: SessionUser;
  personIds: string[];
}

export async function openStation(code: string, area = 0): Promise<KitStation> {
  const st = await createTestStation({ setup: false });
  const ctx = st.core.ctx;
  const { user: sup } = await initialize(ctx, {
    station: { code, name: `${code} 医保窗口`, regionCode: '371002' },
    supervisor: { username: 'sup', displayName: '站长', password: 'correct-horse-9' },
  });
  const clerkUser = await createUser(ctx, sup, { username: 'clerk1', displayName: '李敏', role: 'clerk', password: 'correct-horse-9' });
  const clerk = signedInSession(st.core, clerkUser);
  const personIds: string[] = [];
  for (let i = 0; i < 20; i++) personIds.push(registerPerson(ctx, clerkUser, { idNumber: residentId('1951-03-04', area * 100 + i + 1), name: `测试${chineseDigits(`${code}${i}`)}` }).id);
  return { st, code, clerk, clerkUser, personIds };
}

export interface WorkloadOptions {
  cases: number;
  seed: number;
  /** Every n-th case gets an attachment (0: none). */
  attachEvery: number;
  /** The 1st, (1 + n)-th, (1 + 2n)-th … attachment is large (0: none), of this many bytes. */
  bigEvery?: number;
  bigBytes?: number;
}

export interface Workload {
  caseIds: string[];
  /** sha256 of every attachment added. */
  shas: string[];
}

const ITEMS = ['outpatient_reimbursement', 'transfer_continuation', 'chronic_disease_certification', 'ltc_application'] as const;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);

/** Bytes that sniff as the type and are unique to (seed, i): content addressing must not merge them. */
export function scanBytes(rand: () => number, size: number, mime: 'image/png' | 'image/jpeg'): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4) b.writeUInt32LE(Math.floor(rand() * 2 ** 32), Math.min(i, size - 4));
  (mime === 'image/png' ? PNG_MAGIC : JPEG_MAGIC).copy(b, 0);
  return b;
}

function formFor(itemCode: string, base: FormValues, tag: string): FormValues {
  if (itemCode !== 'outpatient_reimbursement') return base;
  const invoices = (base.invoices as Record<string, unknown>[]).map((row, k) => ({ ...row, invoiceNo: `${tag}-${k}` }));
  return { ...base, invoices };
}

export async function buildWorkload(k: KitStation, o: WorkloadOptions): Promise<Workload> {
  const ctx = k.st.core.ctx;
  const rand = prng(o.seed);
  const caseIds: string[] = [];
  const shas: string[] = [];
  const day = today(ctx.clock);
  const plans = ITEMS.map((code) => {
    const item = ctx.catalog.get(code)!;
    const form = sampleFormOn(item, day);
    return { item, form, received: materialsFor(item, form, false).filter((m) => m.needed).map((m) => m.material.code) };
  });
  let nth = 0;
  // In blocks, so the outbox interleaves cases and attachments as a day at the window does: the cases of a
  // block through the real services in one transaction, then their scans through the router (input check,
  // role check, the attachments service), one commit each.
  for (let done = 0; done < o.cases; ) {
    const n = Math.min(250, o.cases - done);
    const block = ctx.tx(() => {
      const ids: string[] = [];
      for (let j = 0; j < n; j++) {
        const i = done + j;
        const p = plans[i % plans.length]!;
        const c = intakeCase(ctx, k.clerkUser, {
          itemCode: p.item.code,
          personId: k.personIds[i % k.personIds.length]!,
          form: formFor(p.item.code, p.form, `${k.code}${String(i).padStart(6, '0')}`),
          materialsReceived: p.received,
        });
        ids.push(c.id);
      }
      return ids;
    });
    for (let j = 0; j < block.length; j++) {
      if (o.attachEvery <= 0 || (done + j) % o.attachEvery !== 0) continue;
      nth += 1;
      const big = o.bigEvery && o.bigBytes && (nth - 1) % o.bigEvery === 0;
      const mime = nth % 2 === 0 ? 'image/png' : 'image/jpeg';
      const bytes = scanBytes(rand, big ? o.bigBytes! : 300 + Math.floor(rand() * 3_000), mime);
      const c = ctx.repos.cases.byId(block[j]!)!;
      const r = await k.st.call(k.clerk, 'attachments.add', {
        caseId: c.id,
        version: c.version,
        fileName: `扫描件${done + j}.${mime === 'image/png' ? 'png' : 'jpg'}`,
        mime,
        dataBase64: bytes.toString('base64'),
      });
      shas.push(r.attachment.sha256);
    }
    caseIds.push(...block);
    done += n;
  }
  return { caseIds, shas };
}

/** A person's name has no digits (shared/identity/name.ts): the test names spell them in Chinese. */
function chineseDigits(s: string): string {
  return s.replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]!);
}
