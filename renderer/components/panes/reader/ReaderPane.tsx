import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedRow } from '../../../../shared/db';
import { isHttpUrl } from '../../../../shared/host-schema';
import { openLink, toggleRead, toggleStarOf } from '../../../commands/article-actions';
import type { CommandContext } from '../../../commands/command-context';
import { useMarkReadOnOpen } from '../../../hooks/use-mark-read-on-open';
import { useSettings } from '../../../hooks/use-settings';
import { useLibrary } from '../../../library/library-context';
import { sayPersonNear } from '../../../library/person-turns';
import { downloadEnclosure, episodeOf, removeEnclosure } from '../../../offline/download-enclosure';
import type { ReaderPreferences } from '../../../reader/article-document';
import { readArticleSnapshot } from '../../../reader/article-snapshot';
import type { DocumentKey, PreparedDocument } from '../../../reader/prepared-documents';
import { useAppState, useLibraryState, useUi } from '../../../state/app-context';
import { EpisodeDownload, type ReaderEpisode } from './EpisodeDownload';
import { ReaderFrame } from './ReaderFrame';

/**
 * The reader: the selected article in the long-lived frame (ReaderFrame) with its toolbar. The document comes from
 * the prepared documents when the article was read ahead (a neighbour of the last one), else it is read now; a
 * live query keeps it current (full text loaded, images stored, read and bookmark marks). After each article is
 * shown, its neighbours in the list are prepared for the next j/k.
 */
export function ReaderPane() {
  const { t, i18n } = useTranslation();
  const services = useLibrary();
  const app = useAppState();
  const ctx: CommandContext = useMemo(() => ({ ...services, ...app }), [services, app]);
  const { db, host } = services;
  const { welcome, documents } = app;
  const selectedId = useUi((state) => state.selectedId);
  const listHasItems = useUi((state) => state.listHasItems);
  const [settings] = useSettings();
  const locale = i18n.language;
  const preferences: ReaderPreferences = useMemo(
    () => ({
      colorScheme: settings.theme === 'system' ? 'light dark' : settings.theme,
      fontFamily: settings.readerFont,
      fontSizePx: settings.readerFontSize,
      lineHeight: settings.readerLineHeight,
      locale,
      labels: { attachments: t('reader.attachments'), untitled: t('list.untitled') },
    }),
    [settings.theme, settings.readerFont, settings.readerFontSize, settings.readerLineHeight, locale, t],
  );
  // Feed names are read from the library when a document is made, not from a render: a sync renames feeds on every
  // commit (a first fetch names its feed), and a reader that read the feed list re-rendered with each of them, also
  // with nothing open. It re-renders for the name of the feed on screen alone (below).
  const { library } = app;
  const key: DocumentKey = useMemo(() => ({ preferences, feedTitle: (feedId, fallback) => feedTitleIn(library.get().feeds, feedId) ?? fallback ?? '' }), [preferences, library]);

  const libraryId = selectedId !== null && selectedId !== welcome.id ? selectedId : null;
  // Kept current: re-read when the article, its content, its images or its episodes change.
  const live = useLiveQuery(async () => (libraryId ? ((await readArticleSnapshot(db, libraryId)) ?? { missing: libraryId }) : null), [db, libraryId]);
  const liveSnapshot = live && 'article' in live && live.id === libraryId ? live : null;
  const gone = live !== null && live !== undefined && 'missing' in live && live.missing === libraryId;
  const [loaded, setLoaded] = useState<PreparedDocument | null>(null);

  let current: PreparedDocument | undefined;
  if (selectedId === welcome.id) {
    current = documents.fromArticle(
      welcome.id,
      { title: welcome.title, author: welcome.author, feedTitle: welcome.feedTitle, published: welcome.published, html: welcome.html, lang: locale === 'en-XA' ? 'en' : locale },
      key,
    );
  } else if (libraryId) {
    current = liveSnapshot ? documents.fromSnapshot(liveSnapshot, key) : documents.ready(libraryId, key) ?? (loaded?.id === libraryId ? loaded : undefined);
  }
  // While the next article is read, the last one stays (no blank flash).
  const [shown, setShown] = useState<PreparedDocument | null>(null);
  if (current && current !== shown) setShown(current);
  if (selectedId === null && shown !== null) setShown(null);
  // An article that is gone (unsubscribed, expired) leaves the reader empty rather than showing the last one.
  const onScreen = gone ? null : (current ?? shown);
  // A new name of the shown article's feed renders again: its document no longer matches the key, and is made anew.
  const onScreenFeedId = onScreen?.snapshot?.article.feedId ?? null;
  useLibraryState((state) => (onScreenFeedId === null ? null : feedTitleIn(state.feeds, onScreenFeedId)));

  useEffect(() => {
    if (!libraryId || current) return;
    let cancelled = false;
    void documents.prepare(libraryId, key).then((document) => {
      if (!cancelled && document) setLoaded(document);
    });
    return () => {
      cancelled = true;
    };
  }, [libraryId, current, documents, key]);

  useEffect(() => {
    documents.pin(onScreen?.id ?? null);
  }, [documents, onScreen]);

  // Read ahead: the neighbours in the list, once this article is on screen; the one the reader is heading for first,
  // alone, so it is ready as soon as it can be (the two at once would interleave and finish together, later).
  const lastIndex = useRef(-1);
  useEffect(() => {
    if (!current || !libraryId) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      const items = app.shownList.items;
      const index = items.findIndex((item) => item.id === libraryId);
      if (index < 0) return;
      const up = index < lastIndex.current;
      lastIndex.current = index;
      const [first, second] = up ? [items[index - 1], items[index + 1]] : [items[index + 1], items[index - 1]];
      const prepare = (neighbour: (typeof items)[number] | undefined) =>
        neighbour && neighbour.id !== welcome.id ? documents.prepare(neighbour.id, key) : Promise.resolve(null);
      void prepare(first).then(() => {
        if (!cancelled) void prepare(second);
      });
    }, 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [current, libraryId, app.shownList, documents, key, welcome.id]);

  const article = (liveSnapshot ?? (current?.id === libraryId ? current?.snapshot : null))?.article ?? null;
  // The article on screen, from the live row or, until that is read, the copy read ahead: one passed over before its
  // row was read (j held down, a busy machine) was on screen too. A copy's read mark may be older; marking read an
  // article that is read already writes nothing, and the live row then drops it (useMarkReadOnOpen).
  useMarkReadOnOpen(ctx, article?.id ?? null, article?.read === 1, settings.markReadOn, settings.markReadDelaySeconds);

  const onOpenLink = useCallback((url: string) => openLink(ctx, url), [ctx]);
  // A person reading the article: a sync's merges turn small before the next one opens (renderer/library/person-turns.ts).
  const onReading = useCallback(() => sayPersonNear(db), [db]);
  const frame = <ReaderFrame handle={app.reader} document={onScreen} title={onScreen?.article.title ?? ''} onOpenLink={onOpenLink} onReading={onReading} />;

  if (!selectedId || !onScreen) {
    return (
      <section className="reader-pane" aria-label={t('reader.label')}>
        <p className="reader-empty">{selectedId ? '' : listHasItems ? t('reader.pressJ') : t('reader.nothing')}</p>
        {frame}
      </section>
    );
  }

  const snapshot = liveSnapshot ?? onScreen.snapshot;
  const episodeFile = libraryId ? episodeOf(snapshot?.content?.enclosures) : null;
  const episode: ReaderEpisode | null =
    episodeFile && libraryId
      ? {
          url: episodeFile.url,
          storedBytes: snapshot?.enclosures.find((row) => row.url === episodeFile.url)?.bytes ?? null,
          download: (onProgress, signal) => downloadEnclosure({ db, host, articleId: libraryId, url: episodeFile.url, declaredType: episodeFile.type, onProgress, signal }),
          remove: () => void removeEnclosure(db, episodeFile.url),
        }
      : null;
  const url = onScreen.article.url;

  return (
    <section className="reader-pane" aria-label={t('reader.label')}>
      <div className="reader-toolbar" role="toolbar" aria-label={t('reader.actions')}>
        <button type="button" className="tool-button" aria-pressed={article?.starred === 1} onClick={() => article && void toggleStarOf(ctx, article.id)} title={t('reader.bookmarkTitle')}>
          {article?.starred === 1 ? t('reader.bookmarked') : t('reader.bookmark')}
        </button>
        <button type="button" className="tool-button" onClick={() => article && void toggleRead(ctx, article.id, article.read === 1)} title={t('reader.toggleReadTitle')}>
          {article?.read === 1 ? t('reader.markUnread') : t('reader.markRead')}
        </button>
        {url && isHttpUrl(url) ? (
          <button type="button" className="tool-button" onClick={() => onOpenLink(url)} title={t('reader.openOriginalTitle')}>
            {t('reader.openOriginal')}
          </button>
        ) : null}
        {episode ? <EpisodeDownload key={episode.url} episode={episode} /> : null}
      </div>
      {frame}
    </section>
  );
}

/** The name a feed shows (its title, else its address); undefined for a feed not in the library. */
function feedTitleIn(feeds: readonly FeedRow[], feedId: string): string | undefined {
  const feed = feeds.find((row) => row.id === feedId);
  return feed ? feed.title || feed.url : undefined;
}
