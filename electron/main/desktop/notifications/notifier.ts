/** Shows system notifications through an Electron-like Notification class; clicking one runs `onClick`. */
import type { Logger } from '../../logger';

export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

export interface NotificationClassLike {
  isSupported(): boolean;
  new (options: { title: string; body: string; silent?: boolean }): NotificationLike;
}

export type Notify = (message: { title: string; body: string; onClick?: () => void }) => void;

export function createNotifier(NotificationClass: NotificationClassLike, log: Logger): Notify {
  // Electron drops a notification once nothing references it, and with it the click handler.
  const live = new Set<NotificationLike>();
  return ({ title, body, onClick }) => {
    try {
      if (!NotificationClass.isSupported()) return;
      const notification = new NotificationClass({ title, body });
      live.add(notification);
      notification.on('click', () => {
        live.delete(notification);
        onClick?.();
      });
      notification.show();
      // Kept long enough to be clicked from the notification centre for a while.
      setTimeout(() => live.delete(notification), 10 * 60_000).unref?.();
    } catch (err) {
      log.warn('could not show a notification', err instanceof Error ? err.message : err);
    }
  };
}
