import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/api/contract';
import type { ApiError, ApiResult } from '../../../shared/api/errors';
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

/** Refusals that say the core's session is over (idle, 12 hours, or the account changed), or must change its password. */
const SESSION_LOST: ReadonlySet<string> = new Set(['session_expired', 'not_signed_in']);
const lostListeners = new Set<(error: ApiError) => void>();

/** Hear when an answer says the core ended this window's session (the session state locks or signs out). */
export function onSessionLost(handler: (error: ApiError) => void): () => void {
  lostListeners.add(handler);
  return () => lostListeners.delete(handler);
}

export function createClient(transport: Transport): ApiClient {
  const handlers = new Map<string, Set<(data: unknown) => void>>();
  let unsubscribe: (() => void) | null = null;
  const ensureSubscribed = () => {
    unsubscribe ??= transport.subscribe((event, data) => handlers.get(event)?.forEach((h) => h(data)));
  };
  return {
    transport: transport.kind,
    invoke: async (channel, input) => {
      const r = (await transport.invoke(channel, input)) as ApiResult<ChannelOutput<typeof channel>>;
      if (!r.ok && SESSION_LOST.has(r.error.code) && channel !== 'auth.signOut' && channel !== 'auth.signIn') lostListeners.forEach((l) => l(r.error));
      return r;
    },
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
