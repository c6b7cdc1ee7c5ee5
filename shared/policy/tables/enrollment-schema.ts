import { z } from 'zod';
import { LocalizedTextSchema } from '../../text';
import { HARDSHIP_GROUPS, HardshipGroupSchema } from '../vocab';
import { currentCodeKeys } from '../../legacy-codes';
import { BasisPointsSchema, CountSchema, FenFigureSchema, YearDaySchema } from './common';

/** Bodies of the enrollment tables: resident contribution (`contribution`) and waiting periods (`waiting_period`). */

/** How a hardship group's contribution is paid for it: a share of the standard, or a fixed sum (定额资助). */
export const HardshipSubsidySchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('share'), shareBp: BasisPointsSchema, payer: LocalizedTextSchema }),
  z.strictObject({ mode: z.literal('fixed'), amountFen: FenFigureSchema, payer: LocalizedTextSchema }),
]);
export type HardshipSubsidy = z.infer<typeof HardshipSubsidySchema>;

/** One way to pay the resident contribution (税务App, 微信/支付宝, 银行, 村社区代收…), and how, read out at the window. */
export const PaymentChannelSchema = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: LocalizedTextSchema,
  how: LocalizedTextSchema.optional(),
});
export type PaymentChannel = z.infer<typeof PaymentChannelSchema>;

/**
 * Resident contribution of one coverage year (selected on 1 January of that year): the amount per person by
 * tier, the government subsidy per person (shown, not charged), the local collection period (集中缴费期),
 * the tier hardship groups enroll at and who pays their contribution.
 */
export const ContributionBodySchema = z
  .strictObject({
    amountsFen: z.strictObject({ tier1: FenFigureSchema, tier2: FenFigureSchema, minor: FenFigureSchema, student: FenFigureSchema }),
    governmentSubsidyFen: FenFigureSchema,
    collectionPeriod: z.strictObject({ from: YearDaySchema, to: YearDaySchema }),
    hardshipTier: z.enum(['tier1', 'tier2']),
    // Keyed by group; a table published by an older central may still say `lifted` for 脱贫人口.
    hardshipSubsidies: z.preprocess(
      (v) => currentCodeKeys(v, HARDSHIP_GROUPS),
      z.strictObject(
        Object.fromEntries(HARDSHIP_GROUPS.map((g) => [g, HardshipSubsidySchema])) as Record<(typeof HARDSHIP_GROUPS)[number], typeof HardshipSubsidySchema>,
      ),
    ),
    /** How the person pays (缴费渠道), as the receipt of an enrollment tells them; a table published without: none listed. */
    paymentChannels: z.array(PaymentChannelSchema).max(20).default([]),
  })
  .superRefine((b, ctx) => {
    const { from, to } = b.collectionPeriod;
    const key = (d: z.infer<typeof YearDaySchema>) => d.yearOffset * 10_000 + d.month * 100 + d.day;
    if (key(from) > key(to)) ctx.addIssue({ code: 'custom', message: 'the collection period ends before it starts', path: ['collectionPeriod', 'to'] });
  });
export type ContributionBody = z.infer<typeof ContributionBodySchema>;

/**
 * Waiting period (待遇等待期) before resident benefits start, in the form of the national rule of 2024
 * (国办发〔2024〕38号): a fixed period for late enrollment (and, from 2025, after a gap); for each year of gap
 * beyond `gapYearsWithoutVariable`, `monthsPerGapYear` more months (the variable period); each year paid back
 * removes `monthsRemovedPerBackPaidYear` months of the variable period only. Selected on the acceptance date.
 */
export const WaitingPeriodBodySchema = z.strictObject({
  /** `late`: only enrolling after the collection period triggers it; `late_or_gap`: a gap does too. */
  triggers: z.enum(['late', 'late_or_gap']),
  fixedMonths: CountSchema.max(12),
  variable: z
    .strictObject({
      monthsPerGapYear: CountSchema.max(12),
      gapYearsWithoutVariable: CountSchema.max(10),
      monthsRemovedPerBackPaidYear: CountSchema.max(12),
      /** Most years a person may pay back (由各省确定); null = no limit in the table. */
      maxBackPaidYears: CountSchema.max(50).nullable(),
    })
    .nullable(),
  /** Longest total waiting period; null = no limit in the table. */
  maxTotalMonths: CountSchema.max(36).nullable(),
  exemptions: z.strictObject({
    /** A newborn enrolled within this many days of birth is covered from birth; null = no exemption. */
    newbornWithinDays: CountSchema.max(366).nullable(),
    /** Someone whose employee insurance ended at most this many months before enrolling waits not; null = none. */
    employeeTransferWithinMonths: CountSchema.max(12).nullable(),
    /** Hardship groups with no waiting period even when late. */
    hardshipGroups: z.array(HardshipGroupSchema),
  }),
});
export type WaitingPeriodBody = z.infer<typeof WaitingPeriodBodySchema>;
