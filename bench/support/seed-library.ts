/**
 * Seeds a big library straight into the page's IndexedDB (database `broadsheet`, opened by the app first so Dexie
 * has created the schema), with the raw IndexedDB API in large transactions: going through the UI or the sync
 * engine would take far longer than the measurements themselves. Rows follow shared/db/schema.ts exactly and each
 * feed's unreadCount equals its unread rows. Text is generated in the page from a fixed seed (shipping 100,000
 * rows over the DevTools protocol costs more than making them); ids are computed in Node with the app's own id
 * functions so they look like the ids a sync would give. Every feed's icon is marked as looked up (none found), so
 * the app's icon lookups do not run during the measurements.
 */
import type { Page } from '@playwright/test';
import type { ArticleRow, ContentRow, FeedRow, FolderRow, ImageRow } from '../../shared/db/schema';
import { articleIdFor, articleKey, feedIdFor } from '../../shared/db/ids';

/** renderer/library/create-services.ts DATABASE_NAME (not imported: that module pulls in the renderer). */
export const DATABASE_NAME = 'broadsheet';

export interface SeedOptions {
  feeds: number;
  articlesPerFeed: number;
  folders: number;
  /** Feeds placed in folders (the rest sit at the top level); spread evenly. */
  feedsInFolders: number;
  /** Every n-th article gets a contents row with ~800 words of HTML (1 = every article). */
  contentEvery: number;
  seed: number;
  /** Newest publication time; articles go back a year from here. */
  newest: number;
}

export interface SeededFeed {
  id: string;
  url: string;
  title: string;
  folderId: string | null;
  unreadCount: number;
}

export interface SeedReport {
  feeds: SeededFeed[];
  articles: number;
  contents: number;
  contentBytes: number;
  unread: number;
  ms: number;
}

export function feedUrl(f: number): string {
  return `https://news${f}.example.org/feed.xml`;
}

function guidFor(f: number, i: number): string {
  return `https://news${f}.example.org/${i}`;
}

/** Writes the library; returns the feeds (with their unread counts) and sizes. */
export async function seedLibrary(page: Pick<Page, 'evaluate'>, options: SeedOptions): Promise<SeedReport> {
  const feedIds = Array.from({ length: options.feeds }, (_, f) => feedIdFor(feedUrl(f)));
  // Article ids as a sync would make them (feed id + hash of the guid), flattened feed by feed.
  const articleIds: string[] = [];
  for (let f = 0; f < options.feeds; f++) {
    for (let i = 0; i < options.articlesPerFeed; i++) articleIds.push(articleIdFor(feedIds[f]!, articleKey({ guid: guidFor(f, i) })));
  }
  const started = performance.now();
  const result = await page.evaluate(writeInPage, { ...options, dbName: DATABASE_NAME, feedIds, articleIds });
  return { ...result, ms: performance.now() - started };
}

export interface InPageArgs extends SeedOptions {
  dbName: string;
  feedIds: string[];
  articleIds: string[];
}

/** Runs inside the page (serialised by Playwright): no imports, no closures over Node values. */
export async function writeInPage(args: InPageArgs): Promise<Omit<SeedReport, 'ms'>> {
  let state = args.seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  // Skewed towards the front of each list, as real word use is (a cheap stand-in for Zipf).
  const pickSkewed = <T,>(list: readonly T[]): T => list[Math.floor(random() * random() * list.length)] as T;

  const nouns = (
    'government minister council city market economy election vote court ruling study science health hospital school ' +
    'university team season match player coach club league energy climate weather storm flood drought river coast ' +
    'company shares investors bank inflation prices wages workers union strike budget tax policy plan report data ' +
    'research scientists space rocket launch mission satellite telescope planet moon software security breach update ' +
    'phone chip battery network privacy startup funding merger deal trade tariffs exports farmers harvest food water ' +
    'transport railway airport airline traffic bridge housing rents mortgage museum festival film music album concert ' +
    'police investigation trial verdict judge lawyer parliament senate president mayor region village border talks ' +
    'summit treaty peace protest campaign candidate poll survey children families patients doctors nurses vaccine virus'
  ).split(' ');
  const verbs = (
    'announces approves rejects delays unveils warns expands cuts raises backs blocks opens closes wins loses faces ' +
    'launches confirms denies reveals plans targets urges seeks signs ends reaches returns boosts slows'
  ).split(' ');
  const adjectives = (
    'new major local national global record early late first final rising falling surprise historic controversial ' +
    'rural urban northern southern coastal annual quarterly public private digital green independent emergency'
  ).split(' ');
  const fillers = 'the a of in on for to with after before over under about from as and but while amid despite'.split(' ');
  const people = 'Alice Martin,Omar Haddad,Chen Wei,Sofia Rossi,James O’Neill,Priya Nair,Lukas Becker,Ana Souza,Kenji Sato,Grace Okafor'.split(',');

  const cap = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  const title = (): string => {
    const words = [cap(pick(adjectives)), pickSkewed(nouns), pick(verbs), pick(adjectives), pickSkewed(nouns)];
    if (random() < 0.5) words.push(pick(fillers), pickSkewed(nouns));
    return words.join(' ');
  };
  const sentence = (n: number): string => {
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(i % 3 === 1 ? pick(fillers) : i % 4 === 2 ? pick(verbs) : random() < 0.3 ? pick(adjectives) : pickSkewed(nouns));
    return cap(words.join(' ')) + '.';
  };
  const summary = (): string => {
    let text = '';
    while (text.length < 220) text += (text ? ' ' : '') + sentence(8 + Math.floor(random() * 8));
    return text.slice(0, 300);
  };
  const bodyHtml = (lead: string): string => {
    const parts = [`<p><strong>${lead}</strong></p>`];
    let words = 0;
    let paragraph = 0;
    while (words < 800) {
      const sentences: string[] = [];
      const count = 3 + Math.floor(random() * 4);
      for (let s = 0; s < count; s++) {
        const n = 10 + Math.floor(random() * 14);
        words += n;
        sentences.push(sentence(n));
      }
      paragraph++;
      if (paragraph % 4 === 0) parts.push(`<h2>${cap(pick(adjectives))} ${pickSkewed(nouns)}</h2>`);
      if (paragraph % 3 === 0) sentences.push(`<a href="https://example.org/${pickSkewed(nouns)}">Read more about ${pickSkewed(nouns)}</a>.`);
      parts.push(`<p>${sentences.join(' ')}</p>`);
    }
    return parts.join('\n');
  };
  const hex16 = (): string => Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0') + Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0');

  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(args.dbName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const commit = (tx: IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
    });

  const folders: FolderRow[] = Array.from({ length: args.folders }, (_, i) => ({ id: `folder-${i}`, title: `${cap(pick(adjectives))} ${cap(pick(nouns))}`, position: i }));
  const feedsPerFolder = args.folders > 0 ? Math.ceil(args.feedsInFolders / args.folders) : 0;
  const feeds: FeedRow[] = [];
  const positions = new Map<string, number>();
  const created = args.newest - 400 * 86_400_000;
  for (let f = 0; f < args.feedIds.length; f++) {
    const folderId = f < args.feedsInFolders && feedsPerFolder > 0 ? `folder-${Math.floor(f / feedsPerFolder)}` : null;
    const position = positions.get(folderId ?? '') ?? 0;
    positions.set(folderId ?? '', position + 1);
    feeds.push({
      id: args.feedIds[f]!,
      url: `https://news${f}.example.org/feed.xml`,
      folderId,
      title: `The ${cap(pick(adjectives))} ${cap(pickSkewed(nouns))} ${pick(['Times', 'Post', 'Review', 'Daily', 'Journal', 'Wire', 'Blog', 'Digest'])}`,
      userTitled: 0,
      siteUrl: `https://news${f}.example.org/`,
      iconUrl: null,
      description: null,
      position,
      etag: '"seeded"',
      lastModified: null,
      bodyHash: null,
      lastFetchedAt: args.newest,
      lastSuccessAt: args.newest,
      // Far in the future: the app's scheduler must not start fetching these unreachable feeds mid-measurement.
      nextCheckAt: args.newest + 3650 * 86_400_000,
      intervalMinutes: null,
      retentionDays: null,
      ttlMinutes: null,
      lastError: null,
      errorCount: 0,
      gone: 0,
      unreadCount: 0,
      purgedBefore: 0,
      options: {},
      createdAt: created,
    });
  }

  let articles = 0;
  let contents = 0;
  let contentBytes = 0;
  let unread = 0;
  const BATCH_FEEDS = 50;
  for (let first = 0; first < feeds.length; first += BATCH_FEEDS) {
    const tx = db.transaction(['articles', 'contents'], 'readwrite', { durability: 'relaxed' });
    const articleStore = tx.objectStore('articles');
    const contentStore = tx.objectStore('contents');
    for (let f = first; f < Math.min(feeds.length, first + BATCH_FEEDS); f++) {
      const feed = feeds[f]!;
      for (let i = 0; i < args.articlesPerFeed; i++) {
        const n = f * args.articlesPerFeed + i;
        // Newer articles are likelier to be unread, as in a real library.
        const published = args.newest - Math.floor(random() * random() * 365 * 86_400_000);
        const age = (args.newest - published) / (365 * 86_400_000);
        const read = random() < 0.2 + age * 1.5 ? 1 : 0;
        const starred = random() < 0.01 ? 1 : 0;
        const row: ArticleRow = {
          id: args.articleIds[n]!,
          feedId: feed.id,
          guid: `https://news${f}.example.org/${i}`,
          url: `https://news${f}.example.org/${i}`,
          title: title(),
          author: random() < 0.7 ? pick(people) : null,
          summary: summary(),
          imageUrl: null,
          published,
          updated: null,
          fetchedAt: published + Math.floor(random() * 3_600_000),
          sortTime: published,
          read,
          starred,
          starredAt: starred ? published + 86_400_000 : 0,
          contentHash: hex16(),
        };
        articleStore.put(row);
        articles++;
        if (read === 0) {
          feed.unreadCount++;
          unread++;
        }
        if (n % args.contentEvery === 0) {
          const content: ContentRow = { articleId: row.id, html: bodyHtml(row.summary), enclosures: [], categories: [pickSkewed(nouns)] };
          contentBytes += content.html.length;
          contentStore.put(content);
          contents++;
        }
      }
    }
    await commit(tx);
  }
  const tx = db.transaction(['feeds', 'folders', 'images'], 'readwrite');
  for (const folder of folders) tx.objectStore('folders').put(folder);
  for (const feed of feeds) tx.objectStore('feeds').put(feed);
  // Each feed's icon recorded as looked up just now and none found (shared/offline/favicon): otherwise the sync
  // worker looks up 1,000 icons on these unreachable hosts in the middle of the measurements.
  const checkedAt = Date.now();
  for (const feed of feeds) {
    const none: ImageRow = { url: `favicon:${feed.id}`, articleId: '', blob: new Blob([]), type: '', bytes: 0, storedAt: checkedAt };
    tx.objectStore('images').put(none);
  }
  await commit(tx);
  db.close();
  return {
    feeds: feeds.map((feed) => ({ id: feed.id, url: feed.url, title: feed.title, folderId: feed.folderId, unreadCount: feed.unreadCount })),
    articles,
    contents,
    contentBytes,
    unread,
  };
}
