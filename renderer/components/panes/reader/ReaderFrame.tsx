import type { Ref } from 'react';
import { memo, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import { isHttpUrl } from '../../../../shared/host-schema';
import { listenForReading } from '../../../library/reading-input';
import type { PreparedDocument } from '../../../reader/prepared-documents';

export interface ReaderFrameHandle {
  /** Scrolls the article by a page; false when it was already at the end (or start). */
  page(direction: 1 | -1): boolean;
  focus(): void;
}

interface ReaderFrameProps {
  document: PreparedDocument | null;
  title: string;
  onOpenLink: (url: string) => void;
  handle: Ref<ReaderFrameHandle>;
  /** A person's reading input in the article (the wheel, a click, a scrolling key): renderer/library/reading-input.ts. */
  onReading?: () => void;
}


/**
 * One long-lived sandboxed frame for every article, created with the first one as its srcdoc (its only load): no scripts can run in it (no `allow-scripts`), and
 * `allow-same-origin` only lets the app reach in to replace the document's root element with the next article's
 * (parsed ahead of time, renderer/reader/prepared-documents), send link clicks to the system browser, page with the
 * keyboard and hear a person reading (renderer/library/reading-input.ts). Swapping the root costs far less than
 * loading a new srcdoc, and the frame's document, CSP and sandbox stay the ones it was created with.
 */
export const ReaderFrame = memo(function ReaderFrame({ document: shown, title, onOpenLink, handle, onReading }: ReaderFrameProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  const loaded = useRef(false);
  const showing = useRef<PreparedDocument | null>(null);
  const wanted = useRef<PreparedDocument | null>(shown);
  wanted.current = shown;
  const openLink = useRef(onOpenLink);
  openLink.current = onOpenLink;
  const reading = useRef(onReading);
  reading.current = onReading;
  // The first document shown is the frame's srcdoc, kept for the frame's life (changing it would reload the frame).
  const [first, setFirst] = useState<PreparedDocument | null>(shown);
  if (first === null && shown !== null) setFirst(shown);

  const swap = () => {
    const doc = frame.current?.contentDocument;
    const next = wanted.current;
    if (!loaded.current || !doc || !next || showing.current === next) return;
    showing.current = next;
    doc.replaceChild(doc.importNode(next.parsed.documentElement, true), doc.documentElement);
    frame.current?.contentWindow?.scrollTo(0, 0);
  };

  useImperativeHandle(handle, () => ({
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

  // Before paint: the article is in the frame in the same frame as the selection.
  useLayoutEffect(swap, [shown]);

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    let attached: Document | null = null;
    const onLoad = () => {
      const doc = element.contentDocument;
      if (!doc || doc === attached) return;
      attached = doc;
      loaded.current = true;
      // Listeners sit on the document, which stays while its root element is replaced article after article.
      doc.addEventListener('click', (event) => {
        const anchor = (event.target as Element | null)?.closest?.('a[href]');
        if (!anchor) return;
        event.preventDefault();
        const href = (anchor as HTMLAnchorElement).href;
        if (isHttpUrl(href)) openLink.current(href);
      });
      // Keys pressed while the article has focus still drive the app. A character key the app took (j, Space) does
      // nothing more here; one it did not keeps its meaning in the article (Ctrl+C copies, Ctrl+A selects it all).
      // Other keys keep theirs too: Enter on a link opens it, as the arrows and Page Down scroll.
      doc.addEventListener('keydown', (event) => {
        const takenByApp = !window.dispatchEvent(new KeyboardEvent('keydown', event));
        if (takenByApp && event.key.length === 1) event.preventDefault();
      });
      listenForReading(doc, () => reading.current?.());
      showing.current = first;
      swap();
    };
    if (element.contentDocument?.readyState === 'complete' && element.contentDocument.body && element.contentDocument.URL === 'about:srcdoc') onLoad();
    element.addEventListener('load', onLoad);
    return () => element.removeEventListener('load', onLoad);
  }, [first === null]); // eslint-disable-line react-hooks/exhaustive-deps -- attaches once the frame exists

  if (first === null) return null;
  return <iframe ref={frame} className="reader-frame" title={title} sandbox="allow-same-origin" referrerPolicy="no-referrer" srcDoc={first.html} hidden={shown === null} />;
});
