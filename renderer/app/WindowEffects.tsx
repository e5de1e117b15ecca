import type { KeyBindings } from '../../shared/commands';
import type { CommandContext } from '../commands/command-context';
import { runCommand, runHostCommand } from '../commands/run-command';
import { useDesktopIntegration } from '../hooks/use-desktop-integration';
import { useLanguage } from '../i18n/language';
import { t } from '../i18n/window-translator';
import { useSettings } from '../hooks/use-settings';
import { useSync } from '../hooks/use-sync';
import { useThrottledValue } from '../hooks/use-throttled-value';
import { useCommandKeys } from '../keyboard/use-command-keys';
import { useHeldListCommands } from '../keyboard/use-held-list-commands';
import { viewKey } from '../library/views';
import { useLibraryState, useUi } from '../state/app-context';
import { useEffect } from 'react';
import { APP_NAME } from '../../shared/app-meta';

/**
 * The window's side effects, in a component that draws nothing (so what they read re-renders nothing visible):
 * the sync engine and host commands, keyboard commands, the theme, the window title and the host's badge.
 */
export function WindowEffects({ ctx }: { ctx: CommandContext }) {
  const [settings] = useSettings();
  // The title and the badge follow the unread total at most once a second (it changes with each commit of a sync).
  const unreadTotal = useThrottledValue(useLibraryState((state) => state.unreadTotal), 1000);
  useSync(ctx.ui, (command) => runHostCommand(ctx, command));
  const locale = useLanguage();
  useDesktopIntegration(unreadTotal, settings, locale);
  // Keys that act on the list, pressed while it is still loading, are held and run once it has loaded.
  const listReady = useUi((state) => state.listReady);
  const listedView = useUi((state) => viewKey(state.view));
  const holdUntilListed = useHeldListCommands(listReady, listedView, (id) => runCommand(ctx, id));
  useCommandKeys((id) => {
    if (!holdUntilListed(id)) runCommand(ctx, id);
  }, settings.keyBindings as KeyBindings);

  useEffect(() => {
    if (settings.theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = settings.theme;
  }, [settings.theme]);
  useEffect(() => {
    document.title = unreadTotal > 0 ? t('app.windowTitleUnread', { app: APP_NAME, count: unreadTotal }) : APP_NAME;
  }, [unreadTotal, locale]);
  return null;
}
