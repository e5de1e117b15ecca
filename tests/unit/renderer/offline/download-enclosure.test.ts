/** downloadEnclosure: chunks through the host with progress, stores one Blob, stores nothing when cancelled. */
import { describe, expect, it } from 'vitest';
import { subscribe, unsubscribe } from '../../../../shared/db/feeds';
import type { BroadsheetDb } from '../../../../shared/db/schema';
import type { EnclosureRangeResponse, HostResult } from '../../../../shared/host';
import { mergeParsedFeed } from '../../../../shared/sync/merge';
import { downloadEnclosure, episodeOf } from '../../../../renderer/offline/download-enclosure';
import { freshDb, item, parsedFeed, T0 } from '../../shared/db/test-db';

const URL_ = 'https://example.com/episode.mp3';
const FILE = Uint8Array.from({ length: 1000 }, (_, i) => i % 256);

/** A host serving FILE in ranges; `ignoreRange` answers like a server without Range support. */
function rangeHost(options: { ignoreRange?: boolean; onCall?: (start: number) => void } = {}) {
  const calls: [number, number][] = [];
  return {
    calls,
    async fetchEnclosureRange(url: string, start: number, length: number): Promise<HostResult<EnclosureRangeResponse>> {
      calls.push([start, length]);
      options.onCall?.(start);
      if (options.ignoreRange) return { ok: true, value: { bytes: FILE.slice(), contentType: 'audio/mpeg', totalBytes: FILE.length, finalUrl: url } };
      return { ok: true, value: { bytes: FILE.slice(start, start + length), contentType: 'audio/mpeg', totalBytes: FILE.length, finalUrl: url } };
    },
  };
}

async function withArticle(): Promise<{ db: BroadsheetDb; feedId: string; articleId: string }> {
  const db = freshDb();
  const sub = await subscribe(db, 'https://example.com/feed', { now: T0 });
  if (!sub.ok) throw new Error(sub.error.message);
  const merged = await mergeParsedFeed(db, sub.value.feed.id, parsedFeed([item(1)]), T0, () => ({}));
  return { db, feedId: sub.value.feed.id, articleId: merged!.added[0]! };
}

async function blobBytes(blob: Blob): Promise<number[]> {
  return [...new Uint8Array(await blob.arrayBuffer())];
}

describe('downloadEnclosure', () => {
  it('fetches the file chunk by chunk, reports progress after each, and stores one Blob', async () => {
    const { db, articleId } = await withArticle();
    const host = rangeHost();
    const progress: [number, number | null][] = [];
    const result = await downloadEnclosure({ db, host, articleId, url: URL_, chunkBytes: 300, now: () => T0, onProgress: (r, t) => progress.push([r, t]) });
    expect(result).toEqual({ ok: true, value: { bytes: 1000 } });
    expect(host.calls).toEqual([[0, 300], [300, 300], [600, 300], [900, 300]]);
    expect(progress).toEqual([[300, 1000], [600, 1000], [900, 1000], [1000, 1000]]);
    const row = await db.enclosures.get(URL_);
    expect(row).toMatchObject({ articleId, type: 'audio/mpeg', bytes: 1000, storedAt: T0 });
    expect(await blobBytes(row!.blob)).toEqual([...FILE]);
  });

  it('stops after one answer when the server sent the whole file', async () => {
    const { db, articleId } = await withArticle();
    const host = rangeHost({ ignoreRange: true });
    const result = await downloadEnclosure({ db, host, articleId, url: URL_, chunkBytes: 300 });
    expect(result.ok).toBe(true);
    expect(host.calls).toHaveLength(1);
    expect((await db.enclosures.get(URL_))?.bytes).toBe(1000);
  });

  it('stops and stores nothing when aborted mid-download', async () => {
    const { db, articleId } = await withArticle();
    const controller = new AbortController();
    const host = rangeHost({ onCall: (start) => start === 300 && controller.abort() });
    const result = await downloadEnclosure({ db, host, articleId, url: URL_, chunkBytes: 300, signal: controller.signal });
    expect(result.ok).toBe(false);
    expect(host.calls).toEqual([[0, 300], [300, 300]]);
    expect(await db.enclosures.count()).toBe(0);
  });

  it('passes a host error through and stores nothing', async () => {
    const { db, articleId } = await withArticle();
    const host = { fetchEnclosureRange: async (): Promise<HostResult<EnclosureRangeResponse>> => ({ ok: false, error: { kind: 'http', status: 404, message: 'gone' } }) };
    const result = await downloadEnclosure({ db, host, articleId, url: URL_ });
    expect(!result.ok && result.error.kind).toBe('http');
    expect(await db.enclosures.count()).toBe(0);
  });

  it('is deleted with its article when the feed is unsubscribed', async () => {
    const { db, feedId, articleId } = await withArticle();
    await downloadEnclosure({ db, host: rangeHost(), articleId, url: URL_, chunkBytes: 600 });
    expect(await db.enclosures.count()).toBe(1);
    await unsubscribe(db, feedId);
    expect(await db.enclosures.count()).toBe(0);
  });
});

describe('episodeOf', () => {
  it('picks the first audio or video enclosure with a web URL', () => {
    expect(episodeOf([{ url: 'https://e.com/a.jpg', type: 'image/jpeg' }, { url: 'javascript:x', type: 'audio/mpeg' }, { url: 'https://e.com/b.mp3', type: 'audio/mpeg' }]))
      .toEqual({ url: 'https://e.com/b.mp3', type: 'audio/mpeg' });
    expect(episodeOf([{ url: 'https://e.com/a.pdf', type: 'application/pdf' }])).toBeNull();
    expect(episodeOf(undefined)).toBeNull();
  });
});
