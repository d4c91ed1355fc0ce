/** Delivers service events to FROK's windows over EVENT_CHANNEL, honouring `target` and `owner`. */
import { EVENT_CHANNEL } from '@shared/ipc/names';
import { mayReceive, type EventBus } from '../events';
import type { Logger } from '../logger';
import type { AppWindows } from './app-windows';

export function forwardEventsToWindows(bus: Pick<EventBus, 'subscribe'>, windows: AppWindows, log: Logger): () => void {
  return bus.subscribe((event) => {
    const { name, payload } = event;
    for (const { caller, contents } of windows.list()) {
      if (!mayReceive(event, caller)) continue;
      try {
        contents.send(EVENT_CHANNEL, name, payload);
      } catch (err) {
        // A window closing mid-send must not stop delivery to the others.
        log.warn(`could not deliver ${name} to ${caller.id}`, err instanceof Error ? err.message : err);
      }
    }
  });
}
