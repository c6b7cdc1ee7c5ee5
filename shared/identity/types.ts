import type { LocalDate } from '../time';

export type Sex = 'M' | 'F';

export type PersonIdKind =
  | 'resident'
  | 'hk_macao_permit'
  | 'taiwan_permit'
  | 'foreign_pr_2017'
  | 'foreign_pr_2023';

export type IdFailureReason =
  | 'empty'
  | 'length'
  | 'characters'
  | 'province'
  | 'birth_date'
  | 'future_birth'
  | 'check'
  | 'nationality';

export type PersonIdSuccess = {
  ok: true;
  kind: PersonIdKind;
  /** Upper case, trimmed; an old 15-digit resident ID is given in its 18-digit form. */
  normalized: string;
  birthDate: LocalDate;
  /** null when the number does not encode the holder's sex (2017 foreigners' PR ID). */
  sex: Sex | null;
  /** True when the input was an old 15-digit resident ID. */
  from15: boolean;
};

/** A refusal, with a sentence for the clerk to read out. */
export type Failure<R extends string> = {
  ok: false;
  reason: R;
  /** Simplified Chinese, to be read out to the person at the window. */
  message: string;
  messageEn: string;
  /** The check character the preceding characters call for; only when reason is 'check'. */
  expectedCheck?: string;
};

export type PersonIdFailure = Failure<IdFailureReason>;

export type PersonIdResult = PersonIdSuccess | PersonIdFailure;

export type CreditCodeResult =
  | { ok: true; normalized: string; regionCode: string; authority: string; orgType: string }
  | Failure<'empty' | 'length' | 'characters' | 'check'>;
