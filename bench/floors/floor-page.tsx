/**
 * The floors bench/ui compares the app with, in a page of their own on the app's origin (same IndexedDB, same
 * stylesheet, same browser): a bare @tanstack/react-virtual list of the same rows (the same markup, everything in
 * memory, no store, no memoisation) and a bare sandboxed frame showing the same sanitised article documents.
 * Bundled by bench/floors/serve-floors.ts with esbuild and driven from the bench through `window.__floor`.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { ArticleRow } from '../../shared/db';
import { BroadsheetDb, listArticles } from '../../shared/db';
import { articleDocument, defaultReaderPreferences } from '../../renderer/reader/article-document';

const db = new BroadsheetDb({ name: 'broadsheet' });
const ROW_HEIGHT = 96;

function BareList({ rows, feedTitles }: { rows: readonly ArticleRow[]; feedTitles: ReadonlyMap<string, string> }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  return (
    <section className="list-pane" aria-label="Articles" style={{ width: 380, height: '100vh', display: 'flex', flexDirection: 'column' }}>
      <div ref={scroller} className="article-list" role="listbox" aria-label="Floor articles" tabIndex={0}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((virtual) => {
            const row = rows[virtual.index]!;
            return (
              <div
                key={row.id}
                role="option"
                aria-selected={false}
                className={`article-row${row.read ? ' is-read' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${virtual.start}px)` }}
              >
                {row.read ? null : <span className="unread-dot" aria-label="Unread" />}
                <div className="row-meta">
                  <span className="row-feed">{feedTitles.get(row.feedId) ?? ''}</span>
                  <time>{row.sortTime}</time>
                </div>
                <div className="row-text">
                  <div className="row-title">{row.title}</div>
                  <div className="row-snippet">{row.summary}</div>
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}

const root = createRoot(document.getElementById('root')!);
let prepared: string[] = [];
let frame: HTMLIFrameElement | null = null;

const floor = {
  /** Renders the newest `count` rows of All articles (what the app's list shows after scrolling that far). */
  async showList(count: number): Promise<number> {
    const [page, feeds] = await Promise.all([listArticles(db, { kind: 'all' }, { limit: count }), db.feeds.toArray()]);
    const feedTitles = new Map(feeds.map((feed) => [feed.id, feed.title || feed.url]));
    flushSync(() => root.render(<BareList rows={page.articles} feedTitles={feedTitles} />));
    return page.articles.length;
  },
  /** Sanitised reader documents for these articles, made now (outside any timing). */
  async prepareArticles(ids: string[]): Promise<string[]> {
    const [articles, contents, feeds] = await Promise.all([db.articles.bulkGet(ids), db.contents.bulkGet(ids), db.feeds.toArray()]);
    const feedTitles = new Map(feeds.map((feed) => [feed.id, feed.title || feed.url]));
    prepared = articles.map((article, i) =>
      articleDocument(
        {
          title: article?.title ?? '',
          url: article?.url ?? undefined,
          author: article?.author ?? undefined,
          feedTitle: feedTitles.get(article?.feedId ?? '') ?? '',
          published: article?.published ?? undefined,
          html: contents[i]?.html ?? `<p>${article?.summary ?? ''}</p>`,
        },
        defaultReaderPreferences,
      ),
    );
    root.render(null);
    frame = document.createElement('iframe');
    frame.className = 'reader-frame';
    frame.sandbox.add('allow-same-origin');
    frame.style.cssText = 'position:fixed;left:400px;top:0;width:900px;height:900px;border:0';
    document.body.append(frame);
    return articles.map((article) => article?.title ?? '');
  },
  /** The bare frame loads prepared document `index` as its srcdoc (what a frame per article costs). */
  showBySrcdoc(index: number): void {
    if (frame) frame.srcdoc = prepared[index] ?? '';
  },
  /** The bare frame's root element replaced by prepared document `index`, parsed now (the least a swap costs). */
  showBySwap(index: number): void {
    const doc = frame?.contentDocument;
    if (!doc) return;
    const parsed = new DOMParser().parseFromString(prepared[index] ?? '', 'text/html');
    doc.replaceChild(doc.importNode(parsed.documentElement, true), doc.documentElement);
  },
};

(globalThis as unknown as { __floor: typeof floor }).__floor = floor;
