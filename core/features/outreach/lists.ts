import type { CoreContext } from '../../context';
import type { Access } from '../../access';
import type { ChannelInput, ChannelOutput } from '../../../shared/api/contract';
import type { OutreachRow } from '../../../shared/api/channels/outreach';
import type { OutreachList } from '../../../shared/outreach/rules';
import type { Trip } from '../../../shared/outreach/trips';
import type { OutreachCase, OutreachPerson } from '../../../db/repos/outreach';
import { FORBIDDEN_SCOPE_MESSAGE, isCaseBound } from '../../../shared/access';
import { fail } from '../../../shared/api/errors';
import { isGranted, isLiveIntake } from '../../../shared/cases/next-step';
import { LtcAssessmentResultSchema, SAMPLE_REGION_CODE } from '../../../shared/policy';
import {
  OUTREACH_DEFAULTS,
  certificationExpiring,
  collectionPeriodOf,
  enrollmentGap,
  enrollmentTarget,
  ltcReassessmentDue,
  promiseFallingDue,
  type DueDate,
} from '../../../shared/outreach/rules';
import { livesIn } from '../../../shared/outreach/trips';
import { localDateOfInstant, nowInstant, today } from '../../../shared/time';
import { personsInReach } from '../../access';
import { station } from '../../reference/station';

/**
 * The proactive work lists (主动服务), from the station's own data, for a trip's villages or the whole station:
 * 未参保/断保 for the next coverage year, LTC re-assessments due, chronic-disease certifications expiring, returned
 * cases waiting for correction, 容缺 promises falling due. The rules are shared/outreach/rules.ts; this module
 * finds the rows they judge. A narrow scope (a helper, a team) sees only the persons within its reach.
 */

const ENROLLMENT_ITEMS = ['resident_enrollment', 'employee_enrollment'] as const;
const ITEM_FOR: Record<OutreachList, string> = {
  enrollment: 'resident_enrollment',
  ltc_reassessment: 'ltc_reassessment',
  certification: 'chronic_disease_certification',
  returned: '',
  promise: '',
};

type Draft = Omit<OutreachRow, 'name' | 'idNumber' | 'phone' | 'address' | 'itemName'>;

function dueFields(d: DueDate | null): Pick<OutreachRow, 'due' | 'daysLeft' | 'overdue'> {
  return d ? { due: d.due, daysLeft: d.daysLeft, overdue: d.overdue } : { due: null, daysLeft: null, overdue: false };
}

/** The region whose contribution table sets the collection period: the station's own, else the sample one. */
function enrollmentRegion(ctx: CoreContext): string {
  const own = station(ctx)?.regionCode;
  if (own && ctx.policy.some((t) => t.kind === 'contribution' && t.regionCode === own)) return own;
  return SAMPLE_REGION_CODE;
}

function enrollmentRows(ctx: CoreContext, persons: readonly OutreachPerson[], day: string): { rows: Draft[]; target: ReturnType<typeof enrollmentTarget> } {
  const region = enrollmentRegion(ctx);
  const target = enrollmentTarget(day, (y) => collectionPeriodOf(ctx.policy, region, y));
  if (!target) return { rows: [], target: null };
  // Enrollment cases taken in for the target year (resident: its enrollment year; employee: joining in that year or before).
  const enrolled = new Set<string>();
  for (const c of ctx.repos.outreach.casesOfItems(ENROLLMENT_ITEMS)) {
    if (!isLiveIntake(c.status)) continue;
    const year = c.itemCode === 'resident_enrollment' ? Number(c.form.enrollmentYear) : Number(String(c.form.effectiveDate ?? '').slice(0, 4));
    if (c.itemCode === 'resident_enrollment' ? year === target.year : year <= target.year && ['join', 'resume'].includes(String(c.form.changeType))) {
      enrolled.add(c.personId);
    }
  }
  const rows: Draft[] = [];
  for (const p of persons) {
    const gap = enrollmentGap(p.insurance, enrolled.has(p.id));
    if (gap === null) continue;
    const reason = `${gap === 'never' ? '未参保' : '断保'}：${target.year}年度尚未参保（集中缴费期 ${target.from} 至 ${target.to}${target.phase === 'in' ? '，正在缴费期内' : '，尚未开始'}）`;
    rows.push({ personId: p.id, itemCode: ITEM_FOR.enrollment, caseId: null, caseNo: null, status: null, reason, due: target.to, daysLeft: target.daysLeft, overdue: false });
  }
  return { rows, target };
}

function ltcRows(ctx: CoreContext, day: string): Draft[] {
  // The latest assessment of each person, and re-assessment cases taken in since.
  const latest = new Map<string, { caseId: string; date: string; due: string; levelName: string }>();
  for (const a of ctx.repos.outreach.ltcAssessments()) {
    if (!isLiveIntake(a.status)) continue;
    const r = LtcAssessmentResultSchema.safeParse(a.result);
    if (!r.success) continue;
    const prev = latest.get(a.personId);
    if (!prev || r.data.assessmentDate >= prev.date) {
      latest.set(a.personId, { caseId: a.caseId, date: r.data.assessmentDate, due: r.data.nextAssessmentDue, levelName: r.data.levelName['zh-CN'] });
    }
  }
  const reassessing = new Map<string, string>();
  for (const c of ctx.repos.outreach.casesOfItems(['ltc_reassessment'])) {
    if (isLiveIntake(c.status)) reassessing.set(c.personId, localDateOfInstant(c.createdAt));
  }
  const rows: Draft[] = [];
  for (const [personId, a] of latest) {
    const since = reassessing.get(personId);
    if (since !== undefined && since >= a.date) continue;
    const due = ltcReassessmentDue(a.due, day, OUTREACH_DEFAULTS.ltcWithinDays);
    if (!due) continue;
    const reason = `${a.date} 评估为${a.levelName}，${due.overdue ? `复评已逾期（应于 ${a.due}）` : `应于 ${a.due} 前复评`}`;
    rows.push({ personId, itemCode: ITEM_FOR.ltc_reassessment, caseId: null, caseNo: null, status: null, reason, ...dueFields(due) });
  }
  return rows;
}

function certificationRows(ctx: CoreContext, day: string): Draft[] {
  const cases = ctx.repos.outreach.casesOfItems([ITEM_FOR.certification]);
  const key = (c: OutreachCase) => `${c.personId}|${String(c.form.disease ?? '')}|${String(c.form.diseaseOther ?? '')}`;
  // The latest certification granted per person and disease; a later case for the same disease is its renewal.
  const granted = new Map<string, { c: OutreachCase; on: string }>();
  for (const c of cases) {
    if (!isGranted(c.status)) continue;
    const on = localDateOfInstant(c.approvedAt ?? c.acceptedAt ?? c.updatedAt);
    const prev = granted.get(key(c));
    if (!prev || on >= prev.on) granted.set(key(c), { c, on });
  }
  const rows: Draft[] = [];
  for (const [k, g] of granted) {
    const renewing = cases.some((c) => key(c) === k && c.id !== g.c.id && isLiveIntake(c.status) && localDateOfInstant(c.createdAt) >= g.on);
    if (renewing) continue;
    const due = certificationExpiring(g.on, day);
    if (!due) continue;
    const diseaseField = ctx.catalog.get(ITEM_FOR.certification)?.fields.find((f) => f.key === 'disease');
    const disease =
      diseaseField && diseaseField.type === 'enum' ? (diseaseField.options.find((o) => o.value === g.c.form.disease)?.label['zh-CN'] ?? '') : '';
    const name = g.c.form.disease === 'other' ? String(g.c.form.diseaseOther ?? '') : disease;
    const reason = `${name}认定（${g.c.caseNo}，${g.on} 通过）${due.overdue ? `已于 ${due.due} 到期` : `将于 ${due.due} 到期`}`;
    rows.push({ personId: g.c.personId, itemCode: ITEM_FOR.certification, caseId: g.c.id, caseNo: g.c.caseNo, status: g.c.status, reason, ...dueFields(due) });
  }
  return rows;
}

function returnedRows(ctx: CoreContext): Draft[] {
  return ctx.repos.outreach.casesInStatus(['returned']).map((c) => ({
    personId: c.personId,
    itemCode: c.itemCode,
    caseId: c.id,
    caseNo: c.caseNo,
    status: c.status,
    reason: `退回补正：${c.centralNote ?? '（中心未写明原因）'}`,
    due: null,
    daysLeft: null,
    overdue: false,
  }));
}

function promiseRows(ctx: CoreContext, day: string): Draft[] {
  const dueBy = ctx.calendar.addWorkingDays(day, OUTREACH_DEFAULTS.promiseWithinWorkingDays).date;
  const rows: Draft[] = [];
  for (const c of ctx.repos.outreach.casesInStatus(['awaiting_materials'])) {
    if (!c.promiseDate) continue;
    const due = promiseFallingDue(c.promiseDate, day, dueBy);
    if (!due) continue;
    const reason = due.overdue ? `容缺受理承诺 ${c.promiseDate} 补齐材料，已逾期` : `容缺受理承诺 ${c.promiseDate} 前补齐材料`;
    rows.push({ personId: c.personId, itemCode: c.itemCode, caseId: c.id, caseNo: c.caseNo, status: c.status, reason, ...dueFields(due) });
  }
  return rows;
}

/** The trip's villages when a trip is named (it must be one the user reaches). */
function tripOf(ctx: CoreContext, a: Access, tripId: string | undefined): Trip | null {
  if (tripId === undefined) return null;
  const trip = ctx.repos.trips.byId(tripId);
  if (!trip) fail('not_found', '行程不存在', { field: 'tripId' });
  if (isCaseBound(a.scope) && !trip.memberIds.includes(a.user.id)) fail('forbidden', FORBIDDEN_SCOPE_MESSAGE, { field: 'tripId' });
  return trip;
}

export function outreachList(ctx: CoreContext, a: Access, input: ChannelInput<'outreach.list'>): ChannelOutput<'outreach.list'> {
  const trip = tripOf(ctx, a, input.tripId);
  const day = today(ctx.clock);
  let drafts: Draft[];
  let target: ChannelOutput<'outreach.list'>['target'] = null;
  switch (input.list) {
    case 'enrollment': {
      const r = enrollmentRows(ctx, ctx.repos.outreach.persons(trip ? trip.villages : null), day);
      drafts = r.rows;
      target = r.target ? { year: r.target.year, from: r.target.from, to: r.target.to, phase: r.target.phase, daysLeft: r.target.daysLeft, estimated: r.target.estimated } : null;
      break;
    }
    case 'ltc_reassessment':
      drafts = ltcRows(ctx, day);
      break;
    case 'certification':
      drafts = certificationRows(ctx, day);
      break;
    case 'returned':
      drafts = returnedRows(ctx);
      break;
    case 'promise':
      drafts = promiseRows(ctx, day);
      break;
  }
  const persons = ctx.repos.outreach.personsById(drafts.map((d) => d.personId));
  // A trip's list: the persons of its villages (or of the cases taken in on it).
  if (trip) {
    const tripCases = new Set(ctx.repos.trips.caseIds(trip.id));
    drafts = drafts.filter((d) => {
      const p = persons.get(d.personId);
      return (p && trip.villages.some((v) => livesIn(p, v))) || (d.caseId !== null && tripCases.has(d.caseId));
    });
  }
  // A narrow scope: only the persons within reach.
  const reach = new Set(personsInReach(ctx, a, [...new Set(drafts.map((d) => d.personId))]));
  drafts = drafts.filter((d) => reach.has(d.personId));
  const rows: OutreachRow[] = drafts
    .map((d) => {
      const p = persons.get(d.personId);
      const item = ctx.catalog.get(d.itemCode);
      return {
        ...d,
        name: p?.name ?? '',
        idNumber: p?.idNumber ?? '',
        phone: p?.phone ?? null,
        address: p?.address ?? null,
        itemName: item?.name ?? { 'zh-CN': d.itemCode, en: d.itemCode },
      };
    })
    .sort((x, y) => (x.due ?? '9999') .localeCompare(y.due ?? '9999') || (x.address ?? '').localeCompare(y.address ?? '', 'zh-CN') || x.name.localeCompare(y.name, 'zh-CN'));
  ctx.txRelaxed(() =>
    ctx.repos.audit.append({
      at: nowInstant(ctx.clock),
      actorId: a.user.id,
      actorName: a.user.displayName,
      action: 'outreach.read',
      entity: 'person',
      entityId: null,
      detail: { list: input.list, tripId: trip?.id ?? null, persons: rows.map((r) => r.personId) },
    }),
  );
  return { list: input.list, rows, target, scope: { tripId: trip?.id ?? null, tripName: trip?.name ?? null }, generatedOn: day };
}
