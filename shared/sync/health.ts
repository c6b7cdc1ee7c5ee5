import { z } from 'zod';
import { InstantSchema } from './common';

/** GET /v1/health — no credential needed. Stations read `protocol.minor` and the limits from here. */
export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  protocol: z.object({ version: z.string(), major: z.number().int(), minor: z.number().int() }),
  time: InstantSchema,
  storage: z.enum(['sqlite', 'postgres']),
  limits: z.object({
    maxBodyBytes: z.number().int().positive(),
    maxOpsPerPush: z.number().int().positive(),
    maxPullLimit: z.number().int().positive(),
    chunkMaxBytes: z.number().int().positive(),
    maxUploadBytes: z.number().int().positive(),
  }),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
