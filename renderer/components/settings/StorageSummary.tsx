import { useLiveQuery } from 'dexie-react-hooks';
import { useLibrary } from '../../library/library-context';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/use-formatters';

interface StorageFigures {
  articles: number;
  images: number;
  imageBytes: number;
  /** Feeds with the most image bytes stored, at most 5. */
  topFeeds: { title: string; bytes: number; images: number }[];
}

/** What the library keeps on this computer for offline reading: for the Storage section of Settings. */
export function StorageSummary() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { db } = useLibrary();
  const figures = useLiveQuery(async (): Promise<StorageFigures> => {
    const articles = await db.articles.count();
    const byArticle = new Map<string, { bytes: number; images: number }>();
    let images = 0;
    let imageBytes = 0;
    await db.images.each((row) => {
      // A feed whose icon was looked up and not found keeps an empty row (so it is not looked up again): no image.
      if (row.bytes === 0) return;
      images++;
      imageBytes += row.bytes;
      const entry = byArticle.get(row.articleId) ?? { bytes: 0, images: 0 };
      entry.bytes += row.bytes;
      entry.images++;
      byArticle.set(row.articleId, entry);
    });
    const rows = await db.articles.bulkGet([...byArticle.keys()]);
    const byFeed = new Map<string, { bytes: number; images: number }>();
    for (const row of rows) {
      if (!row) continue;
      const entry = byArticle.get(row.id);
      const total = byFeed.get(row.feedId) ?? { bytes: 0, images: 0 };
      total.bytes += entry?.bytes ?? 0;
      total.images += entry?.images ?? 0;
      byFeed.set(row.feedId, total);
    }
    const feeds = await db.feeds.bulkGet([...byFeed.keys()]);
    const topFeeds = feeds
      .flatMap((feed) => (feed ? [{ title: feed.title || feed.url, ...(byFeed.get(feed.id) ?? { bytes: 0, images: 0 }) }] : []))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5);
    return { articles, images, imageBytes, topFeeds };
  }, [db]);

  if (!figures) return null;
  return (
    <section className="storage-summary" aria-label={t('settings.storage.summaryLabel')}>
      <p>
        {t('settings.storage.summary', {
          articles: t('settings.storage.articles', { count: figures.articles }),
          images: t('settings.storage.images', { count: figures.images }),
          size: format.bytes(figures.imageBytes),
        })}
      </p>
      {figures.topFeeds.length > 0 ? (
        <ul>
          {figures.topFeeds.map((feed) => (
            <li key={feed.title}>
              {t('settings.storage.feedLine', { feed: feed.title, images: t('settings.storage.images', { count: feed.images }), size: format.bytes(feed.bytes) })}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
