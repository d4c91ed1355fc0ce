/**
 * Events main sends to one window on its own initiative (the HUD's toggle, "open
 * Settings") must not be lost while that window's page is still loading: they wait here
 * until the page says it listens (`window:ready`), and wait again after a reload.
 */
import type { EventName } from '@shared/ipc/names';

/** A page that never says it is ready must not collect events forever. */
const MAX_PENDING_PER_WINDOW = 20;

export type DeliverEvent = (name: EventName, payload: unknown, target: string) => void;

export class PendingWindowEvents {
  private readonly ready = new Set<string>();
  private readonly pending = new Map<string, { name: EventName; payload: unknown }[]>();

  constructor(private readonly deliver: DeliverEvent) {}

  send(callerId: string, name: EventName, payload: unknown): void {
    if (this.ready.has(callerId)) {
      this.deliver(name, payload, callerId);
      return;
    }
    const queue = this.pending.get(callerId) ?? [];
    queue.push({ name, payload });
    this.pending.set(callerId, queue.slice(-MAX_PENDING_PER_WINDOW));
  }

  /** The window's page subscribed to its events. */
  markReady(callerId: string): void {
    this.ready.add(callerId);
    const queue = this.pending.get(callerId) ?? [];
    this.pending.delete(callerId);
    for (const { name, payload } of queue) this.deliver(name, payload, callerId);
  }

  /** The page is (re)loading: hold events until it is ready again. */
  markLoading(callerId: string): void {
    this.ready.delete(callerId);
  }

  isReady(callerId: string): boolean {
    return this.ready.has(callerId);
  }

  forget(callerId: string): void {
    this.ready.delete(callerId);
    this.pending.delete(callerId);
  }
}
