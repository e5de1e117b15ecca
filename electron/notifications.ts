/**
 * Shows the renderer's notifications as OS notifications. A click brings the window back and opens the article (or
 * the feed). A notification the main process stops referencing can be garbage-collected, and a collected one loses
 * its click handler (and on some systems vanishes), so each is kept until it is dismissed, clicked or fails.
 * Some Linux notification daemons never report a dismissal, and a desktop app may show hundreds over weeks: the
 * newest KEEP_AT_MOST shown within KEEP_FOR_MS are kept (every one still on screen: a sync shows at most a few at a
 * time), and older ones are closed when they are let go, so no notification stays on screen without its click.
 */
import type { NotificationConstructorOptions } from 'electron';
import type { HostCommand, HostNotification } from '../shared/host';

/** Several days of syncs' worth (a sync run shows at most about four: shared/notifications batches the rest). */
export const KEEP_AT_MOST = 50;
/** A day: the OS keeps older ones in its notification centre at best, where they are news no more. */
export const KEEP_FOR_MS = 24 * 60 * 60 * 1000;

export interface NotificationLike {
  on(event: 'click' | 'close' | 'failed', listener: () => void): unknown;
  show(): void;
  close(): void;
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
  now?: () => number;
}

export function createNotifier(options: NotifierOptions): (notification: HostNotification) => void {
  const now = options.now ?? Date.now;
  /** Shown and not yet dismissed, oldest first, with the time each was shown. */
  const alive = new Map<NotificationLike, number>();
  const letGoOfOld = () => {
    for (const [shown, at] of alive) {
      if (alive.size <= KEEP_AT_MOST && now() - at <= KEEP_FOR_MS) break;
      alive.delete(shown);
      shown.close();
    }
  };
  return (notification) => {
    if (!options.Notification.isSupported()) return;
    const shown = new options.Notification({
      title: notification.title,
      body: notification.body,
      ...(options.icon === undefined ? {} : { icon: options.icon }),
    });
    alive.set(shown, now());
    letGoOfOld();
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
