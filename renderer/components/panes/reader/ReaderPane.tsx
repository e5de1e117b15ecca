import type { Ref } from 'react';
import { useEffect, useImperativeHandle, useMemo, useRef } from 'react';
import type { HostError } from '../../../../shared/host';
import type { Result } from '../../../../shared/result';
import { isHttpUrl } from '../../../../shared/host-schema';
import type { ReaderArticle, ReaderPreferences } from '../../../reader/article-document';
import { articleDocument } from '../../../reader/article-document';
import { EpisodeDownload } from './EpisodeDownload';

export interface ReaderHandle {
  /** Scrolls the article by a page; false when it was already at the end (or start). */
  page(direction: 1 | -1): boolean;
  focus(): void;
}

/** The article's podcast episode and what can be done with it (renderer/offline/download-enclosure). */
export interface ReaderEpisode {
  url: string;
  /** Set when the episode is stored for offline listening. */
  storedBytes: number | null;
  download(onProgress: (received: number, total: number | null) => void, signal: AbortSignal): Promise<Result<unknown, HostError>>;
  remove(): void;
}

interface ReaderPaneProps {
  episode?: ReaderEpisode | null;
  article: ReaderArticle | null;
  read: boolean;
  starred: boolean;
  preferences: ReaderPreferences;
  onOpenLink: (url: string) => void;
  onToggleRead: () => void;
  onToggleStar: () => void;
  handle: Ref<ReaderHandle>;
  emptyMessage: string;
}

/**
 * Shows one article in a sandboxed frame: no scripts can run in it (no `allow-scripts`), and `allow-same-origin`
 * only lets this component reach in to send link clicks to the system browser and to page with the keyboard.
 */
export function ReaderPane(props: ReaderPaneProps) {
  const { article, preferences, onOpenLink } = props;
  const frame = useRef<HTMLIFrameElement>(null);
  // Sanitising a long article costs milliseconds and the app re-renders on every library change (a read mark, a
  // sync step), so the document is rebuilt only when what it shows changes, not when the row object is re-read.
  const documentKey = article
    ? JSON.stringify([article.title, article.url, article.author, article.feedTitle, article.published, article.html, article.enclosures ?? [],
        [...(article.storedImages ?? [])], [...(article.storedEnclosures ?? [])], preferences])
    : '';
  const documentHtml = useMemo(
    () => (article ? articleDocument(article, preferences) : ''),
    [documentKey], // eslint-disable-line react-hooks/exhaustive-deps -- keyed on the content itself (see above)
  );

  useImperativeHandle(props.handle, () => ({
    page(direction) {
      const view = frame.current?.contentWindow;
      const root = frame.current?.contentDocument?.scrollingElement;
      if (!view || !root) return false;
      const before = root.scrollTop;
      const atEnd = direction > 0 ? before + view.innerHeight >= root.scrollHeight - 2 : before <= 0;
      if (atEnd) return false;
      view.scrollBy({ top: direction * (view.innerHeight - 60) });
      return true;
    },
    focus() {
      frame.current?.focus();
    },
  }));

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const interceptLinks = () => {
      const doc = element.contentDocument;
      if (!doc) return;
      doc.addEventListener('click', (event) => {
        const anchor = (event.target as Element | null)?.closest?.('a[href]');
        if (!anchor) return;
        event.preventDefault();
        const href = (anchor as HTMLAnchorElement).href;
        if (isHttpUrl(href)) onOpenLink(href);
      });
      // Keys pressed while the article has focus still drive the app.
      doc.addEventListener('keydown', (event) => {
        window.dispatchEvent(new KeyboardEvent('keydown', event));
        if (event.key === ' ' || event.key.length === 1) event.preventDefault();
      });
    };
    element.addEventListener('load', interceptLinks);
    return () => element.removeEventListener('load', interceptLinks);
  }, [onOpenLink, article]);

  if (!article) {
    return (
      <section className="reader-pane" aria-label="Reader">
        <p className="reader-empty">{props.emptyMessage}</p>
      </section>
    );
  }
  return (
    <section className="reader-pane" aria-label="Reader">
      <div className="reader-toolbar" role="toolbar" aria-label="Article actions">
        <button type="button" className="tool-button" aria-pressed={props.starred} onClick={props.onToggleStar} title="Bookmark (S)">
          {props.starred ? '★ Bookmarked' : '☆ Bookmark'}
        </button>
        <button type="button" className="tool-button" onClick={props.onToggleRead} title="Toggle read (M)">
          {props.read ? 'Mark unread' : 'Mark read'}
        </button>
        {article.url && isHttpUrl(article.url) ? (
          <button type="button" className="tool-button" onClick={() => article.url && onOpenLink(article.url)} title="Open original (V)">
            Open original ↗
          </button>
        ) : null}
        {props.episode ? <EpisodeDownload key={props.episode.url} episode={props.episode} /> : null}
      </div>
      <iframe
        ref={frame}
        className="reader-frame"
        title={article.title}
        sandbox="allow-same-origin"
        referrerPolicy="no-referrer"
        srcDoc={documentHtml}
      />
    </section>
  );
}
