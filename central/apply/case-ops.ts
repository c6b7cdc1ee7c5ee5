import type { Case } from '../../shared/cases/model';
import type { CatalogItem } from '../../shared/catalog/types';
import type { FormValues } from '../../shared/catalog/form';
import { isDecided, transitionFor, type CaseAction } from '../../shared/cases/status';
import { errorFromZod } from '../../shared/api/errors';
import { maskIdNumber } from '../../shared/identity';
import { isOneStepAccept, ONE_STEP_ACCEPT_SINCE, payloadSchemaFor, type CaseOpKind, type CaseOpPayload, type PushOp } from '../../shared/sync/ops';
import type { CentralCaseStatus } from '../../shared/sync/changes';
import type { CaseRow, ClaimRow, NewChange } from '../store/types';
import type { ApplyContext } from './context';
import { checkForm, checkMaterials, checkProxy } from './form';
import { validatePersonId } from '../../shared/identity';
import { claimSpecs, repeatedInvoices } from './claims';
import { caseStatusChange } from './changes';
import { reject, type Outcome } from './outcome';

/** What an op does to the central case, decided from the op kind and the case's central status. */
interface Plan {
  status: CentralCaseStatus;
  materialsPending: boolean;
  /** The op submits the case (or submits it again): full form check, materials check, claims. */
  submits: boolean;
  /** 容缺 allowed at this submission. */
  rongque: boolean;
  /** Only the materials and attachments of the snapshot are taken (a submitted case still collecting materials). */
  materialsOnly: boolean;
  /** Nothing of the snapshot but its version is taken (an event that does not change what central decides on). */
  versionOnly: boolean;
  /**
   * Only the version and the attachments are taken: a document of a case central already decided (a receipt signed
   * after 即时办结, a late photo) is archived with the case, and the decision and the materials stay as they were.
   */
  archiveOnly: boolean;
}

const ACTION_EVENTS: Partial<Record<CaseOpKind, CaseAction>> = {
  'case.accept': 'accept',
  'case.accept_rongque': 'accept_rongque',
  'case.complete_materials': 'complete_materials',
  'case.withdraw': 'withdraw',
  'case.resubmit': 'resubmit',
  'case.hand_out': 'hand_out',
};

/** The refusal of a withdrawal that came after central's decision, by decision. */
const TOO_LATE_TO_WITHDRAW = {
  approved: '中心已批准此案件，撤回未生效',
  rejected: '中心已对此案件作出不予办理的决定，撤回未生效',
  completed: '中心已办结此案件，撤回未生效',
} as const;

const LOCKED_MESSAGE = '案件已上报中心，内容由中心管理，工作站不能再修改；如需更正请等待中心退回补正';

/** Checks of the op against itself and the station, before any state is looked at. */
function checkEnvelope(ctx: ApplyContext, op: PushOp, kind: CaseOpKind, p: CaseOpPayload): Outcome | null {
  const c = p.case;
  const event = kind.slice('case.'.length);
  if (p.event !== event) return reject('invalid-payload', `操作内容的事件（${p.event}）与操作类型 ${kind} 不符`, 'payload.event');
  if (op.caseId !== c.id) return reject('invalid-payload', '操作的案件编号与案件快照的编号不符', 'caseId');
  if (c.stationCode !== ctx.station.code) {
    return reject('station-mismatch', `案件属于站点 ${c.stationCode}，不是本站点 ${ctx.station.code}`, 'payload.case.stationCode');
  }
  // A new case: `case.created` at version 1, or (since 1.1) one-step intake, accepted at version 2.
  const oneStep = isOneStepAccept(op) && ctx.minor >= ONE_STEP_ACCEPT_SINCE;
  const versionOk = op.baseVersion === null ? (kind === 'case.created' && c.version === 1) || (oneStep && c.version === 2) : c.version === op.baseVersion + 1;
  if (!versionOk) {
    const why = oneStep ? '一步受理的新案件为 2' : '新案件为 1';
    return reject('invalid-payload', `案件版本（${c.version}）应为 baseVersion + 1（${why}）`, 'baseVersion');
  }
  const action = ACTION_EVENTS[kind];
  const expected = kind === 'case.created' ? 'draft' : action ? transitionFor(action).to : null;
  if (expected !== null && c.status !== expected) {
    return reject('invalid-payload', `案件快照的状态（${c.status}）与操作 ${kind} 不符（应为 ${expected}）`, 'payload.case.status');
  }
  if (action && transitionFor(action).reasonRequired && (p.reason ?? '').trim() === '') {
    return reject('invalid-payload', '此操作须填写原因', 'payload.reason');
  }
  return null;
}

const illegal = (msg: string): Outcome => reject('illegal-transition', msg);
const lockedOr = (cs: CentralCaseStatus | null, msg: string): Outcome => (cs === 'withdrawn' ? illegal('案件已撤回，不能再操作') : reject('case-locked', msg));

/** The plan of the op from the case's central status, or why it is refused. */
function plan(kind: CaseOpKind, cur: CaseRow | undefined, p: CaseOpPayload): Plan | Outcome {
  const cs = cur?.status ?? null;
  const stationPhase = cs === null || cs === 'draft';
  const base = { materialsPending: false, submits: false, rongque: false, materialsOnly: false, versionOnly: false, archiveOnly: false };
  switch (kind) {
    case 'case.created':
      return { ...base, status: 'draft' };
    case 'case.edited':
      if (stationPhase || cs === 'returned') return { ...base, status: cs ?? 'draft' };
      return lockedOr(cs, LOCKED_MESSAGE);
    case 'case.materials_recorded':
    case 'case.attachment_added':
      if (stationPhase || cs === 'returned') return { ...base, status: cs ?? 'draft' };
      if (cs === 'submitted') return { ...base, status: 'submitted', materialsPending: cur?.materialsPending ?? false, materialsOnly: true };
      // Decided: what the station recorded since goes into the case's file (归档); it no longer changes the decision.
      if (cs !== null && isDecided(cs)) return { ...base, status: cs, materialsPending: cur?.materialsPending ?? false, archiveOnly: true };
      return lockedOr(cs, LOCKED_MESSAGE);
    case 'case.estimate_saved':
      // A policy estimate kept with the case at the window: informative, it changes nothing central decides on.
      if (stationPhase || cs === 'returned') return { ...base, status: cs ?? 'draft' };
      return { ...base, status: cs ?? 'draft', materialsPending: cur?.materialsPending ?? false, versionOnly: true };
    case 'case.accept':
      if (stationPhase) return { ...base, status: 'submitted', submits: true };
      return cs === 'withdrawn' ? illegal('案件已撤回，不能受理') : illegal('案件已上报中心，不能重复受理');
    case 'case.accept_rongque':
      if (stationPhase) return { ...base, status: 'submitted', submits: true, rongque: true };
      return cs === 'withdrawn' ? illegal('案件已撤回，不能受理') : illegal('案件已上报中心，不能重复受理');
    case 'case.complete_materials':
      if (stationPhase) return { ...base, status: 'submitted', submits: true };
      if (cs === 'submitted' && cur?.materialsPending) return { ...base, status: 'submitted', submits: true };
      return illegal(cs === 'submitted' ? '中心记录此案件材料已齐，无需补齐' : `案件在中心的状态（${cs}）下不能补齐材料`);
    case 'case.withdraw':
      if (stationPhase) return { ...base, status: 'withdrawn' };
      // Withdrawn at the station before it heard that central had the case (offline, its 受理 still on the way; a
      // station that heard offers no 撤回): an applicant may withdraw until the decision, so it is honoured (1.6).
      // Only the status changes: the content stays as central holds it.
      if (cs === 'submitted' || cs === 'returned') return { ...base, status: 'withdrawn', versionOnly: true };
      if (cs !== null && isDecided(cs)) return illegal(TOO_LATE_TO_WITHDRAW[cs]);
      return illegal('案件已撤回');
    case 'case.resubmit': {
      if (!cur) return reject('unknown-case', '中心没有此案件，不能补正');
      if (cs !== 'returned') return illegal(`案件在中心的状态（${cs}）不是退回补正，不能提交补正`);
      const answered = (p as CaseOpPayload & { centralVersion: number }).centralVersion;
      if (answered !== cur.centralVersion) {
        return reject('conflict', `中心的案件已有变化（中心版本 ${cur.centralVersion}，补正针对版本 ${answered}），请先同步再提交补正`, 'payload.centralVersion');
      }
      return { ...base, status: 'submitted', submits: true };
    }
    case 'case.hand_out':
      if (cs === 'approved') return { ...base, status: 'completed' };
      return illegal('只有中心已批准的案件可以出件');
  }
}

interface ResolvedPerson {
  id: string;
  idNumber: string | null;
  name: string | null;
}

/** Who the case is for: as resolved when central first saw the case, else by the station's id, else by ID number. */
function resolvePerson(ctx: ApplyContext, cur: CaseRow | undefined, c: Case, p: CaseOpPayload): ResolvedPerson | null {
  if (cur) return { id: cur.personId, idNumber: cur.personIdNumber, name: cur.personName };
  const byId = ctx.personById(c.personId);
  if (byId) return { id: c.personId, idNumber: byId.idNumber, name: byId.name };
  if (p.person) {
    const byNo = ctx.personByIdNumber(p.person.idNumber.trim().toUpperCase());
    if (byNo) return { id: c.personId, idNumber: byNo.idNumber, name: byNo.name };
  }
  return null;
}

/** Claims for a submission: refused when another case holds one; otherwise what to take and what to let go. */
function claimsFor(
  ctx: ApplyContext,
  item: CatalogItem,
  c: Case,
  values: FormValues,
  person: ResolvedPerson,
): { take: ClaimRow[]; release: string[] } | Outcome {
  const twice = repeatedInvoices(values);
  if (twice.length > 0) return reject('invoice-claimed', `票据号码 ${twice.join('、')} 在本案中重复填写`, 'form.invoices');
  const specs = claimSpecs(item, values, person.idNumber, ctx.station.regionCode);
  for (const s of specs) {
    const held = ctx.claim(s.key);
    if (!held || held.caseId === c.id) continue;
    const where = held.stationId === ctx.station.id ? '本站点' : `站点 ${held.stationCode}`;
    if (s.kind === 'invoice') {
      return reject('invoice-claimed', `票据号码 ${s.label} 已在${where}的案件 ${held.caseNo} 中申请报销，不能重复报销`, 'form.invoices');
    }
    const who = person.idNumber ? maskIdNumber(person.idNumber) : '';
    return reject('duplicate-enrollment', `参保人 ${who} 的 ${s.label} 年度参保登记已在${where}办理（案件 ${held.caseNo}），不能重复参保`);
  }
  const keys = new Set(specs.map((s) => s.key));
  const mine = ctx.claimsOfCase(c.id);
  const have = new Set(mine.map((k) => k.key));
  const take = specs
    .filter((s) => !have.has(s.key))
    .map((s): ClaimRow => ({ key: s.key, kind: s.kind, caseId: c.id, caseNo: c.caseNo, stationId: ctx.station.id, stationCode: ctx.station.code, createdAt: ctx.now }));
  return { take, release: mine.filter((k) => !keys.has(k.key)).map((k) => k.key) };
}

/** The person's birth date as their ID number says (null when it says none, or the number is unknown). */
function birthDateOf(ctx: ApplyContext, person: ResolvedPerson): string | null {
  const idNumber = person.idNumber;
  if (idNumber === null) return null;
  // A batch's cases are mostly one person's: the number is read once per batch.
  return ctx.memo(`birth:${idNumber}`, () => {
    const v = validatePersonId(idNumber, ctx.today);
    return v.ok ? v.birthDate : null;
  });
}

function isOutcome(v: unknown): v is Outcome {
  return typeof v === 'object' && v !== null && 'type' in v;
}

/** Decide one `case.*` op. */
export function decideCaseOp(ctx: ApplyContext, op: PushOp, kind: CaseOpKind): Outcome {
  const parsed = payloadSchemaFor(kind).safeParse(op.payload);
  if (!parsed.success) {
    const e = errorFromZod(parsed.error as Parameters<typeof errorFromZod>[0], 'payload');
    return reject('invalid-payload', `操作内容不正确：${e.message}`, e.field);
  }
  const p = parsed.data as CaseOpPayload;
  const c = p.case;
  const bad = checkEnvelope(ctx, op, kind, p);
  if (bad) return bad;

  const cur = ctx.caseById(c.id);
  if (cur && cur.stationId !== ctx.station.id) return reject('station-mismatch', '该案件编号已属于其他站点', 'caseId');
  if (cur && c.version <= cur.stationVersion) {
    return reject('stale-version', `中心已有此案件更新的版本（${cur.stationVersion}），此操作的版本 ${c.version} 已过时`, 'payload.case.version');
  }
  const item = ctx.item(ctx.station.regionCode, c.itemCode);
  if (!item) return reject('unknown-item', `事项 ${c.itemCode} 不在本地区的事项清单中`, 'payload.case.itemCode');
  if (item.family !== c.family) return reject('invalid-payload', `案件类别（${c.family}）与事项 ${c.itemCode} 的类别不符`, 'payload.case.family');
  const person = resolvePerson(ctx, cur, c, p);
  if (!person) {
    const who = p.person ? `（${maskIdNumber(p.person.idNumber)}）` : '';
    return reject('unknown-person', `参保人${who}不在中心的参保人员库中：请先登记参保人，或等待花名册更新后再提交`, 'payload.case.personId');
  }

  const planned = plan(kind, cur, p);
  if (isOutcome(planned)) return planned;

  let values: FormValues = c.form;
  let claims: { take: ClaimRow[]; release: string[] } = { take: [], release: [] };
  let materialsPending = planned.materialsPending;
  if (!planned.materialsOnly && !planned.versionOnly && !planned.archiveOnly) {
    const form = checkForm(item, c.form, ctx.today, !planned.submits, birthDateOf(ctx, person));
    if (!form.ok) return reject('invalid-form', form.message, form.field);
    values = form.values;
  }
  // A case withdrawn after central had it lets its claims go (an enrollment year, invoices): they may be claimed again.
  if (planned.status === 'withdrawn' && cur) claims = { take: [], release: ctx.claimsOfCase(c.id).map((k) => k.key) };
  if (planned.submits) {
    const agent = checkProxy(c.proxy, person.idNumber, ctx.today);
    if (!agent.ok) return reject('invalid-form', agent.message, agent.field);
    const m = checkMaterials(item, c, values, planned.rongque);
    if (!m.ok) return reject('materials-missing', m.message, 'payload.case.materials');
    materialsPending = m.pending;
    const k = claimsFor(ctx, item, c, values, person);
    if (isOutcome(k)) return k;
    claims = k;
  }

  // Last: attachments. A refused op needs none; an op that would apply waits until central holds them all.
  const attachments = p.attachments ?? [];
  const missing = [...new Set(attachments.map((a) => a.sha256))].filter((h) => !ctx.hasBlob(h));
  if (missing.length > 0) return { type: 'blocked', missing };

  const row = nextRow(ctx, cur, c, p, planned, materialsPending, person);
  if (planned.submits && ctx.autoDecideOnTheSpot && item.mode === 'on_the_spot' && row.status === 'submitted' && !row.materialsPending) autoComplete(ctx, row);
  const statusChanged = cur === undefined || cur.status !== row.status || cur.materialsPending !== row.materialsPending;
  const changes: NewChange[] = [];
  if (statusChanged && (row.status === 'submitted' || row.status === 'completed')) {
    changes.push(caseStatusChange(row, op.opId, ctx.now));
  }
  return {
    type: 'applied',
    caseWrite: { row, expectCentralVersion: cur?.centralVersion ?? null, expectStationVersion: cur?.stationVersion ?? null },
    persons: [],
    claims: claims.take,
    releaseClaims: claims.release,
    changes,
    caseState: { caseId: row.id, status: row.status, centralVersion: row.centralVersion, materialsPending: row.materialsPending },
    payload: p as unknown as Record<string, unknown>,
  };
}

/** Who decides an item handled on the spot, in the case's history at the station. */
export const AUTO_DECIDER = '中心系统（即时办结）';

/**
 * Central's automatic rule for an item handled on the spot (即时办结): once its submission passed every check (form,
 * materials, claims), the case is completed as it arrives, and the station hears it with the op's answer.
 */
function autoComplete(ctx: ApplyContext, row: CaseRow): void {
  row.status = 'completed';
  row.decidedAt = ctx.now;
  row.decidedBy = AUTO_DECIDER;
  row.note = '即时办结';
}

/** A decided case's file: what central decided on stays, what the station added since joins it. */
function archived(held: CaseRow['attachments'], sent: CaseRow['attachments']): CaseRow['attachments'] {
  const have = new Set(held.map((a) => a.sha256));
  return [...held, ...sent.filter((a) => !have.has(a.sha256))];
}

function nextRow(
  ctx: ApplyContext,
  cur: CaseRow | undefined,
  c: Case,
  p: CaseOpPayload,
  planned: Plan,
  materialsPending: boolean,
  person: ResolvedPerson,
): CaseRow {
  const statusChanged = cur === undefined || cur.status !== planned.status || cur.materialsPending !== materialsPending;
  const snapshot: Case =
    (planned.versionOnly || planned.archiveOnly) && cur
      ? { ...cur.snapshot, version: c.version, updatedAt: c.updatedAt }
      : planned.materialsOnly && cur
        ? { ...cur.snapshot, materials: c.materials, version: c.version, updatedAt: c.updatedAt }
        : c;
  const becameSubmitted = planned.status === 'submitted' && cur?.status !== 'submitted';
  const base: CaseRow = cur ?? {
    id: c.id,
    stationId: ctx.station.id,
    stationCode: ctx.station.code,
    caseNo: c.caseNo,
    itemCode: c.itemCode,
    family: c.family,
    regionCode: ctx.station.regionCode,
    personId: person.id,
    personIdNumber: person.idNumber,
    personName: person.name,
    status: planned.status,
    materialsPending,
    stationVersion: c.version,
    centralVersion: 1,
    submittedAt: null,
    decidedAt: null,
    decidedBy: null,
    note: null,
    reason: null,
    payoutFen: null,
    attachments: [],
    snapshot,
    updatedAt: ctx.now,
  };
  const row: CaseRow = {
    ...base,
    status: planned.status,
    materialsPending,
    stationVersion: c.version,
    centralVersion: cur === undefined ? 1 : statusChanged ? cur.centralVersion + 1 : cur.centralVersion,
    snapshot,
    attachments: planned.versionOnly ? base.attachments : planned.archiveOnly ? archived(base.attachments, p.attachments ?? []) : (p.attachments ?? base.attachments),
    updatedAt: ctx.now,
  };
  if (becameSubmitted) {
    row.submittedAt = ctx.now;
    // A resubmitted case starts a new review: the old decision stays in the change log.
    row.decidedAt = null;
    row.decidedBy = null;
    row.note = null;
    row.reason = null;
  }
  if (planned.status === 'completed') {
    row.decidedAt = ctx.now;
  }
  return row;
}
