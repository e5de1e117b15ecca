import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandContext } from '../commands/command-context';
import { importOpmlText } from '../commands/library-actions';
import { DEFAULT_PANE_WIDTHS, MIN_LIST, MIN_SIDEBAR, maxPaneWidth } from '../components/panes/pane-widths';
import { PaneResizer } from '../components/panes/PaneResizer';
import { usePaneWidths } from '../hooks/use-pane-widths';

/** The window's frame: pane widths and their resizers, and drops (an OPML file imports, a link subscribes). */
export function Shell({ ctx, children }: { ctx: CommandContext; children: ReactNode }) {
  const { t } = useTranslation();
  const panes = usePaneWidths();
  const resizers = (
    <>
      <PaneResizer label={t('shell.resizeSidebar')} offset={panes.widths.sidebar} value={panes.widths.sidebar} min={MIN_SIDEBAR} max={maxPaneWidth('sidebar', panes.widths, panes.viewport)} initial={DEFAULT_PANE_WIDTHS.sidebar} onResize={(width) => panes.resize('sidebar', width)} />
      <PaneResizer label={t('shell.resizeList')} offset={panes.widths.sidebar + panes.widths.list} value={panes.widths.list} min={MIN_LIST} max={maxPaneWidth('list', panes.widths, panes.viewport)} initial={DEFAULT_PANE_WIDTHS.list} onResize={(width) => panes.resize('list', width)} />
    </>
  );
  return (
    <div
      className="shell"
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files') || event.dataTransfer.types.includes('text/uri-list')) event.preventDefault();
      }}
      onDrop={(event) => {
        const file = [...event.dataTransfer.files].find((candidate) => /\.(opml|xml)$/i.test(candidate.name));
        const url = event.dataTransfer.getData('text/uri-list').split('\n').find((line) => /^https?:/i.test(line.trim()));
        if (!file && !url) return;
        event.preventDefault();
        if (file) void file.text().then((text) => importOpmlText(ctx, text));
        else if (url) ctx.ui.set({ addFeed: { open: true, url: url.trim() } });
      }}
      style={{ '--sidebar-width': `${panes.widths.sidebar}px`, '--list-width': `${panes.widths.list}px` } as React.CSSProperties}
    >
      {children}
      {resizers}
    </div>
  );
}
