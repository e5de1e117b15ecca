// @vitest-environment jsdom
/**
 * Settings → Storage counts the images kept for offline reading: not the empty rows that record a feed icon looked up
 * and not found (a library of feeds without icons read "24 images (0 byte)").
 */
import 'fake-indexeddb/auto';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { BroadsheetDb, subscribe } from '../../../../../shared/db';
import { mergeParsedFeed } from '../../../../../shared/sync/merge';
import { StorageSummary } from '../../../../../renderer/components/settings/StorageSummary';
import { windowTranslator } from '../../../../../renderer/i18n/window-translator';
import type { LibraryServices } from '../../../../../renderer/library/library-context';
import { LibraryContext } from '../../../../../renderer/library/library-context';
import { T0, items, parsedFeed } from '../../../shared/db/test-db';
import { until } from '../../support/mount-panes';

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

describe('storage summary', () => {
  it('counts stored images and their bytes, not the rows of feed icons that were not found', async () => {
    const db = new BroadsheetDb({ name: 'storage-summary' });
    const result = await subscribe(db, 'https://alpha.example/feed.xml', { title: 'Alpha' });
    if (!result.ok) throw new Error(result.error.message);
    const feedId = result.value.feed.id;
    await mergeParsedFeed(db, feedId, parsedFeed(items(2)), T0, () => ({ nextCheckAt: Date.now() + 86_400_000 }));
    const article = (await db.articles.where('feedId').equals(feedId).first())!;
    await db.images.bulkPut([
      { url: 'https://alpha.example/photo.jpg', articleId: article.id, blob: new Blob([new Uint8Array(2000)]), type: 'image/jpeg', bytes: 2000, storedAt: T0 },
      { url: `favicon:${feedId}`, articleId: '', blob: new Blob([]), type: '', bytes: 0, storedAt: T0 },
      { url: 'favicon:other-feed', articleId: '', blob: new Blob([]), type: '', bytes: 0, storedAt: T0 },
    ]);

    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    const services = { db } as unknown as LibraryServices;
    await act(async () => {
      root.render(
        <I18nextProvider i18n={windowTranslator.i18n}>
          <LibraryContext.Provider value={services}>
            <StorageSummary />
          </LibraryContext.Provider>
        </I18nextProvider>,
      );
    });
    cleanup = () => {
      act(() => root.unmount());
      container.remove();
      db.close();
    };
    await until(() => container.textContent?.includes('kept for offline reading') === true);
    expect(container.textContent).toContain('2 articles · 1 image (2 kB) kept for offline reading');
  });
});
