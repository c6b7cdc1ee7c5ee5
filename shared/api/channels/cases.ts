import { z } from 'zod';
import { channel } from '../channel';
import { CaseSchema, CaseEventSchema, ProxySchema, UuidSchema, LocalDateSchema } from '../../cases/model';
import { CASE_ACTIONS } from '../../cases/status';
import { PersonSummarySchema } from '../../persons';
import { LocalizedTextSchema } from '../../text';
import { CareModeSchema, LtcAssessmentResultSchema } from '../../policy';
import { CalcInputSchema, EstimateKindSchema, EstimateRecordSchema } from './policy';

const MaterialCodesSchema = z.array(z.string().min(1).max(64)).max(50);
const VersionSchema = z.number().int().positive();
const ReasonSchema = z.string().trim().min(1, '请填写原因').max(500);
/**
 * The estimate on screen at 受理 (待遇测算: the calculator's kind and the inputs, the tier the clerk chose included):
 * the core computes it again and keeps it with the case in the acceptance's transaction; the receipt links to it.
 */
const AcceptEstimateSchema = z.strictObject({ kind: EstimateKindSchema, input: CalcInputSchema });

export const CaseMaterialViewSchema = z.strictObject({
  code: z.string(),
  name: LocalizedTextSchema,
  needed: z.boolean(),
  deferrable: z.boolean(),
  received: z.boolean(),
});

/** A user named as a handler of a case besides the clerk who took it in (a proxy helper). */
export const CaseHandlerSchema = z.strictObject({ userId: z.string(), displayName: z.string() });

export const CaseViewSchema = z.strictObject({
  case: CaseSchema,
  person: PersonSummarySchema,
  /** Who took the case in (the receipt names them). */
  clerkName: z.string(),
  /** Proxy helpers named as handlers (they see and work the case). */
  handlers: z.array(CaseHandlerSchema),
  itemName: LocalizedTextSchema,
  materials: z.array(CaseMaterialViewSchema),
  events: z.array(CaseEventSchema),
  /** Working days until sla_due (negative when overdue); null without a due date. */
  workingDaysLeft: z.number().int().nullable(),
  /** Some of those days were counted without official calendar data (weekends only). */
  calendarEstimated: z.boolean(),
  actions: z.array(z.enum(CASE_ACTIONS)),
  /** What central said: its version of the case, the reviewer's note, the payout (fen) of a completed claim. */
  central: z.strictObject({
    version: z.number().int().positive().nullable(),
    note: z.string().nullable(),
    payoutFen: z.number().int().min(0).nullable(),
  }),
});
export type CaseView = z.infer<typeof CaseViewSchema>;

export const casesCreate = channel({
  summary: 'Start a case (draft) for a person',
  write: true,
  input: z.strictObject({
    itemCode: z.string().min(1).max(64),
    personId: UuidSchema,
    form: z.record(z.string(), z.unknown()),
    proxy: ProxySchema.optional(),
    materialsReceived: MaterialCodesSchema.optional(),
  }),
  output: CaseViewSchema,
});

export const casesIntake = channel({
  summary: '受理 at once: create and accept in one step (nothing is saved when acceptance is refused)',
  write: true,
  input: z.strictObject({
    itemCode: z.string().min(1).max(64),
    personId: UuidSchema,
    form: z.record(z.string(), z.unknown()),
    proxy: ProxySchema.optional(),
    materialsReceived: MaterialCodesSchema,
    promiseDate: LocalDateSchema.optional(),
    estimate: AcceptEstimateSchema.optional(),
  }),
  output: CaseViewSchema,
});

export const casesUpdateDraft = channel({
  summary: 'Change the form, proxy or received materials of a draft',
  write: true,
  input: z.strictObject({
    caseId: UuidSchema,
    version: VersionSchema,
    form: z.record(z.string(), z.unknown()).optional(),
    proxy: ProxySchema.nullable().optional(),
    materialsReceived: MaterialCodesSchema.optional(),
  }),
  output: CaseViewSchema,
});

export const casesAccept = channel({
  summary: '受理: accept with complete materials, or under 容缺 with a promise date; refused with the list of what is missing',
  write: true,
  input: z.strictObject({
    caseId: UuidSchema,
    version: VersionSchema,
    /** Materials received at the counter (adds to what the draft already records). */
    materialsReceived: MaterialCodesSchema.optional(),
    /** 容缺: the date by which the person promises the missing materials. */
    promiseDate: LocalDateSchema.optional(),
    estimate: AcceptEstimateSchema.optional(),
  }),
  output: CaseViewSchema,
});

export const casesRecordMaterials = channel({
  summary: 'Record materials that arrived later; completes a 容缺 case when nothing is missing',
  write: true,
  input: z.strictObject({ caseId: UuidSchema, version: VersionSchema, received: MaterialCodesSchema.min(1) }),
  output: CaseViewSchema,
});

export const casesWithdraw = channel({
  summary: 'Withdraw a case not yet sent to central, with a reason',
  write: true,
  input: z.strictObject({ caseId: UuidSchema, version: VersionSchema, reason: ReasonSchema }),
  output: CaseViewSchema,
});

export const casesResubmit = channel({
  summary: '补正: correct a case central returned and send it again (what was corrected is the reason)',
  write: true,
  input: z.strictObject({
    caseId: UuidSchema,
    version: VersionSchema,
    reason: ReasonSchema,
    form: z.record(z.string(), z.unknown()).optional(),
    materialsReceived: MaterialCodesSchema.optional(),
  }),
  output: CaseViewSchema,
});

export const casesAcknowledgeRefusal = channel({
  summary: '已知悉: take note of a refusal by central that nothing at the station can correct; it leaves 需处理',
  write: true,
  input: z.strictObject({
    caseId: UuidSchema,
    version: VersionSchema,
    /** What the window did about it (e.g. told the person by phone). */
    note: z.string().trim().max(200, '说明不能超过 200 个字').optional(),
  }),
  output: CaseViewSchema,
});

export const casesHandOut = channel({
  summary: '出件: hand an approved result to the person at the window; the case is completed',
  write: true,
  input: z.strictObject({
    caseId: UuidSchema,
    version: VersionSchema,
    /** Who collected the result when it is not the person (family member, proxy officer). */
    collector: z
      .strictObject({
        name: z.string().trim().min(1, '请填写领取人姓名').max(50),
        idNumber: z.string().trim().max(32).optional(),
        relationship: z.string().trim().max(20).optional(),
      })
      .optional(),
  }),
  output: CaseViewSchema,
});

export const casesGet = channel({
  summary: 'A case with its person, materials, timeline and allowed actions',
  write: false,
  input: z.strictObject({ caseId: UuidSchema }),
  output: CaseViewSchema,
});

export const casesSaveEstimate = channel({
  summary: 'Compute an estimate and keep it with the case (printed as 待遇测算单, compared with the central decision later)',
  write: true,
  input: z.strictObject({ caseId: UuidSchema, version: z.number().int().positive(), kind: EstimateKindSchema, input: CalcInputSchema }),
  output: z.strictObject({ estimate: EstimateRecordSchema, caseVersion: z.number().int().positive() }),
});

const Scores = z.record(z.string(), z.number());

export const casesSaveLtcAssessment = channel({
  summary: 'Record an LTC disability assessment (two assessors, date, 17 item scores): the level is computed and kept with the case',
  write: true,
  input: z.strictObject({
    caseId: UuidSchema,
    version: z.number().int().positive(),
    assessors: z.tuple([z.string().trim().min(1, '请填写第一位评估员').max(32), z.string().trim().min(1, '请填写第二位评估员').max(32)]),
    assessmentDate: LocalDateSchema,
    adl: Scores,
    cognition: Scores,
    perception: Scores,
    requestedCareMode: CareModeSchema.optional(),
    /** Photos of the assessment form already attached to the case. */
    attachmentIds: z.array(UuidSchema).max(20).optional(),
  }),
  output: z.strictObject({ estimate: EstimateRecordSchema, result: LtcAssessmentResultSchema, caseVersion: z.number().int().positive() }),
});

export const casesEstimates = channel({
  summary: 'Estimates and assessments kept with a case',
  write: false,
  input: z.strictObject({ caseId: UuidSchema }),
  output: z.array(EstimateRecordSchema),
});

/** Form values a case page shows masked until asked for (the payout account). */
export const REVEALABLE_FIELDS = ['bankAccount'] as const;

export const casesRevealField = channel({
  summary: 'Show a masked form value of a case in full (the payout bank account); every reveal is audited',
  write: false,
  input: z.strictObject({ caseId: UuidSchema, field: z.enum(REVEALABLE_FIELDS) }),
  output: z.strictObject({ value: z.string().nullable() }),
});

export const casesAssignHandler = channel({
  summary: 'Name a proxy helper a handler of a case (they then see and work it), or un-name them; audited',
  write: true,
  input: z.strictObject({ caseId: UuidSchema, userId: UuidSchema, named: z.boolean() }),
  output: z.strictObject({ handlers: z.array(CaseHandlerSchema) }),
});
