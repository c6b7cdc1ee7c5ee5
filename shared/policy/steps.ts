import { z } from 'zod';
import { formatYuan, type Fen } from '../money';
import { LocalizedTextSchema, type LocalizedText } from '../text';

/**
 * What every calculator returns: the result and the steps a clerk reads out at the window, in order —
 * or a refusal of the input that names the field (dotted path such as `invoices.3.amountFen`).
 *
 * Money rule (shared/money.ts): amounts are integer fen; each layer's result is computed exactly in
 * integers (fen × basis points) and rounded once, half away from zero (`mulRatio` / `applyBasisPoints`).
 * Amounts derived by subtraction are exact, so the layers and the person's part always add up to the total.
 */

export interface Step {
  label: LocalizedText;
  /** The amount the step arrives at, in fen. */
  amountFen?: Fen;
  /** How it was reached, e.g. "20,000.00 × 70% = 14,000.00". */
  detail?: LocalizedText;
}

export const StepSchema = z.strictObject({
  label: LocalizedTextSchema,
  amountFen: z.number().int().optional(),
  detail: LocalizedTextSchema.optional(),
});

export interface CalcFailure {
  ok: false;
  /** Dotted path of the offending input field ('' when the input as a whole is wrong). */
  field: string;
  /** A Chinese sentence naming the field, as in `ApiError.message`. */
  message: string;
}

export type CalcOutcome<R> = { ok: true; result: R; steps: Step[] } | CalcFailure;

/** The zod schema of a calculator's outcome, for validating a channel's output. */
export function calcOutcomeSchema<T extends z.ZodType>(result: T) {
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), result, steps: z.array(StepSchema) }),
    z.strictObject({ ok: z.literal(false), field: z.string(), message: z.string().min(1) }),
  ]);
}

export function refuse(field: string, message: string): CalcFailure {
  return { ok: false, field, message };
}

export function text(zh: string, en: string): LocalizedText {
  return { 'zh-CN': zh, en };
}

/** A step; the English label starts with a capital letter even when built from mid-sentence parts. */
export function step(label: LocalizedText, amountFen?: Fen, detail?: LocalizedText): Step {
  const s: Step = { label: { 'zh-CN': label['zh-CN'], en: label.en.charAt(0).toUpperCase() + label.en.slice(1) } };
  if (amountFen !== undefined) s.amountFen = amountFen;
  if (detail !== undefined) s.detail = detail;
  return s;
}

/** "12,345.60" — the amount as read out (the unit is added by the sentence). */
export function yuanText(amount: Fen): string {
  return formatYuan(amount);
}

/** Basis points as a percentage: 8500 → "85%", 8550 → "85.5%". */
export function percentText(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = Math.abs(bp % 100);
  if (rest === 0) return `${whole}%`;
  return `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%`;
}

/** "1 receipt", "3 receipts" — for the English texts. */
export function countEn(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Join two localized texts with a separator per language. */
export function joinText(parts: readonly LocalizedText[], zhSep = '；', enSep = '; '): LocalizedText {
  return {
    'zh-CN': parts.map((p) => p['zh-CN']).join(zhSep),
    en: parts.map((p) => p.en).join(enSep),
  };
}
