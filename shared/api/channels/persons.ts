import { z } from 'zod';
import { channel } from '../channel';
import { PersonSchema, PersonSummarySchema, PersonFlagSchema } from '../../persons';
import { UuidSchema } from '../../cases/model';
import { RegionCodeSchema } from './setup';

export const personsSearch = channel({
  summary: 'Find persons by name, pinyin (full or initials), ID number or phone',
  write: false,
  input: z.strictObject({ q: z.string().trim().min(1).max(64), limit: z.number().int().min(1).max(50).optional() }),
  output: z.array(PersonSummarySchema),
});

export const personsGet = channel({
  summary: "A person's full record (read is audited)",
  write: true,
  input: z.strictObject({ id: UuidSchema }),
  output: PersonSchema,
});

export const personsFindByIdNumber = channel({
  summary: 'Exact look-up by ID number (typed or scanned); null when not known here',
  write: true,
  input: z.strictObject({ idNumber: z.string().trim().min(1).max(32) }),
  output: PersonSchema.nullable(),
});

/**
 * Correct what the window knows of a person — name, phone, address (absent: unchanged; null: phone or address
 * cleared). Audited (which fields changed), and sent to central as the person's current record.
 */
export const personsUpdate = channel({
  summary: 'Correct a person’s name, phone or address (audited; synced to central)',
  write: true,
  input: z.strictObject({
    id: z.string().min(1).max(64),
    name: z.string().max(60).optional(),
    phone: z.string().trim().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '电话号码格式不对').nullable().optional(),
    address: z.string().trim().max(200, '地址不能超过200个字').nullable().optional(),
  }),
  output: PersonSchema,
});

export const personsRegister = channel({
  summary: 'Register a person met at the window (not on the roster)',
  write: true,
  input: z.strictObject({
    idNumber: z.string().trim().min(1).max(32),
    name: z.string().trim().min(1, '请填写姓名').max(50),
    phone: z.string().trim().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '电话号码格式不对').optional(),
    regionCode: RegionCodeSchema.optional(),
    address: z.string().trim().max(200).optional(),
    flags: z.array(PersonFlagSchema).max(10).optional(),
  }),
  output: PersonSchema,
});
