import type { Core } from '../core';
import { endSession, newSession } from '../session';
import { apiError } from '../../shared/api/errors';

/**
 * The core's side of the Electron transport, written against the smallest structural shape of
 * Electron's MessagePortMain / ParentPort so it runs (and is tested) without Electron.
 *
 * Main hands the utility process one MessagePort per window (`{type:'connect'}` with the port
 * transferred). Each port is one session. Requests are `{id, channel, input}`; replies `{id, result}`;
 * events `{event, data}`.
 */
export interface PortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
}

export interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown; ports: PortLike[] }) => void): unknown;
  postMessage(message: unknown): void;
}

function isRequest(d: unknown): d is { id: number; channel: string; input: unknown } {
  return typeof d === 'object' && d !== null && typeof (d as { id?: unknown }).id === 'number' && typeof (d as { channel?: unknown }).channel === 'string';
}

let ports = 0;

/** Serve one window's port: its own session, requests routed, events forwarded. */
export function servePort(core: Core, port: PortLike): () => void {
  ports += 1;
  const session = newSession(`port:${ports}`);
  const unsubscribe = core.ctx.events.subscribe((event, data) => port.postMessage({ event, data }));
  port.on('message', (e) => {
    const d = e.data;
    if (!isRequest(d)) {
      port.postMessage({ id: null, result: { ok: false, error: apiError('invalid_input', '消息格式不对') } });
      return;
    }
    void core.router.handle(session, d.channel, d.input).then((result) => port.postMessage({ id: d.id, result }));
  });
  port.on('close', () => {
    unsubscribe();
    endSession(session);
  });
  port.start();
  return unsubscribe;
}

/** Listen on the utility process's parent port for windows connecting. */
export function serveParent(core: Core, parent: ParentPortLike): void {
  parent.on('message', (e) => {
    const d = e.data as { type?: unknown } | null;
    if (d && d.type === 'connect' && e.ports[0]) servePort(core, e.ports[0]);
  });
  parent.postMessage({ type: 'ready' });
}
