import type { CoreContext } from '../../context';
import type { Case, Proxy } from '../../../shared/cases/model';
import type { Person } from '../../../shared/persons';
import type { CatalogItem } from '../../../shared/catalog/types';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { ChannelInput } from '../../../shared/api/contract';
import { checkTransition, canCorrectRefused, canRecordMaterials, type CaseAction } from '../../../shared/cases/status';
import { assessMaterials, applicableMaterialCodes } from '../../../shared/cases/materials';
import { checkItemForm, describeFormIssue, type FormValues } from '../../../shared/catalog/form';
import { invoiceClaims } from '../../../shared/catalog/claims';
import { checkProxy, type ProxyIssue } from '../../../shared/cases/proxy';
import { promiseDateProblem } from '../../../shared/cases/promise-date';
import { validatePersonId } from '../../../shared/identity';
import { fail, type MissingMaterial } from '../../../shared/api/errors';
import { nowInstant, today } from '../../../shared/time';
import { requireItem } from '../../reference/catalog';
import { commitCaseChange, loadForChange, stamp, writeCaseChanges, type AuditSink, type CaseChange } from './write';
import { computeEstimate, estimateRecord, saveRecord } from './kept-estimates';
import type { EstimateRecord } from '../../../shared/api/channels/policy';
import { nextCaseNumber } from './case-numbers';
import { requireStation } from '../../reference/station';

const TRANSITION_MESSAGES = {
  illegal_transition: '案件当前状态下不能进行此操作',
  forbidden: '您的角色不能进行此操作',
  reason_required: '请填写原因',
} as const;

function guard(action: CaseAction, c: Case, user: SessionUser, reason?: string): void {
  const r = checkTransition(action, c.status, user.role, reason);
  if (!r.ok) fail(r.code, TRANSITION_MESSAGES[r.code], r.code === 'reason_required' ? { field: 'reason' } : {});
}

/** Who the case is for, as the form and proxy rules need them: the birth date and the ID number. */
interface Principal {
  idNumber: string | null;
  birthDate: string | null;
}

function principalOf(ctx: CoreContext, personId: string): Principal {
  const p = ctx.repos.persons.summary(personId);
  return { idNumber: p?.idNumber ?? null, birthDate: p?.birthDate ?? null };
}

/**
 * The item's form checked by its schema (shared/catalog/form.ts: each field, the item's cross-field rules, no
 * date of the person's life before their birth) — the same check the window and central make. The refusal
 * names the field as the clerk sees it.
 */
function validateForm(ctx: CoreContext, item: CatalogItem, form: Record<string, unknown>, partial: boolean, principal: Principal): FormValues {
  const r = checkItemForm(item, { today: today(ctx.clock), partial, birthDate: principal.birthDate }, form);
  if (!r.success) {
    const d = describeFormIssue(item.fields, r.issues[0]!);
    fail('invalid_input', d.message, { field: d.field });
  }
  return r.data;
}

const PROXY_LABELS: Record<ProxyIssue['path'], string> = {
  name: '代办人姓名',
  idNumber: '代办人证件号码',
  relationship: '代办人与申请人关系',
  phone: '代办人电话',
};

/** The agent checked by the shared rules (adult, not the principal, a name, a relationship) and normalised. */
function normaliseProxy(ctx: CoreContext, item: CatalogItem, proxy: Proxy | null | undefined, principal: Principal): Proxy | null {
  if (proxy === undefined || proxy === null) return null;
  if (!item.proxyAllowed) fail('invalid_input', '代办人信息：此事项不能代办', { field: 'proxy' });
  const r = checkProxy(proxy, { today: today(ctx.clock), principalIdNumber: principal.idNumber });
  const first = r.issues[0];
  if (first) fail('invalid_input', `${PROXY_LABELS[first.path]}：${first.message}`, { field: `proxy.${first.path}` });
  return { ...proxy, name: r.name, idNumber: r.idNumber };
}

/**
 * An invoice of the form already held by another case of this station (the index of claimed invoices): refused,
 * naming the row and the case that holds it. Central refuses the same across stations.
 */
function checkInvoiceClaims(ctx: CoreContext, c: Pick<Case, 'id'>, form: FormValues): void {
  for (const claim of invoiceClaims(form)) {
    const held = ctx.repos.invoiceClaims.holder(claim.key);
    if (held && held.caseId !== c.id) {
      fail('duplicate', `「票据明细」第 ${claim.row + 1} 行「票据号码」：票据 ${claim.invoiceNo} 已在本站案件 ${held.caseNo} 中申请报销，不能重复报销`, {
        field: `form.invoices.${claim.row}.invoiceNo`,
      });
    }
  }
}

function checkMaterialCodes(item: CatalogItem, form: FormValues, hasProxy: boolean, codes: readonly string[], field: string): void {
  const allowed = applicableMaterialCodes(item, form, hasProxy);
  const unknown = codes.filter((c) => !allowed.has(c));
  if (unknown.length > 0) fail('invalid_input', `已收材料：${unknown.join('、')} 不是本事项本案适用的材料`, { field });
}

function markReceived(c: Case, item: CatalogItem, form: FormValues, hasProxy: boolean, codes: readonly string[], at: string): Case['materials'] {
  const applicable = applicableMaterialCodes(item, form, hasProxy);
  const prev = new Map(c.materials.map((m) => [m.code, m]));
  const incoming = new Set(codes);
  return [...applicable].map((code) => {
    const old = prev.get(code);
    if (old?.received) return old;
    return incoming.has(code) ? { code, received: true, receivedAt: at } : { code, received: false, receivedAt: null };
  });
}

function receivedSet(c: Pick<Case, 'materials'>): Set<string> {
  return new Set(c.materials.filter((m) => m.received).map((m) => m.code));
}

function toMissing(ms: readonly { code: string; name: MissingMaterial['name']; deferrable: boolean }[]): MissingMaterial[] {
  return ms.map((m) => ({ code: m.code, name: m.name, deferrable: m.deferrable }));
}

/** Start a case (draft) for a person: item from the catalog, form checked so far, proxy and materials noted. */
export function createCase(ctx: CoreContext, user: SessionUser, input: ChannelInput<'cases.create'>): Case {
  return ctx.tx(() => commitCaseChange(ctx, user, { prev: null, next: newDraft(ctx, user, input).draft, event: 'created' }));
}

/** A new draft and what was learnt making it (the person's data the rules need; the form checked whole, when it is). */
interface NewDraft {
  draft: Case;
  /** The case's person (its ID number and name go with its ops). */
  person: Person;
  principal: Principal;
  /** The form passed the whole check (as at 受理), not only the draft's, and the agent was checked: `draft` holds both. */
  complete: boolean;
}

/**
 * What the caller of the counter's intake already knows of it, in the transaction that takes it in, and where
 * its audit rows go (a batch import: core/features/batch).
 */
export interface IntakeKnown {
  /** The intake's audit rows handed to the caller, who writes them in the same transaction (write.ts AuditSink). */
  audit?: AuditSink;
  /** The person `input.personId` names, as read (or registered) in this transaction. */
  person?: Person;
  /**
   * The form and the agent were checked whole by the same shared rules (`checkItemForm` for a principal born
   * `birthDate`, on `day`, against this catalog `item`; `checkProxy`, the agent not the principal), and are given
   * as those checks normalised them. The intake takes them as they are while the person's birth date, the day and
   * the item are still those: the same rules over the same data give the same answer. Otherwise it checks again.
   */
  checked?: { item: CatalogItem; day: string; birthDate: string | null };
}

/**
 * The new draft, not saved yet (its case number is taken: call inside the transaction that saves it). With
 * `whole` (the one-step intake) the form is checked whole first: a form that passes needs no second check at
 * 受理 (a draft's check is the whole one less "required"; the values are the same); one that does not is checked
 * as a draft, so the refusal is the draft's as before.
 */
function newDraft(ctx: CoreContext, user: SessionUser, input: ChannelInput<'cases.create'>, whole = false, known: IntakeKnown = {}): NewDraft {
  const item = requireItem(ctx, input.itemCode);
  const person = known.person?.id === input.personId ? known.person : ctx.repos.persons.byId(input.personId);
  if (!person) fail('not_found', '参保人不存在', { field: 'personId' });
  const principal = { idNumber: person.idNumber, birthDate: person.birthDate };
  const day = today(ctx.clock);
  const vouched = whole && known.checked !== undefined && known.checked.item === item && known.checked.day === day && known.checked.birthDate === principal.birthDate;
  const checked = whole && !vouched ? checkItemForm(item, { today: day, partial: false, birthDate: principal.birthDate }, input.form) : null;
  const complete = vouched || checked?.success === true;
  const form = vouched ? input.form : checked?.success ? checked.data : validateForm(ctx, item, input.form, true, principal);
  const proxy = vouched && (!input.proxy || item.proxyAllowed) ? (input.proxy ?? null) : normaliseProxy(ctx, item, input.proxy, principal);
  const received = input.materialsReceived ?? [];
  checkMaterialCodes(item, form, proxy !== null, received, 'materialsReceived');
  const station = requireStation(ctx);
  const at = nowInstant(ctx.clock);
  const blank: Case = {
    id: ctx.newId(),
    caseNo: nextCaseNumber(ctx, station.code),
    family: item.family,
    itemCode: item.code,
    personId: person.id,
    proxy,
    status: 'draft',
    version: 1,
    form,
    materials: [],
    promiseDate: null,
    acceptedAt: null,
    slaDue: null,
    clerkId: user.id,
    stationCode: station.code,
    syncState: 'pending',
    syncError: null,
    createdAt: at,
    updatedAt: at,
  };
  return { draft: { ...blank, materials: markReceived(blank, item, form, proxy !== null, received, at) }, person, principal, complete };
}

/** Change a draft's form, proxy or received materials. */
export function updateDraft(ctx: CoreContext, user: SessionUser, input: ChannelInput<'cases.updateDraft'>): Case {
  const c = loadForChange(ctx, input.caseId, input.version);
  if (c.status !== 'draft') fail('illegal_transition', '只有草稿可以修改', { field: 'caseId' });
  const item = requireItem(ctx, c.itemCode);
  const principal = principalOf(ctx, c.personId);
  const form = input.form === undefined ? c.form : validateForm(ctx, item, input.form, true, principal);
  const proxy = input.proxy === undefined ? c.proxy : normaliseProxy(ctx, item, input.proxy, principal);
  const received = input.materialsReceived ?? [...receivedSet(c)];
  checkMaterialCodes(item, form, proxy !== null, received, 'materialsReceived');
  const at = nowInstant(ctx.clock);
  // Materials are re-derived: one un-ticked at the window is no longer received.
  const base: Case = { ...c, materials: [] };
  const next = stamp(ctx, c, { form, proxy, materials: markReceived(base, item, form, proxy !== null, received, at) });
  return commitCaseChange(ctx, user, { prev: c, next, event: 'edited' });
}

/**
 * 受理. Complete materials → `accepted` with sla_due = today + the item's limit in working days.
 * Only deferrable materials missing and the item allows 容缺 → `awaiting_materials` with the promise date.
 * Otherwise refused with `materials_missing` and the full list (the 一次性告知 list); nothing changes.
 */
export function acceptCase(ctx: CoreContext, user: SessionUser, input: ChannelInput<'cases.accept'>): Case {
  const c = loadForChange(ctx, input.caseId, input.version);
  const change = acceptance(ctx, user, c, input, principalOf(ctx, c.personId));
  const kept = keptEstimate(ctx, user, c, input.estimate);
  return ctx.tx(() => {
    const accepted = commitCaseChange(ctx, user, withEstimate(change, kept));
    if (kept) saveRecord(ctx, user, kept);
    return accepted;
  });
}

/**
 * The estimate on screen at 受理 (待遇测算), computed again for the case's person — a refusal of the calculator is
 * a refusal of 受理, naming `estimate.input.<field>`, and nothing is saved.
 */
function keptEstimate(ctx: CoreContext, user: SessionUser, c: Case, asked: ChannelInput<'cases.accept'>['estimate']): EstimateRecord | null {
  if (!asked) return null;
  return estimateRecord(ctx, user, c.id, computeEstimate(ctx, asked.kind, asked.input, c.personId, 'estimate.input'));
}

/** The acceptance names the estimate kept with it (the receipt links to it). */
function withEstimate(change: CaseChange, kept: EstimateRecord | null): CaseChange {
  return kept ? { ...change, data: { ...change.data, estimateId: kept.id, estimateKind: kept.kind } } : change;
}

/**
 * The acceptance of case `c` as a change to commit, or the refusal (thrown) with what is missing. A draft may
 * have been saved incomplete; 受理 checks everything again: the whole form and its rules, the agent, the
 * invoices against the station's other cases, the promise date.
 */
function acceptance(
  ctx: CoreContext,
  user: SessionUser,
  c: Case,
  input: Omit<ChannelInput<'cases.accept'>, 'caseId' | 'version'>,
  principal: Principal,
  checked = false,
): CaseChange {
  const item = requireItem(ctx, c.itemCode);
  // `checked`: a draft made in this same step, its whole form and its agent checked just now (intakeCase).
  const form = checked ? c.form : validateForm(ctx, item, c.form, false, principal);
  if (!checked) normaliseProxy(ctx, item, c.proxy, principal);
  checkInvoiceClaims(ctx, c, form);
  const hasProxy = c.proxy !== null;
  const extra = input.materialsReceived ?? [];
  checkMaterialCodes(item, form, hasProxy, extra, 'materialsReceived');
  const at = nowInstant(ctx.clock);
  const day = today(ctx.clock);
  const materials = markReceived(c, item, form, hasProxy, extra, at);
  const assessment = assessMaterials(item, form, hasProxy, receivedSet({ materials }));

  if (assessment.kind === 'complete') {
    guard('accept', c, user);
    const slaDue = ctx.calendar.addWorkingDays(day, item.limitWorkingDays).date;
    const next = stamp(ctx, c, { status: 'accepted', form, materials, acceptedAt: at, slaDue, promiseDate: null });
    return { prev: c, next, event: 'accept', data: { slaDue, received: extra } };
  }
  if (assessment.kind === 'refuse') {
    const names = assessment.missing.map((m) => m.name['zh-CN']).join('、');
    fail('materials_missing', `材料不齐，不能受理。缺少：${names}`, { field: 'materialsReceived', missing: toMissing(assessment.missing) });
  }
  // 容缺受理
  guard('accept_rongque', c, user);
  const latest = ctx.calendar.addWorkingDays(day, assessment.maxPromiseWorkingDays).date;
  if (input.promiseDate === undefined) {
    const names = assessment.missing.map((m) => m.name['zh-CN']).join('、');
    fail('materials_missing', `缺少 ${names}，可容缺受理：请填写承诺补齐日期（不晚于 ${latest}）`, {
      field: 'promiseDate',
      missing: toMissing(assessment.missing),
      latestPromiseDate: latest,
    });
  }
  const problem = promiseDateProblem(input.promiseDate, { today: day, latest, isWorkingDay: (d) => ctx.calendar.isWorkingDay(d) });
  if (problem !== null) {
    fail('invalid_input', problem.startsWith('承诺补齐日期') ? problem : `承诺补齐日期：${problem}`, { field: 'promiseDate', latestPromiseDate: latest });
  }
  const next = stamp(ctx, c, { status: 'awaiting_materials', form, materials, acceptedAt: at, slaDue: input.promiseDate, promiseDate: input.promiseDate });
  return {
    prev: c,
    next,
    event: 'accept_rongque',
    data: { promiseDate: input.promiseDate, missing: assessment.missing.map((m) => m.code), received: extra },
  };
}

/**
 * The counter's one-step 受理: create and accept in ONE transaction (one commit, one fsync), the case row
 * written once in its accepted state; the timeline and the outbox still get both steps. When the acceptance
 * is refused nothing is saved and the error carries the 一次性告知 list.
 */
export function intakeCase(ctx: CoreContext, user: SessionUser, input: ChannelInput<'cases.intake'>, known?: IntakeKnown): Case {
  return ctx.tx(() => intakeInTransaction(ctx, user, input, known));
}

/**
 * intakeCase inside the caller's transaction, without a savepoint of its own: a refusal leaves what it wrote in
 * the caller's transaction, which the caller must roll back (a batch import's chunk does: core/features/batch).
 */
export function intakeInTransaction(ctx: CoreContext, user: SessionUser, input: ChannelInput<'cases.intake'>, known?: IntakeKnown): Case {
  if (!ctx.db.inTransaction) throw new Error('intakeInTransaction: call inside a transaction');
  const { draft, person, principal, complete } = newDraft(
    ctx,
    user,
    {
      itemCode: input.itemCode,
      personId: input.personId,
      form: input.form,
      ...(input.proxy ? { proxy: input.proxy } : {}),
      materialsReceived: input.materialsReceived,
    },
    true,
    known,
  );
  const accepted = acceptance(ctx, user, draft, input.promiseDate ? { promiseDate: input.promiseDate } : {}, principal, complete);
  const kept = keptEstimate(ctx, user, draft, input.estimate);
  const done = writeCaseChanges(ctx, user, [{ prev: null, next: draft, event: 'created' }, withEstimate(accepted, kept)], person, known?.audit);
  if (kept) saveRecord(ctx, user, kept);
  return done;
}

/** Record materials that arrived; a 容缺 case with nothing left missing becomes `accepted` and its clock starts. */
export function recordMaterials(ctx: CoreContext, user: SessionUser, input: ChannelInput<'cases.recordMaterials'>): Case {
  const c = loadForChange(ctx, input.caseId, input.version);
  if (!canRecordMaterials(c.status)) {
    fail('illegal_transition', '案件当前状态下不能补充材料', { field: 'caseId' });
  }
  const item = requireItem(ctx, c.itemCode);
  const hasProxy = c.proxy !== null;
  checkMaterialCodes(item, c.form, hasProxy, input.received, 'received');
  const at = nowInstant(ctx.clock);
  const materials = markReceived(c, item, c.form, hasProxy, input.received, at);
  if (c.status === 'awaiting_materials') {
    const assessment = assessMaterials(item, c.form, hasProxy, receivedSet({ materials }));
    if (assessment.kind === 'complete') {
      guard('complete_materials', c, user);
      const slaDue = ctx.calendar.addWorkingDays(today(ctx.clock), item.limitWorkingDays).date;
      const next = stamp(ctx, c, { status: 'accepted', materials, slaDue, promiseDate: null });
      return commitCaseChange(ctx, user, { prev: c, next, event: 'complete_materials', data: { received: input.received, slaDue } });
    }
  }
  const next = stamp(ctx, c, { materials });
  return commitCaseChange(ctx, user, { prev: c, next, event: 'materials_recorded', data: { received: input.received } });
}

/** Withdraw a case that central does not have yet. */
export function withdrawCase(ctx: CoreContext, user: SessionUser, input: ChannelInput<'cases.withdraw'>): Case {
  const c = loadForChange(ctx, input.caseId, input.version);
  guard('withdraw', c, user, input.reason);
  const next = stamp(ctx, c, { status: 'withdrawn' });
  return commitCaseChange(ctx, user, { prev: c, next, event: 'withdraw', reason: input.reason.trim() });
}

/**
 * 补正: a case central returned is corrected at the window (form, materials) and goes up again as an
 * amendment op naming the central version it answers. Locally it is `accepted` until central takes it.
 */
export function resubmitCase(ctx: CoreContext, user: SessionUser, input: ChannelInput<'cases.resubmit'>): Case {
  const c = loadForChange(ctx, input.caseId, input.version);
  if (canCorrectRefused(c.status, c.syncState)) return correctRefused(ctx, user, c, input);
  guard('resubmit', c, user, input.reason);
  const item = requireItem(ctx, c.itemCode);
  const principal = principalOf(ctx, c.personId);
  const form = validateForm(ctx, item, input.form ?? c.form, false, principal);
  normaliseProxy(ctx, item, c.proxy, principal);
  checkInvoiceClaims(ctx, c, form);
  const extra = input.materialsReceived ?? [];
  checkMaterialCodes(item, form, c.proxy !== null, extra, 'materialsReceived');
  const at = nowInstant(ctx.clock);
  const materials = markReceived(c, item, form, c.proxy !== null, extra, at);
  const central = ctx.repos.cases.central(c.id);
  if (!central?.version) fail('illegal_transition', '尚未收到中心的退回信息，不能补正', { field: 'caseId' });
  const next = stamp(ctx, c, { status: 'accepted', form, materials });
  return commitCaseChange(ctx, user, {
    prev: c,
    next,
    event: 'resubmit',
    reason: input.reason.trim(),
    data: { centralVersion: central.version, formChanged: input.form !== undefined },
    payloadExtra: { centralVersion: central.version },
  });
}

/** The submissions a station sends again once a case central refused is corrected. */
type Resend = Extract<CaseAction, 'accept' | 'accept_rongque' | 'complete_materials' | 'resubmit'>;

/**
 * Which submission to send again: the one central refused last (a correction of a returned case answers central's
 * current version; materials completed after 容缺), else 受理 as the case stands (容缺 while materials are owed).
 */
function resendOf(ctx: CoreContext, c: Case): Resend {
  const last = ctx.repos.events
    .forCase(c.id)
    .filter((e) => e.kind === 'sync_rejected')
    .at(-1);
  const refused = typeof last?.data.opKind === 'string' ? last.data.opKind.replace(/^case\./, '') : null;
  if (c.status === 'awaiting_materials') return 'accept_rongque';
  if (refused === 'resubmit' || refused === 'complete_materials') return refused;
  return 'accept';
}

/**
 * 更正 of a case central refused (中心拒收 — the form, the materials or a claim it found wrong): corrected on the
 * correction screen of 退回补正, checked as at 受理, recorded as a correction with what was corrected, and sent
 * again as the submission central refused. The case is never left with only 撤回.
 */
function correctRefused(ctx: CoreContext, user: SessionUser, c: Case, input: ChannelInput<'cases.resubmit'>): Case {
  const role = checkTransition('resubmit', 'returned', user.role, input.reason);
  if (!role.ok) fail(role.code, TRANSITION_MESSAGES[role.code], role.code === 'reason_required' ? { field: 'reason' } : {});
  if (ctx.repos.outbox.pendingForCase(c.id) > 0) fail('illegal_transition', '此案件还有变更等待上传，请先同步，看中心的答复后再更正', { field: 'caseId', retryable: true });
  const item = requireItem(ctx, c.itemCode);
  const principal = principalOf(ctx, c.personId);
  const form = validateForm(ctx, item, input.form ?? c.form, false, principal);
  normaliseProxy(ctx, item, c.proxy, principal);
  checkInvoiceClaims(ctx, c, form);
  const hasProxy = c.proxy !== null;
  const extra = input.materialsReceived ?? [];
  checkMaterialCodes(item, form, hasProxy, extra, 'materialsReceived');
  const materials = markReceived(c, item, form, hasProxy, extra, nowInstant(ctx.clock));
  const assessment = assessMaterials(item, form, hasProxy, receivedSet({ materials }));
  if (assessment.kind === 'refuse' || (assessment.kind === 'rongque' && c.status === 'accepted')) {
    const names = assessment.missing.map((m) => m.name['zh-CN']).join('、');
    fail('materials_missing', `材料不齐，不能重新上报。缺少：${names}`, { field: 'materialsReceived', missing: toMissing(assessment.missing) });
  }
  const resend = resendOf(ctx, c);
  let payloadExtra: Record<string, unknown> = {};
  if (resend === 'resubmit') {
    const central = ctx.repos.cases.central(c.id);
    if (!central?.version) fail('illegal_transition', '尚未收到中心的退回信息，不能补正', { field: 'caseId' });
    payloadExtra = { centralVersion: central.version };
  }
  const next = stamp(ctx, c, { form, materials });
  return commitCaseChange(ctx, user, {
    prev: c,
    next,
    event: 'resubmit',
    reason: input.reason.trim(),
    data: { resent: `case.${resend}`, refused: c.syncError, formChanged: input.form !== undefined },
    payloadExtra,
    opEvent: resend,
  });
}

/** 出件: the window hands an approved result to the person; the case is completed. */
export function handOutCase(ctx: CoreContext, user: SessionUser, input: ChannelInput<'cases.handOut'>): Case {
  const c = loadForChange(ctx, input.caseId, input.version);
  guard('hand_out', c, user);
  let collector: Record<string, unknown> | null = null;
  if (input.collector) {
    let idNumber = input.collector.idNumber;
    if (idNumber) {
      const v = validatePersonId(idNumber, today(ctx.clock));
      if (!v.ok) fail('invalid_input', `领取人证件号码：${v.message}`, { field: 'collector.idNumber' });
      idNumber = v.normalized;
    }
    collector = { ...input.collector, ...(idNumber ? { idNumber } : {}) };
  }
  const next = stamp(ctx, c, { status: 'completed' });
  return commitCaseChange(ctx, user, { prev: c, next, event: 'hand_out', data: collector ? { collector } : {} });
}

export function getCase(ctx: CoreContext, caseId: string): Case {
  const c = ctx.repos.cases.byId(caseId);
  if (!c) fail('not_found', '案件不存在', { field: 'caseId' });
  return c;
}
