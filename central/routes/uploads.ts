import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  UPLOAD_CONTENT_TYPE,
  UPLOAD_LENGTH_HEADER,
  UPLOAD_OFFSET_HEADER,
  UploadCreateRequestSchema,
  UploadCreateQuerySchema,
  CREATE_WITH_CHUNK_SINCE,
  UploadCreateResponseSchema,
  UploadPatchResponseSchema,
} from '../../shared/sync/uploads';
import { decodePack, PackQuerySchema, PackResponseSchema, PACK_INDEX_MAX_BYTES, UPLOAD_PACK_CONTENT_TYPE, UPLOAD_PACK_SINCE } from '../../shared/sync/upload-pack';
import { storePack } from '../services/upload-pack';
import type { CentralContext } from '../services/context';
import { createUpload, createWhole, ownUpload, patchUpload } from '../services/uploads';
import { fail } from '../services/errors';
import { parseInput, sendValid } from '../http/validate';
import { protocolMinor, requireStation, stationAuth } from '../http/auth';
import { ByteCountHeaderSchema, UploadParams } from '../http/params';

export function uploadRoutes(app: FastifyInstance, ctx: CentralContext): void {
  const preHandler = stationAuth(ctx);
  /**
   * An attachment request waits for a place at the upload gate (config.uploadConcurrency) once its station is known
   * (the credentials hook runs first) and before its body is read — a crowd of scans waits in the sockets, not in
   * memory, and the pushes of the round go to the database ahead of it. The place is left when the response closes:
   * sent, failed, or the station gone (a station gone while it waited leaves at once).
   */
  const onRequest = (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void): void => {
    let leave: (() => void) | null = null;
    let closed = false;
    reply.raw.once('close', () => {
      closed = true;
      leave?.();
    });
    void ctx.uploadGate.enter().then((l) => {
      leave = l;
      if (closed) l();
      else done();
    });
  };

  // Chunks arrive whole or not at all: a dropped connection leaves the offset where the chunk began.
  app.addContentTypeParser(UPLOAD_CONTENT_TYPE, { parseAs: 'buffer', bodyLimit: ctx.config.limits.chunkMaxBytes }, (_req, body, done) => done(null, body));

  app.post('/v1/uploads', { onRequest, preHandler }, async (req, reply) => {
    const station = requireStation(req);
    // Since 1.2 the create may carry the first chunk (the fields then come in the query).
    const withChunk = Buffer.isBuffer(req.body);
    const body = withChunk ? parseInput(UploadCreateQuerySchema, req.query) : parseInput(UploadCreateRequestSchema, req.body);
    const minor = protocolMinor(body.protocol);
    if (withChunk && minor < CREATE_WITH_CHUNK_SINCE) fail('invalid-request', `协议 ${body.protocol} 的上传请求体应为 JSON（随请求带首段数据自 1.${CREATE_WITH_CHUNK_SINCE} 起）`, { field: 'body' });
    let r = (withChunk ? await createWhole(ctx, station, body, req.body as Buffer) : null) ?? (await createUpload(ctx, station, body));
    if (withChunk && !r.body.complete && r.body.offset === 0 && (req.body as Buffer).length > 0) {
      const p = await patchUpload(ctx, station, r.body.uploadId, 0, req.body as Buffer);
      r = { created: r.created, body: p.complete ? { complete: true, sha256: body.sha256 } : { ...r.body, offset: p.offset } };
    }
    if (!r.body.complete) reply.header(UPLOAD_OFFSET_HEADER, String(r.body.offset));
    return sendValid(reply, UploadCreateResponseSchema, r.body, r.created ? 201 : 200);
  });

  // A pack (1.5): small attachments, each whole, in one request — at most one chunk's bytes and the index.
  const packLimit = ctx.config.limits.chunkMaxBytes + 4 + PACK_INDEX_MAX_BYTES;
  app.addContentTypeParser(UPLOAD_PACK_CONTENT_TYPE, { parseAs: 'buffer', bodyLimit: packLimit }, (_req, body, done) => done(null, body));

  app.post('/v1/uploads/pack', { onRequest, preHandler, bodyLimit: packLimit }, async (req, reply) => {
    const station = requireStation(req);
    const { protocol } = parseInput(PackQuerySchema, req.query);
    if (protocolMinor(protocol) < UPLOAD_PACK_SINCE) fail('invalid-request', `上传包自协议 1.${UPLOAD_PACK_SINCE} 起才可用（请求为 ${protocol}）`, { field: 'protocol' });
    if (!Buffer.isBuffer(req.body)) fail('unsupported-media-type', `上传包的内容类型应为 ${UPLOAD_PACK_CONTENT_TYPE}`);
    const pack = decodePack(req.body);
    if (!pack.ok) fail('invalid-request', pack.message, { field: 'body' });
    return sendValid(reply, PackResponseSchema, { results: await storePack(ctx, station, pack.blobs) });
  });

  app.head('/v1/uploads/:id', { preHandler }, async (req, reply) => {
    const { id } = parseInput(UploadParams, req.params);
    const row = await ownUpload(ctx, requireStation(req), id);
    return reply.code(200).header(UPLOAD_OFFSET_HEADER, String(row.offset)).header(UPLOAD_LENGTH_HEADER, String(row.size)).header('cache-control', 'no-store').send();
  });

  app.patch('/v1/uploads/:id', { onRequest, preHandler, bodyLimit: ctx.config.limits.chunkMaxBytes }, async (req, reply) => {
    const { id } = parseInput(UploadParams, req.params);
    const header = req.headers[UPLOAD_OFFSET_HEADER];
    if (!ByteCountHeaderSchema.safeParse(header).success) fail('invalid-request', '缺少或无效的 Upload-Offset 请求头', { field: 'Upload-Offset' });
    if (!Buffer.isBuffer(req.body)) fail('unsupported-media-type', `上传数据的内容类型应为 ${UPLOAD_CONTENT_TYPE}`);
    const r = await patchUpload(ctx, requireStation(req), id, Number(header), req.body);
    reply.header(UPLOAD_OFFSET_HEADER, String(r.offset));
    return sendValid(reply, UploadPatchResponseSchema, r);
  });
}
