/**
 * Identity-number validators: resident IDs (GB 11643-1999, incl. old 15-digit numbers),
 * HK/Macao/Taiwan residence permits, foreigners' permanent residence IDs (2017 and 2023
 * forms) and unified social credit codes (GB 32100-2015). Pure; "today" is always passed in.
 */
export type {
  CreditCodeResult,
  IdFailureReason,
  PersonIdKind,
  PersonIdResult,
  Sex,
} from './types';
export { deriveAge } from './age';
export { residentIdCheckCharacter } from './check-characters';
export { validateCreditCode } from './credit-code';
export { validateForeignPermanentResidenceId } from './foreign-pr';
export { maskIdNumber } from './mask';
export { validatePersonId } from './person-id';
export { validateResidencePermit } from './residence-permit';
export { upgradeResidentId15, validateResidentId } from './resident-id';
