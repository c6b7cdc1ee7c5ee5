import type { FastifyInstance } from 'fastify';
import { EnrollRequestSchema, EnrollResponseSchema, SigningKeyRequestSchema, SigningKeyResponseSchema, StationInfoSchema } from '../../shared/sync/stations';
import type { CentralContext } from '../services/context';
import { enroll, registerSigningKey, stationInfo } from '../services/stations';
import { parseInput, sendValid } from '../http/validate';
import { protocolMinor, requireStation, stationAuth } from '../http/auth';

export function stationRoutes(app: FastifyInstance, ctx: CentralContext): void {
  app.post('/v1/stations/enroll', async (req, reply) => {
    const body = parseInput(EnrollRequestSchema, req.body);
    protocolMinor(body.protocol);
    const res = await enroll(ctx, body);
    req.log.info({ stationId: res.stationId, stationCode: res.stationCode }, 'station enrolled');
    return sendValid(reply, EnrollResponseSchema, res, 201);
  });

  app.get('/v1/stations/me', { preHandler: stationAuth(ctx) }, async (req, reply) => sendValid(reply, StationInfoSchema, stationInfo(requireStation(req))));

  // A station enrolled before protocol 1.2 registers its first signing key (a new key later needs a new enrollment).
  app.put('/v1/stations/me/signing-key', { preHandler: stationAuth(ctx) }, async (req, reply) => {
    const body = parseInput(SigningKeyRequestSchema, req.body);
    protocolMinor(body.protocol);
    const station = requireStation(req);
    const res = await registerSigningKey(ctx, station, body);
    req.log.info({ stationId: station.id, signingKeyId: res.signingKeyId }, 'signing key registered');
    return sendValid(reply, SigningKeyResponseSchema, res);
  });
}
