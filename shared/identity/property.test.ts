import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dateFromDayNumber, dayNumber } from '../time';
import { residentIdCheckCharacter, validateCreditCode, validateResidentId } from './index';

const TODAY = '2026-11-23';
const PROVINCES = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
];

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

/** First 17 digits with a real province and a birth date between 1900-01-01 and today. */
const first17 = fc
  .tuple(
    fc.constantFrom(...PROVINCES),
    digits(4),
    fc.integer({ min: dayNumber('1900-01-01'), max: dayNumber(TODAY) }),
    digits(3),
  )
  .map(([province, rest, day, seq]) => `${province}${rest}${dateFromDayNumber(day).replaceAll('-', '')}${seq}`);

describe('resident ID check character (property)', () => {
  it('a computed check character makes a valid ID; changing any one character breaks it', () => {
    fc.assert(
      fc.property(first17, fc.nat(17), fc.integer({ min: 1, max: 10 }), (body, position, shift) => {
        const id = body + residentIdCheckCharacter(body);
        const r = validateResidentId(id, TODAY);
        expect(r).toMatchObject({ ok: true, normalized: id });

        // Replace one character by a different one of the same position's alphabet.
        const alphabet = position === 17 ? '0123456789X' : '0123456789';
        const old = alphabet.indexOf(id[position]!);
        const replacement = alphabet[(old + (shift % alphabet.length || 1)) % alphabet.length]!;
        expect(replacement).not.toBe(id[position]);
        const changed = id.slice(0, position) + replacement + id.slice(position + 1);
        expect(validateResidentId(changed, TODAY).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('a birth date after today is always refused, however valid the rest', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROVINCES), fc.integer({ min: 1, max: 3650 }), digits(3), (p, ahead, seq) => {
        const body = `${p}0101${addDays(TODAY, ahead).replaceAll('-', '')}${seq}`;
        const r = validateResidentId(body + residentIdCheckCharacter(body), TODAY);
        expect(r).toMatchObject({ ok: false, reason: 'future_birth' });
      }),
      { numRuns: 200 },
    );
  });
});

describe('credit code check character (property)', () => {
  const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const codeChar = fc.constantFrom(...CHARSET);
  const body17 = fc
    .tuple(fc.string({ unit: codeChar, minLength: 2, maxLength: 2 }), digits(6), fc.string({ unit: codeChar, minLength: 9, maxLength: 9 }))
    .map(([head, region, org]) => head + region + org);

  it('exactly one of the 31 possible last characters is accepted', () => {
    fc.assert(
      fc.property(body17, (body) => {
        const accepted = [...CHARSET].filter((c) => validateCreditCode(body + c).ok);
        expect(accepted).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  });
});
