/**
 * The welcome article, bundled so a first run shows something to read before any feed is added, offline.
 * Its shortcut table is generated from the command catalogue and the reader's own bindings (Settings → Keyboard),
 * so it can never disagree with the keyboard handler.
 */
import { APP_NAME } from './app-meta';
import type { CommandId, KeyBindings } from './commands';
import { commandIds, commandTitleKey, formatKeys, keysFor } from './commands';
import { escapeHtml } from './feeds/text';
import type { Formatters } from './i18n/format';
import type { Translate } from './i18n/translator';

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


/** A catalogue message as HTML: its text escaped, the little markup the catalogue allows (<kbd>, <strong>) kept. */
function messageHtml(message: string): string {
  return escapeHtml(message).replace(/&lt;(\/?)(kbd|strong)&gt;/g, '<$1$2>');
}

/**
 * The keys the text names (every language writes the default key, `<kbd>A</kbd>`): the reader's own key instead
 * when they rebound the command. A command left with no key keeps the sentence as written.
 */
const NAMED_KEYS: ReadonlyArray<{ id: CommandId; written: string }> = [
  { id: 'feed.add', written: '<kbd>A</kbd>' },
  { id: 'help.shortcuts', written: '<kbd>?</kbd>' },
];

function withOwnKeys(html: string, bindings: KeyBindings, isMac: boolean, t: Translate): string {
  let text = html;
  for (const { id, written } of NAMED_KEYS) {
    const own = keysFor(id, bindings)[0];
    if (own !== undefined) text = text.split(written).join(`<kbd>${escapeHtml(formatKeys(own, isMac, t))}</kbd>`);
  }
  return text;
}

/** The welcome article in the reader's language with the reader's keys (made again when either changes). */
export function welcomeArticle(isMac: boolean, t: Translate, format: Formatters, bindings: KeyBindings = {}): WelcomeArticle {
  const rows = commandIds
    .filter((id) => keysFor(id, bindings).length > 0)
    .map((id) => {
      const keys = format.list(
        keysFor(id, bindings).map((key) => `<kbd>${escapeHtml(formatKeys(key, isMac, t))}</kbd>`),
        'or',
      );
      return `<tr><td>${escapeHtml(t(commandTitleKey(id)))}</td><td>${keys}</td></tr>`;
    })
    .join('\n');
  return {
    id: WELCOME_ARTICLE_ID,
    title: t('welcome.title'),
    author: t('welcome.author'),
    feedTitle: APP_NAME,
    published: Date.UTC(2026, 10, 1),
    summary: t('welcome.summary'),
    html: `
<p>${messageHtml(t('welcome.intro'))}</p>
<h2>${messageHtml(t('welcome.addHeading'))}</h2>
<p>${withOwnKeys(messageHtml(t('welcome.addBody')), bindings, isMac, t)}</p>
<h2>${messageHtml(t('welcome.offlineHeading'))}</h2>
<p>${messageHtml(t('welcome.offlineBody'))}</p>
<h2>${messageHtml(t('welcome.keysHeading'))}</h2>
<p>${withOwnKeys(messageHtml(t('welcome.keysBody')), bindings, isMac, t)}</p>
<table>
<thead><tr><th>${messageHtml(t('welcome.tableAction'))}</th><th>${messageHtml(t('welcome.tableKeys'))}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
  };
}
