import { z } from 'zod';
import { Sha256Schema, StationCodeSchema, UuidSchema } from '../../shared/sync/common';

/**
 * The path parameters and headers the routes validate beyond the shared protocol schemas: declared once, used by
 * the routes (central/routes) and by the OpenAPI route table (central/openapi/routes.ts), which documents them from
 * these very schemas.
 */
export const CaseParams = z.strictObject({ caseId: UuidSchema });
export const StationCodeParams = z.strictObject({ stationCode: StationCodeSchema });
export const UploadParams = z.strictObject({ id: UuidSchema });
export const BlobParams = z.strictObject({ sha256: Sha256Schema });

/** Upload-Offset (request and answer) and Upload-Length (answer): a byte count in decimal digits. */
export const ByteCountHeaderSchema = z.string().regex(/^\d{1,15}$/);
