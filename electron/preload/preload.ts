import { contextBridge, ipcRenderer } from 'electron';
import type { WorkstationBridge } from '../../shared/api/bridge';
import type { ApiResult } from '../../shared/api/errors';

/**
 * The sandboxed preload: asks main for a MessagePort to the core and exposes exactly
 * `window.workstation = { invoke(channel, input), on(event, handler), print(), savePdf(name) }`.
 * The core validates every input; here only the shape of the call is checked.
 */
type Reply = { id: number; result: unknown };
type Pending = { resolve: (v: unknown) => void };

let port: MessagePort | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();
const queued: { id: number; channel: string; input: unknown }[] = [];
const listeners = new Map<string, Set<(data: unknown) => void>>();

ipcRenderer.on('workstation:port', (event) => {
  const p = event.ports[0];
  if (!p) return;
  port = p;
  port.onmessage = (e: MessageEvent) => {
    const m = e.data as Partial<Reply> & { event?: string; data?: unknown };
    if (typeof m.id === 'number') {
      pending.get(m.id)?.resolve(m.result);
      pending.delete(m.id);
    } else if (typeof m.event === 'string') {
      for (const l of listeners.get(m.event) ?? []) l(m.data);
    }
  };
  port.start();
  for (const q of queued.splice(0)) port.postMessage(q);
});
ipcRenderer.send('workstation:port-request');

const api = {
  invoke(channel: unknown, input: unknown): Promise<ApiResult<unknown>> {
    if (typeof channel !== 'string' || channel.length > 64) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: '没有这个接口', retryable: false } });
    }
    const id = nextId++;
    return new Promise<ApiResult<unknown>>((resolve) => {
      pending.set(id, { resolve: (v) => resolve(v as ApiResult<unknown>) });
      const msg = { id, channel, input };
      if (port) port.postMessage(msg);
      else queued.push(msg);
    });
  },
  on(event: unknown, handler: unknown): () => void {
    if (typeof event !== 'string' || typeof handler !== 'function') return () => undefined;
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const fn = handler as (data: unknown) => void;
    set.add(fn);
    return () => set.delete(fn);
  },
  print(): Promise<boolean> {
    return ipcRenderer.invoke('workstation:print') as Promise<boolean>;
  },
  savePdf(name: unknown): Promise<string | null> {
    return ipcRenderer.invoke('workstation:save-pdf', typeof name === 'string' ? name : '回执') as Promise<string | null>;
  },
} satisfies WorkstationBridge;

contextBridge.exposeInMainWorld('workstation', api);
