/** What the library store counts as a changed feed row (a new row re-renders the panes that show feeds). */
import { describe, expect, it } from 'vitest';
import { newFeedRow } from '../../../../shared/db/feeds';
import type { FeedRow } from '../../../../shared/db/schema';
import { sameShownFeed } from '../../../../renderer/state/library-store';

const T0 = Date.UTC(2026, 0, 5);
const feed = (patch: Partial<FeedRow> = {}): FeedRow => ({ ...newFeedRow('f1', 'https://example.com/feed.xml', {}, 0, T0), title: 'Example', options: { fullText: true }, ...patch });

describe('sameShownFeed', () => {
  it('ignores what a fetch rewrites and no pane shows, and the unread count (the counters carry it)', () => {
    expect(sameShownFeed(feed(), feed({ etag: '"v2"', lastModified: 'Tue, 06 Jan 2026 00:00:00 GMT', bodyHash: 'abc', lastFetchedAt: T0 + 1, nextCheckAt: T0 + 3_600_000, unreadCount: 7, lastSuccessAt: T0 + 1 }))).toBe(true);
    // Read again from the database: other objects, same data.
    expect(sameShownFeed(feed(), structuredClone(feed()))).toBe(true);
  });

  it('sees a change in what the panes show', () => {
    expect(sameShownFeed(feed(), feed({ title: 'Renamed' }))).toBe(false);
    expect(sameShownFeed(feed(), feed({ folderId: 'folder-1' }))).toBe(false);
    expect(sameShownFeed(feed(), feed({ gone: 1 }))).toBe(false);
    expect(sameShownFeed(feed(), feed({ options: { fullText: false } }))).toBe(false);
    expect(sameShownFeed(feed(), feed({ options: {} }))).toBe(false);
    expect(sameShownFeed(feed({ iconUrl: 'https://example.com/icon.png' }), feed())).toBe(false);
    expect(sameShownFeed(feed(), feed({ iconUrl: 'https://example.com/icon.png' }))).toBe(false);
  });

  it('compares errors as data, and the last success only beside an error (its tooltip says when)', () => {
    const error = { kind: 'http' as const, status: 500, message: 'Server error' };
    expect(sameShownFeed(feed({ lastError: error }), feed({ lastError: { ...error } }))).toBe(true);
    expect(sameShownFeed(feed({ lastError: error }), feed({ lastError: { ...error, status: 503 } }))).toBe(false);
    expect(sameShownFeed(feed(), feed({ lastError: error }))).toBe(false);
    expect(sameShownFeed(feed({ lastError: error, lastSuccessAt: T0 }), feed({ lastError: error, lastSuccessAt: T0 + 1 }))).toBe(false);
  });
});
