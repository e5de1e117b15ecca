import type { KeyBindings } from '../../../shared/commands';
import type { CommandContext } from '../../commands/command-context';
import { runCommand } from '../../commands/run-command';
import { useSettings } from '../../hooks/use-settings';
import { useLibraryState, useUi } from '../../state/app-context';
import { dismissToast, selectView, showToast } from '../../state/ui-store';
import { ContextMenu } from '../primitives/ContextMenu';
import { Toasts } from '../primitives/Toasts';
import { AddFeedDialog } from './AddFeedDialog';
import { CommandPalette } from './CommandPalette';
import { FeedSettingsDialog } from './FeedSettingsDialog';
import { OpmlDialog } from './OpmlDialog';
import { PromptDialog } from './PromptDialog';
import { RuleDialog } from './RuleDialog';
import { ShortcutsDialog } from './ShortcutsDialog';
import { SettingsDialog } from '../settings/SettingsDialog';
import { useTranslation } from 'react-i18next';

/** The dialogs, the context menu and the toasts, each shown when the UI store says so. */
export function Dialogs({ ctx }: { ctx: CommandContext }) {
  const { t } = useTranslation();
  const { ui, isMac } = ctx;
  const addFeed = useUi((state) => state.addFeed);
  const prompt = useUi((state) => state.prompt);
  const menu = useUi((state) => state.menu);
  const helpOpen = useUi((state) => state.helpOpen);
  const settingsOpen = useUi((state) => state.settingsOpen);
  const settingsSection = useUi((state) => state.settingsSection);
  const paletteOpen = useUi((state) => state.paletteOpen);
  const opmlOpen = useUi((state) => state.opmlOpen);
  const feedSettings = useUi((state) => state.feedSettings);
  const ruleRequest = useUi((state) => state.ruleRequest);
  const toasts = useUi((state) => state.toasts);
  const [settings] = useSettings();
  // The palette lists feeds and folders, the rule dialog its scopes, and the feed settings form the local folders
  // (a local feed moves only into one); read only while they are open.
  const feeds = useLibraryState((state) => (paletteOpen || ruleRequest ? state.feeds : null));
  const folders = useLibraryState((state) => (paletteOpen || ruleRequest ? state.folders : null));
  const localFolders = useLibraryState((state) => (feedSettings ? state.localFolders : null));
  return (
    <>
      {menu ? <ContextMenu at={menu.at} label={menu.label} items={menu.items} onClose={() => ui.set({ menu: null })} /> : null}
      <AddFeedDialog
        open={addFeed.open}
        initialUrl={addFeed.url}
        onClose={() => ui.set({ addFeed: { open: false, url: '' } })}
        onSubscribed={(feedId) => selectView(ui, { kind: 'feed', feedId })}
      />
      <PromptDialog request={prompt} onClose={() => ui.set({ prompt: null })} />
      <ShortcutsDialog open={helpOpen} isMac={isMac} bindings={settings.keyBindings as KeyBindings} onClose={() => ui.set({ helpOpen: false })} />
      <SettingsDialog open={settingsOpen} openAt={settingsSection} isMac={isMac} onClose={() => ui.set({ settingsOpen: false, settingsSection: null })} onImportOpml={() => ui.set({ opmlOpen: true })} />
      <OpmlDialog open={opmlOpen} onClose={() => ui.set({ opmlOpen: false })} />
      <CommandPalette
        open={paletteOpen}
        isMac={isMac}
        bindings={settings.keyBindings as KeyBindings}
        feeds={feeds ?? []}
        folders={folders ?? []}
        onClose={() => ui.set({ paletteOpen: false })}
        onCommand={(id) => runCommand(ctx, id)}
        onGo={(view) => selectView(ui, view)}
      />
      <RuleDialog
        request={ruleRequest}
        feeds={feeds ?? []}
        folders={folders ?? []}
        onClose={() => ui.set({ ruleRequest: null })}
        onSaved={(name) => showToast(ui, { kind: 'info', message: t('rules.added', { name }), detail: t('rules.addedDetail') })}
      />
      <FeedSettingsDialog feed={feedSettings} folders={localFolders ?? []} onClose={() => ui.set({ feedSettings: null })} />
      <Toasts toasts={toasts} onDismiss={(id) => dismissToast(ui, id)} />
    </>
  );
}
