/**
 * The typed main→renderer event bus. Services emit; each transport (Electron windows,
 * the harness WebSocket) subscribes and forwards. Payloads are validated on emit so a
 * bad event is caught where it is made, not in the renderer.
 */
import { events } from '@shared/ipc/contract';
import type { PayloadOf } from '@shared/ipc/contract';
import type { EventName } from '@shared/ipc/names';

export interface EmittedEvent {
  name: EventName;
  payload: unknown;
  /** When set, only this caller (window / connection id) receives the event. */
  target?: string;
}

export interface EventBus {
  emit<E extends EventName>(name: E, payload: PayloadOf<E>, target?: string): void;
  subscribe(listener: (event: EmittedEvent) => void): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<(event: EmittedEvent) => void>();
  return {
    emit(name, payload, target) {
      const parsed = events[name].parse(payload);
      for (const l of [...listeners]) l({ name, payload: parsed, ...(target ? { target } : {}) });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
