/**
 * The welcome article, bundled so a first run shows something to read before any feed is added, offline.
 * Its shortcut table is generated from the command catalogue, so it can never disagree with the keyboard handler.
 */
import { commandCatalogue, commandIds, formatKeys } from './commands';
import { escapeHtml } from './feeds/text';

export const WELCOME_ARTICLE_ID = 'broadsheet:welcome';

export interface WelcomeArticle {
  id: string;
  title: string;
  author: string;
  feedTitle: string;
  published: number;
  summary: string;
  html: string;
}


export function welcomeArticle(isMac: boolean): WelcomeArticle {
  const rows = commandIds
    .filter((id) => commandCatalogue[id].keys.length > 0)
    .map((id) => {
      const spec = commandCatalogue[id];
      const keys = spec.keys.map((key) => `<kbd>${escapeHtml(formatKeys(key, isMac))}</kbd>`).join(' or ');
      return `<tr><td>${escapeHtml(spec.title)}</td><td>${keys}</td></tr>`;
    })
    .join('\n');
  return {
    id: WELCOME_ARTICLE_ID,
    title: 'Welcome to Broadsheet',
    author: 'The Broadsheet team',
    feedTitle: 'Broadsheet',
    published: Date.UTC(2026, 10, 1),
    summary: 'How to add your first feed, read offline, and drive everything from the keyboard.',
    html: `
<p>Broadsheet reads RSS, Atom, RDF and JSON Feed, keeps every article readable offline, and finds anything in your
archive as fast as you can type.</p>
<h2>Add your first feed</h2>
<p>Press <kbd>A</kbd> or choose <strong>Add feed</strong> in the sidebar, then paste the address of a feed or of any
web site: Broadsheet looks for the site's feeds and offers what it finds. You can also import the OPML file your
previous reader exported.</p>
<h2>Read without a connection</h2>
<p>Articles are stored on this computer as they arrive, so what you subscribed to stays readable on a plane.
Bookmarks (<kbd>S</kbd>) are never deleted by clean-up.</p>
<h2>Keyboard shortcuts</h2>
<p>Every action has a key. Press <kbd>?</kbd> at any time to see this list.</p>
<table>
<thead><tr><th>Action</th><th>Keys</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
  };
}
