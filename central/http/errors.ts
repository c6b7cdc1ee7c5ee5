import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SyncErrorSchema, type SyncError } from '../../shared/sync/errors';
import { UPLOAD_OFFSET_HEADER } from '../../shared/sync/uploads';
import { CentralError } from '../services/errors';
import { isStoreUnavailable, RETRY_AFTER_SECONDS } from '../store/unavailable';

function sendError(reply: FastifyReply, status: number, body: SyncError): void {
  if (body.offset !== undefined) reply.header(UPLOAD_OFFSET_HEADER, String(body.offset));
  if (status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  void reply.code(status).type('application/json; charset=utf-8').send(SyncErrorSchema.parse(body));
}

/** Fastify's own refusals, in the protocol's error style with Chinese messages. */
function fromFastify(e: FastifyError, req: FastifyRequest): [number, SyncError] | null {
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [413, { code: 'payload-too-large', message: `请求体过大，超过此接口的上限（${req.routeOptions.bodyLimit ?? '?'} 字节）`, retryable: false }];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return [415, { code: 'unsupported-media-type', message: `不支持的内容类型“${req.headers['content-type'] ?? '（未指定）'}”`, retryable: false }];
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return [400, { code: 'invalid-request', message: '请求体长度与 Content-Length 不符（传输中断？）', retryable: true }];
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return [400, { code: 'bad-json', message: '请求体为空，应为 JSON', retryable: false }];
    default:
      if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) {
        return [e.statusCode, { code: 'invalid-request', message: `请求不正确（${e.message}）`, retryable: false }];
      }
      return null;
  }
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof CentralError) {
      sendError(reply, err.status, err.body);
      return;
    }
    const mapped = fromFastify(err, req);
    if (mapped) {
      sendError(reply, mapped[0], mapped[1]);
      return;
    }
    if (isStoreUnavailable(err)) {
      // The database is away (restarting, a connection cut): the station retries; central reconnects by itself.
      req.log.warn({ err: { message: (err as Error).message, code: (err as { code?: unknown }).code } }, 'storage unavailable');
      sendError(reply, 503, { code: 'unavailable', message: '中心数据库暂时不可用，请稍后重试', retryable: true });
      return;
    }
    req.log.error({ err }, 'unhandled error');
    sendError(reply, 500, { code: 'internal', message: '中心系统内部错误，请稍后重试', retryable: true });
  });
  app.setNotFoundHandler((req, reply) => {
    sendError(reply, 404, { code: 'not-found', message: `没有这个接口：${req.method} ${req.url.split('?')[0]}`, retryable: false });
  });
}
