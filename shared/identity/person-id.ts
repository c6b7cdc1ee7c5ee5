import type { LocalDate } from '../time';
import { requireToday } from './birth-date';
import { emptyFailure, PERSON_ID } from './failure';
import { validateForeignPermanentResidenceId } from './foreign-pr';
import { normalizeIdInput } from './normalize';
import { residencePermitKind, validateResidencePermit } from './residence-permit';
import { validateResidentId } from './resident-id';
import type { PersonIdResult } from './types';

/** Failures that say a number is not a foreigner's card at all (rather than a foreigner's card mistyped). */
const FOREIGN_SHAPE_REASONS: ReadonlySet<string> = new Set(['province', 'nationality', 'characters']);

/**
 * Detect the document type from the shape of the number and validate it:
 * - starts with a letter → foreigners' permanent residence ID, 2017 form;
 * - 18 characters starting with 9 → foreigners' permanent residence ID, 2023 form;
 * - 18 characters starting 810000 / 820000 / 830000 → HK/Macao/Taiwan residence permit;
 * - anything else → resident ID (18 characters, or old 15 digits).
 */
export function validatePersonId(input: string, today: LocalDate): PersonIdResult {
  requireToday(today);
  const id = normalizeIdInput(input);
  if (id === '') return emptyFailure(PERSON_ID);
  if (/^[A-Z]/.test(id)) return validateForeignPermanentResidenceId(id, today);
  if (id.length === 18 && id.startsWith('9')) {
    // A 2023 foreigner's card starts with 9. A number that is not one by its very shape (no such province or
    // nationality, letters where digits go) is more likely a mistyped resident ID: say what is wrong with it as that.
    const foreign = validateForeignPermanentResidenceId(id, today);
    if (foreign.ok || !FOREIGN_SHAPE_REASONS.has(foreign.reason)) return foreign;
    return validateResidentId(id, today);
  }
  if (id.length === 18 && residencePermitKind(id) !== null) return validateResidencePermit(id, today);
  return validateResidentId(id, today);
}
