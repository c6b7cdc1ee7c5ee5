import type { ApiResult } from '../../../shared/api/errors';
import { transportError, type Transport } from './transport';
import { renewTabSession, sessionToken, tabSession } from './token';

/**
 * Serve mode: `POST /api/<channel>` with the serve token and this tab's own session id (each tab signs in on its
 * own: token.ts), and Server-Sent Events from `/api/events`.
 */
export function httpTransport(): Transport {
  const listeners = new Set<(event: string, data: unknown) => void>();
  const linkListeners = new Set<(up: boolean) => void>();
  let source: EventSource | null = null;

  const open = () => {
    const token = sessionToken();
    if (!token || source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onopen = () => linkListeners.forEach((l) => l(true));
    source.onerror = () => linkListeners.forEach((l) => l(false));
    source.onmessage = (m: MessageEvent<string>) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(m.data);
      } catch {
        return;
      }
      if (typeof parsed !== 'object' || parsed === null) return;
      const { event, data } = parsed as { event?: unknown; data?: unknown };
      if (typeof event !== 'string') return;
      listeners.forEach((l) => l(event, data));
    };
  };

  return {
    kind: 'http',
    async invoke(channel, input) {
      const token = sessionToken();
      if (!token) return { ok: false, error: { code: 'not_signed_in', message: '会话令牌缺失：请用启动时显示的地址打开', retryable: false } };
      // A sign-in starts a session under a new id (nothing signed in under an id anyone saw before).
      const tab = channel === 'auth.signIn' || channel === 'devices.signIn' ? renewTabSession() : tabSession();
      let res: Response;
      try {
        res = await fetch(`/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-session-token': token, 'x-tab-session': tab },
          body: JSON.stringify(input ?? {}),
          cache: 'no-store',
        });
      } catch {
        return { ok: false, error: transportError('无法连接工作站服务，请检查程序是否在运行') };
      }
      try {
        const body = (await res.json()) as ApiResult<unknown>;
        if (typeof body === 'object' && body !== null && 'ok' in body) return body;
      } catch {
        /* fall through */
      }
      return { ok: false, error: transportError(`工作站服务返回了无法识别的应答（HTTP ${res.status}）`) };
    },
    subscribe(handler) {
      listeners.add(handler);
      open();
      return () => listeners.delete(handler);
    },
    onLink(handler) {
      linkListeners.add(handler);
      open();
      return () => linkListeners.delete(handler);
    },
  };
}
