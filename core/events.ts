import { EVENTS, type EventName, type EventPayload } from '../shared/api/events';

type Listener = (event: EventName, data: unknown) => void;

/** The core's event bus: services emit, transports forward to their UI. Payloads are checked against the contract. */
export class CoreEvents {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, data: EventPayload<E>): void {
    const parsed = EVENTS[event].parse(data);
    for (const l of this.listeners) l(event, parsed);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
