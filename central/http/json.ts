import type { FastifyInstance } from 'fastify';
import { CentralError } from '../services/errors';
import { findJsonProblem } from './json-error';

function describe(text: string, fallback: string): string {
  const p = findJsonProblem(text);
  return p ? `第 ${p.line} 行第 ${p.column} 列：${p.reason}` : fallback;
}

/**
 * The JSON body parser: refuses an empty body or malformed JSON with a 400 `bad-json` whose Chinese message
 * names the problem and where it is. Only application/json bodies are accepted (besides upload chunks).
 */
export function installJsonParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(new CentralError({ code: 'bad-json', message: '请求体为空，应为 JSON', retryable: false }), undefined);
      return;
    }
    try {
      done(null, JSON.parse(text) as unknown);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      done(new CentralError({ code: 'bad-json', message: `请求体不是合法的 JSON（${describe(text, msg)}）`, retryable: false }), undefined);
    }
  });
}
