import { useEffect, useRef } from 'react';
import { isHttpUrl } from '../../shared/host-schema';
import type { ReaderArticle, ReaderPreferences } from '../reader/article-document';
import { articleDocument } from '../reader/article-document';

interface ReaderPaneProps {
  article: ReaderArticle | null;
  preferences: ReaderPreferences;
  onOpenLink: (url: string) => void;
}

/**
 * Shows one article in a sandboxed frame: no scripts can run in it (no `allow-scripts`), and `allow-same-origin`
 * only lets this component reach in to send link clicks to the system browser.
 */
export function ReaderPane({ article, preferences, onOpenLink }: ReaderPaneProps) {
  const frame = useRef<HTMLIFrameElement>(null);

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
    };
    element.addEventListener('load', interceptLinks);
    return () => element.removeEventListener('load', interceptLinks);
  }, [onOpenLink]);

  if (!article) {
    return (
      <section className="reader-pane" aria-label="Reader">
        <p className="reader-empty">Select an article to read it here.</p>
      </section>
    );
  }
  return (
    <section className="reader-pane" aria-label="Reader">
      <iframe
        ref={frame}
        className="reader-frame"
        title={article.title}
        sandbox="allow-same-origin"
        referrerPolicy="no-referrer"
        srcDoc={articleDocument(article, preferences)}
      />
    </section>
  );
}
