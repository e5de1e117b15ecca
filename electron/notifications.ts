/**
 * Shows the renderer's notifications as OS notifications. A click brings the window back and opens the article (or
 * the feed). Each notification is kept referenced until it is dismissed: one that is garbage-collected loses its
 * click handler.
 */
import type { NotificationConstructorOptions } from 'electron';
import type { HostCommand, HostNotification } from '../shared/host';

export interface NotificationLike {
  on(event: 'click' | 'close' | 'failed', listener: () => void): unknown;
  show(): void;
}

export interface NotificationFactory {
  isSupported(): boolean;
  new (options: NotificationConstructorOptions): NotificationLike;
}

export interface NotifierOptions {
  Notification: NotificationFactory;
  /** An icon where the OS does not take the app's own (Linux). */
  icon?: NotificationConstructorOptions['icon'];
  showWindow: () => void;
  send: (command: HostCommand) => void;
}

export function createNotifier(options: NotifierOptions): (notification: HostNotification) => void {
  const alive = new Set<NotificationLike>();
  return (notification) => {
    if (!options.Notification.isSupported()) return;
    const shown = new options.Notification({
      title: notification.title,
      body: notification.body,
      ...(options.icon === undefined ? {} : { icon: options.icon }),
    });
    alive.add(shown);
    const forget = () => alive.delete(shown);
    shown.on('click', () => {
      forget();
      options.showWindow();
      if (notification.articleId) options.send({ type: 'open-article', articleId: notification.articleId });
      else if (notification.feedId) options.send({ type: 'open-feed', feedId: notification.feedId });
    });
    shown.on('close', forget);
    shown.on('failed', forget);
    shown.show();
  };
}
