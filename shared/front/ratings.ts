import { z } from 'zod';
import type { WorkingCalendar } from '../calendar/working';
import type { LocalDate } from '../time';

/**
 * 好差评: every service is rated by the person served (一次一评), five levels; the bottom two are a bad rating
 * (差评) with reasons, and start a follow-up the supervisor works: a return visit (回访) within 1 working day and
 * the rectification (整改) within 15 working days on the station's calendar.
 */

/** Levels, 5 = 非常满意 … 1 = 非常不满意. */
export const RATING_LEVELS = [5, 4, 3, 2, 1] as const;
export const RatingLevelSchema = z.union([z.literal(5), z.literal(4), z.literal(3), z.literal(2), z.literal(1)], { error: '请选择评价等级' });
export type RatingLevel = z.infer<typeof RatingLevelSchema>;

export const RATING_LEVEL_NAMES: Record<RatingLevel, string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};

/** 差评: 不满意 and 非常不满意. */
export function isBadRating(level: RatingLevel): boolean {
  return level <= 2;
}

/** 好评 (counted in the satisfaction rate): 非常满意, 满意, 基本满意. */
export function isGoodRating(level: RatingLevel): boolean {
  return level >= 3;
}

/** Reasons to tick for a bad rating. */
export const RATING_REASONS = ['attitude', 'efficiency', 'materials', 'policy', 'environment', 'other'] as const;
export const RatingReasonSchema = z.enum(RATING_REASONS);
export type RatingReason = z.infer<typeof RatingReasonSchema>;

export const RATING_REASON_NAMES: Record<RatingReason, string> = {
  attitude: '态度',
  efficiency: '效率',
  materials: '材料要求',
  policy: '政策',
  environment: '环境',
  other: '其他',
};

/** Who rated: the person served, or their agent (代办人). */
export const RATERS = ['self', 'proxy'] as const;
export const RaterSchema = z.enum(RATERS);
export type Rater = z.infer<typeof RaterSchema>;

/** What was rated: a ticket's visit (its cases included), or a case's hand-out (出件) on its own. */
export const RATING_SUBJECTS = ['ticket', 'hand_out'] as const;
export const RatingSubjectSchema = z.enum(RATING_SUBJECTS);
export type RatingSubject = z.infer<typeof RatingSubjectSchema>;

/** What a rating must carry, by level: reasons only for a bad one (at least one), none for a good one. */
export function ratingProblem(level: RatingLevel, reasons: readonly RatingReason[], comment: string | null): { field: string; message: string } | null {
  if (isBadRating(level)) {
    if (reasons.length === 0) return { field: 'reasons', message: '请选择不满意的原因（可多选）' };
    if (reasons.includes('other') && (comment === null || comment.trim() === '') && reasons.length === 1) {
      return { field: 'comment', message: '选择“其他”时请简单写明原因' };
    }
  } else if (reasons.length > 0) {
    return { field: 'reasons', message: '满意的评价不需要选择原因' };
  }
  return null;
}

/** Working days for the return visit and for the rectification, counted from the day of the rating. */
export const FOLLOW_UP_VISIT_DAYS = 1;
export const FOLLOW_UP_RECTIFY_DAYS = 15;

export interface FollowUpDeadlines {
  /** 回访 recorded by the end of this day. */
  visitDue: LocalDate;
  /** 整改 recorded by the end of this day. */
  rectifyDue: LocalDate;
  /** Years the count used the Monday–Friday fallback for (no official calendar): say so on screen. */
  estimatedYears: number[];
}

/**
 * Due dates of a bad rating given on `ratedOn`: 1 and 15 working days later on the station's calendar (the day
 * of the rating itself not counted; a rating on a holiday counts from the next working day).
 */
export function followUpDeadlines(calendar: WorkingCalendar, ratedOn: LocalDate): FollowUpDeadlines {
  const visit = calendar.addWorkingDays(ratedOn, FOLLOW_UP_VISIT_DAYS);
  const rectify = calendar.addWorkingDays(ratedOn, FOLLOW_UP_RECTIFY_DAYS);
  const estimatedYears = [...new Set([...visit.estimatedYears, ...rectify.estimatedYears])].sort();
  return { visitDue: visit.date, rectifyDue: rectify.date, estimatedYears };
}

/** A follow-up's state: open (回访 owed), visited (整改 owed), closed (整改 recorded). */
export const FOLLOW_UP_STATUSES = ['open', 'visited', 'closed'] as const;
export const FollowUpStatusSchema = z.enum(FOLLOW_UP_STATUSES);
export type FollowUpStatus = z.infer<typeof FollowUpStatusSchema>;

/** The outcome of an appeal (申诉): upheld (the rating is set aside for the figures) or dismissed. */
export const APPEAL_OUTCOMES = ['upheld', 'dismissed'] as const;
export const AppealOutcomeSchema = z.enum(APPEAL_OUTCOMES);
export type AppealOutcome = z.infer<typeof AppealOutcomeSchema>;

export interface FollowUpTimes {
  status: FollowUpStatus;
  visitDue: LocalDate;
  rectifyDue: LocalDate;
  /** Civil dates the steps were recorded on, or null. */
  visitedOn: LocalDate | null;
  rectifiedOn: LocalDate | null;
}

export interface FollowUpFlags {
  /** 回访 not recorded and its due day is past (or recorded after it). */
  visitOverdue: boolean;
  rectifyOverdue: boolean;
  /** Either step is overdue now (still owed past its day). */
  overdue: boolean;
  /** A step recorded after its due day. */
  late: boolean;
}

/** Overdue and late flags of a follow-up on `today`: a step is overdue when still owed after its due day. */
export function followUpFlags(f: FollowUpTimes, today: LocalDate): FollowUpFlags {
  const visitOverdue = f.visitedOn === null && today > f.visitDue;
  const rectifyOverdue = f.rectifiedOn === null && today > f.rectifyDue;
  const late = (f.visitedOn !== null && f.visitedOn > f.visitDue) || (f.rectifiedOn !== null && f.rectifiedOn > f.rectifyDue);
  return { visitOverdue, rectifyOverdue, overdue: visitOverdue || rectifyOverdue, late };
}

/** The state after recording a step (回访 first, then 整改); null when the step is not possible now. */
export function followUpAfter(status: FollowUpStatus, step: 'visit' | 'rectify'): FollowUpStatus | null {
  if (step === 'visit') return status === 'open' ? 'visited' : null;
  return status === 'visited' ? 'closed' : null;
}
