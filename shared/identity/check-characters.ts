/**
 * Check characters of the identity numbers.
 *
 * - ISO 7064 MOD 11-2 (GB 11643-1999): resident IDs, HK/Macao/Taiwan residence permits and
 *   the 2023 foreigners' permanent residence ID.
 * - 7-3-1 mod 10 (ICAO Doc 9303 check digit): the 2017 foreigners' permanent residence ID.
 */

const MOD11_2_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const MOD11_2_CHARS = '10X98765432';

/**
 * The 18th character of a resident ID for its first 17 digits:
 * Σ(digit × weight) mod 11, mapped through "10X98765432".
 * Throws RangeError unless `first17` is exactly 17 ASCII digits.
 */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError(`expected 17 digits, got: ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * MOD11_2_WEIGHTS[i]!;
  return MOD11_2_CHARS[sum % 11]!;
}

const ICAO_WEIGHTS = [7, 3, 1] as const;

/**
 * ICAO 9303 check digit: characters valued 0-9 for digits and A=10 … Z=35 for letters,
 * multiplied by the repeating weights 7, 3, 1, summed, mod 10.
 * Throws RangeError on anything but upper-case letters and digits.
 */
export function icao731CheckDigit(chars: string): string {
  if (!/^[0-9A-Z]*$/.test(chars)) {
    throw new RangeError(`expected digits and upper-case letters, got: ${JSON.stringify(chars)}`);
  }
  let sum = 0;
  for (let i = 0; i < chars.length; i++) {
    const code = chars.charCodeAt(i);
    const value = code <= 57 ? code - 48 : code - 55; // '0'..'9' → 0..9, 'A'..'Z' → 10..35
    sum += value * ICAO_WEIGHTS[i % 3]!;
  }
  return String(sum % 10);
}
