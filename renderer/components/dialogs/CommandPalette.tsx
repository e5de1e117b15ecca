import Fuse from 'fuse.js';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CommandId, KeyBindings } from '../../../shared/commands';
import { commandCatalogue, commandGroupKey, commandIds, commandTitleKey, formatKeys, keysFor } from '../../../shared/commands';
import type { FeedRow, FolderRow } from '../../../shared/db';
import type { SelectedView } from '../../library/views';
import { smartViews, smartViewTitleKey } from '../../library/views';
import { Dialog } from '../primitives/Dialog';
import { useTranslation } from 'react-i18next';

interface CommandPaletteProps {
  open: boolean;
  isMac: boolean;
  bindings: KeyBindings;
  feeds: readonly FeedRow[];
  folders: readonly FolderRow[];
  onClose: () => void;
  onCommand: (id: CommandId) => void;
  onGo: (view: SelectedView) => void;
}

/** `name` is what is searched first: the place's own name for "Go to …" entries, so "book" finds Bookmarks first. */
type Entry =
  | { kind: 'command'; key: string; name: string; title: string; detail: string; id: CommandId; keys: string }
  | { kind: 'go'; key: string; name: string; title: string; detail: string; view: SelectedView };

/** Commands the palette itself would only reopen, or that mean nothing from it. */
const hidden = new Set<CommandId>(['palette.open', 'view.back', 'focus.left', 'focus.right']);
const MAX_RESULTS = 40;

/** The smart view each go.* command opens. */
const goesTo: Partial<Record<CommandId, (typeof smartViews)[number]['kind']>> = { 'go.all': 'all', 'go.unread': 'unread', 'go.starred': 'starred' };

/** Every command and every feed and folder, found by a few typed letters (fuzzy), run with Enter. */
export function CommandPalette({ open, isMac, bindings, feeds, folders, onClose, onCommand, onGo }: CommandPaletteProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const list = useRef<HTMLUListElement>(null);
  const input = useRef<HTMLInputElement>(null);

  // Emptied in the render that opens the palette, not in an effect after it: letters typed right after Ctrl+K must
  // not land after the previous query (as they did when the machine was busy).
  const [shownOpen, setShownOpen] = useState(open);
  if (shownOpen !== open) {
    setShownOpen(open);
    if (open) {
      setQuery('');
      setActive(0);
    }
  }
  useEffect(() => {
    // After the dialog's showModal (a child effect, so it ran first), which focused its first button.
    if (open) input.current?.focus();
  }, [open]);

  const entries = useMemo<Entry[]>(() => {
    const commands: Entry[] = commandIds
      .filter((id) => !hidden.has(id))
      .map((id) => {
        const keys = keysFor(id, bindings)[0];
        const title = t(commandTitleKey(id));
        // A "Go to …" command is found first by the place's own name, so "book" finds Bookmarks.
        const name = goesTo[id] ? t(smartViewTitleKey(goesTo[id])) : title;
        return { kind: 'command', key: `command:${id}`, name, title, detail: t(commandGroupKey(commandCatalogue[id].group)), id, keys: keys ? formatKeys(keys, isMac, t) : '' };
      });
    const folderTitles = new Map(folders.map((folder) => [folder.id, folder.title]));
    const places: Entry[] = [
      // Smart views without a command of their own (Unread, All and Bookmarks have go.* commands).
      ...smartViews
        .filter((smart) => smart.kind === 'today')
        .map((smart): Entry => {
          const name = t(smartViewTitleKey(smart.kind));
          return { kind: 'go', key: `view:${smart.kind}`, name, title: t('palette.goTo', { place: name }), detail: t('palette.detailView'), view: { kind: smart.kind } };
        }),
      ...folders.map((folder): Entry => ({ kind: 'go', key: `folder:${folder.id}`, name: folder.title, title: t('palette.goTo', { place: folder.title }), detail: t('palette.detailFolder'), view: { kind: 'folder', folderId: folder.id } })),
      ...feeds.map((feed): Entry => ({
        kind: 'go',
        key: `feed:${feed.id}`,
        name: feed.title || feed.url,
        title: t('palette.goTo', { place: feed.title || feed.url }),
        detail: feed.folderId ? t('palette.detailFeedInFolder', { folder: folderTitles.get(feed.folderId) ?? t('palette.aFolder') }) : t('palette.detailFeed'),
        view: { kind: 'feed', feedId: feed.id },
      })),
    ];
    return [...commands, ...places];
  }, [bindings, feeds, folders, isMac, t]);

  const fuse = useMemo(
    () =>
      new Fuse(entries, {
        keys: [
          { name: 'name', weight: 3 },
          { name: 'title', weight: 1 },
          { name: 'detail', weight: 0.5 },
        ],
        threshold: 0.38,
        ignoreLocation: true,
      }),
    [entries],
  );
  const results = useMemo(
    () => (query.trim() ? fuse.search(query.trim(), { limit: MAX_RESULTS }).map((result) => result.item) : entries.slice(0, MAX_RESULTS)),
    [fuse, entries, query],
  );
  const current = Math.min(active, Math.max(0, results.length - 1));

  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [current, results]);

  const choose = (entry: Entry | undefined) => {
    if (!entry) return;
    onClose();
    if (entry.kind === 'command') onCommand(entry.id);
    else onGo(entry.view);
  };

  return (
    <Dialog open={open} title={t('palette.title')} onClose={onClose} className="palette">
      <div>
        <input
          ref={input}
          className="palette-input"
          role="combobox"
          aria-label={t('palette.inputLabel')}
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={results[current] ? `${listId}-${current}` : undefined}
          placeholder={t('palette.placeholder')}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              const step = event.key === 'ArrowDown' ? 1 : -1;
              setActive((results.length + current + step) % Math.max(1, results.length));
            } else if (event.key === 'Enter') {
              event.preventDefault();
              choose(results[current]);
            }
          }}
        />
        <ul className="palette-list" role="listbox" id={listId} ref={list} aria-label={t('palette.results')}>
          {results.map((entry, index) => (
            <li
              key={entry.key}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === current}
              className="palette-item"
              onMouseMove={() => setActive(index)}
              onClick={() => choose(entry)}
            >
              <span className="palette-title">{entry.title}</span>
              <span className="palette-detail">{entry.detail}</span>
              {entry.kind === 'command' && entry.keys ? <kbd>{entry.keys}</kbd> : null}
            </li>
          ))}
          {results.length === 0 ? <li className="palette-empty">{t('palette.noMatch', { query })}</li> : null}
        </ul>
      </div>
    </Dialog>
  );
}
