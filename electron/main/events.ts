/**
 * The typed main→renderer event bus. Services emit; each transport (Electron windows,
 * the harness WebSocket) subscribes and forwards. Payloads are validated on emit so a
 * bad event is caught where it is made, not in the renderer.
 */
import { events } from '@shared/ipc/contract';
import type { PayloadOf } from '@shared/ipc/contract';
import type { EventName } from '@shared/ipc/names';
import type { Caller } from './caller';

export interface EmittedEvent {
  name: EventName;
  payload: unknown;
  /** When set, only this caller (window / connection id) receives the event. */
  target?: string;
  /**
   * When set, only this caller and the main window receive the event: a run's activity
   * (which carries the question) goes to the window that started it, and to the main
   * window, which shows approvals for quick-ask and HUD runs.
   */
  owner?: string;
}

/** Who an event is for: one caller (a string), or its owner and the main window. */
export type EventAudience = string | { owner: string };

export interface EventBus {
  emit<E extends EventName>(name: E, payload: PayloadOf<E>, audience?: EventAudience): void;
  subscribe(listener: (event: EmittedEvent) => void): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<(event: EmittedEvent) => void>();
  return {
    emit(name, payload, audience) {
      const parsed = events[name].parse(payload);
      const scope = typeof audience === 'string' ? (audience ? { target: audience } : {}) : audience ? { owner: audience.owner } : {};
      for (const l of [...listeners]) l({ name, payload: parsed, ...scope });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Whether a window (or harness connection) may be sent this event. Every transport asks this. */
export function mayReceive(event: Pick<EmittedEvent, 'target' | 'owner'>, caller: Caller): boolean {
  if (event.target !== undefined && event.target !== caller.id) return false;
  if (event.owner !== undefined && event.owner !== caller.id && caller.kind !== 'main') return false;
  return true;
}
