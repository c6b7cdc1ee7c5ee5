import { z } from 'zod';
import { VisitSchema } from '../outreach/visits';

/**
 * Visit records of the mobile service teams (protocol 1.4, issue 16): `visit.recorded` carries the whole record
 * (shared/outreach/visits.ts) each time it changes, with its own `version`; central keeps the highest (an older or
 * repeated one changes nothing). Envelope: `caseId: null`, `baseVersion: null`. Who was visited travels by ID number
 * and name, as on case ops (station person ids are local).
 */
export const VISITS_SINCE = 4;
export const VISIT_OP_KINDS = ['visit.recorded'] as const;
export type VisitOpKind = (typeof VISIT_OP_KINDS)[number];

export function isVisitOpKind(kind: string): kind is VisitOpKind {
  return (VISIT_OP_KINDS as readonly string[]).includes(kind);
}

export const VisitRecordedPayloadSchema = z.strictObject({
  visit: VisitSchema,
  person: z.strictObject({ idNumber: z.string().trim().min(1).max(32), name: z.string().trim().min(1).max(50) }),
});
export type VisitRecordedPayload = z.infer<typeof VisitRecordedPayloadSchema>;
