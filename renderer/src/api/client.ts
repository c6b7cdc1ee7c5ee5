import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/errors';
import type { EventName, EventPayload } from '../../../shared/api/events';
import { electronTransport } from './electron-transport';
import { httpTransport } from './http-transport';
import type { Transport } from './transport';

/**
 * The one API client of the renderer. It picks the transport (window.workstation in Electron, HTTP in
 * serve mode) once; screens call `api.invoke(channel, input)` typed from the contract and never know which.
 */
export interface ApiClient {
  readonly transport: Transport['kind'];
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ApiResult<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, handler: (data: EventPayload<E>) => void): () => void;
  onLink(handler: (up: boolean) => void): () => void;
}

export function createClient(transport: Transport): ApiClient {
  const handlers = new Map<string, Set<(data: unknown) => void>>();
  let unsubscribe: (() => void) | null = null;
  const ensureSubscribed = () => {
    unsubscribe ??= transport.subscribe((event, data) => handlers.get(event)?.forEach((h) => h(data)));
  };
  return {
    transport: transport.kind,
    invoke: (channel, input) => transport.invoke(channel, input) as Promise<ApiResult<ChannelOutput<typeof channel>>>,
    on(event, handler) {
      let set = handlers.get(event);
      if (!set) handlers.set(event, (set = new Set()));
      const h = handler as (data: unknown) => void;
      set.add(h);
      ensureSubscribed();
      return () => {
        set.delete(h);
      };
    },
    onLink: (handler) => transport.onLink(handler),
  };
}

export function pickTransport(): Transport {
  return window.workstation ? electronTransport(window.workstation) : httpTransport();
}

let singleton: ApiClient | null = null;

/** The client for this page. */
export function api(): ApiClient {
  singleton ??= createClient(pickTransport());
  return singleton;
}

/** Print: the Electron shell's print API when it offers one, else the browser's dialog (which also saves PDFs). */
export async function printDocument(): Promise<void> {
  const print = window.workstation?.print;
  if (print) await print();
  else window.print();
}

/** Whether the shell can save a PDF directly (in a browser, "save as PDF" is in the print dialog). */
export function canSavePdf(): boolean {
  return typeof window.workstation?.savePdf === 'function';
}

/** Save the page as PDF through the shell; the path written, or null (cancelled, or no shell). */
export async function savePdf(suggestedName: string): Promise<string | null> {
  const save = window.workstation?.savePdf;
  return save ? save(suggestedName) : null;
}
