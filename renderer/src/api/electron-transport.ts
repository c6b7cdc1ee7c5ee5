import type { WorkstationBridge } from '../../../shared/api/bridge';
import { transportError, type Transport } from './transport';
import { EVENTS } from '../../../shared/api/events';

/** Electron: the preload's bridge over the MessagePort that main handed over. */
export function electronTransport(bridge: WorkstationBridge): Transport {
  return {
    kind: 'electron',
    async invoke(channel, input) {
      try {
        return await bridge.invoke(channel, input ?? {});
      } catch {
        return { ok: false, error: transportError('无法连接工作站核心进程，请重新启动程序') };
      }
    },
    subscribe(handler) {
      const offs = Object.keys(EVENTS).map((name) => bridge.on(name, (data) => handler(name, data)));
      return () => offs.forEach((off) => off());
    },
    onLink(handler) {
      handler(true);
      return () => undefined;
    },
  };
}
