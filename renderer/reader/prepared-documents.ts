/**
 * Reader documents made ahead of time. Opening an article should cost a swap, not a database read, a sanitise and
 * a frame load: the selected article's neighbours are read, sanitised and parsed (in an inert document, where
 * nothing loads or runs) before they are asked for, with their stored images' object URLs made. A few recent
 * documents are kept; object URLs are revoked when their document leaves the cache and is not on screen.
 */
import type { BroadsheetDb } from '../../shared/db';
import { escapeHtml } from '../../shared/feeds/text';
import type { ReaderArticle, ReaderPreferences } from './article-document';
import { articleDocument } from './article-document';
import type { ArticleSnapshot } from './article-snapshot';
import { readArticleSnapshot, shownHtml } from './article-snapshot';
import { asPerson } from '../library/person-turns';

export interface PreparedDocument {
  id: string;
  snapshot: ArticleSnapshot | null;
  article: ReaderArticle;
  /** The sanitised document, parsed: the frame imports its root element. */
  parsed: Document;
  /** The same document as HTML: the frame's first (and only) srcdoc. */
  html: string;
  /** What it was made from: snapshot signature, feed title and preferences. */
  key: string;
}

interface Entry {
  key: string;
  promise: Promise<PreparedDocument | null>;
  done: PreparedDocument | null | undefined;
  objectUrls: string[];
}

/** Documents kept: the one shown, its two neighbours and a few just left. */
const KEEP = 6;

export interface PreparedDocuments {
  /** The document for `id` if it is ready now (synchronously), else undefined. */
  ready(id: string, key: DocumentKey): PreparedDocument | undefined;
  /** Reads and prepares `id` (once; later calls share the work). Null when the article does not exist. */
  prepare(id: string, key: DocumentKey): Promise<PreparedDocument | null>;
  /** Makes (or reuses) the document of a snapshot just read, e.g. by the reader's live query. */
  fromSnapshot(snapshot: ArticleSnapshot, key: DocumentKey): PreparedDocument;
  /** A document for an article that is not in the library (the welcome article). */
  fromArticle(id: string, article: ReaderArticle, key: DocumentKey): PreparedDocument;
  /** The id on screen: its object URLs are never revoked while it is. */
  pin(id: string | null): void;
  clear(): void;
}

/** What a document depends on besides the article itself. */
export interface DocumentKey {
  preferences: ReaderPreferences;
  feedTitle: (feedId: string, fallback: string | undefined) => string;
  /** Article's signature when known (a live query read it); otherwise whatever is cached is taken. */
  signature?: string;
}

const parser = (): DOMParser => new DOMParser();

export function createPreparedDocuments(db: BroadsheetDb): PreparedDocuments {
  const entries = new Map<string, Entry>();
  let pinned: string | null = null;

  // Deferred: a document being replaced stays on screen until the frame swaps in its successor, just after.
  const revoke = (entry: Entry) => {
    const urls = entry.objectUrls;
    entry.objectUrls = [];
    if (urls.length > 0) setTimeout(() => urls.forEach((url) => URL.revokeObjectURL(url)), 1000);
  };
  const remember = (id: string, entry: Entry) => {
    const old = entries.get(id);
    if (old && old !== entry) revoke(old);
    entries.delete(id);
    entries.set(id, entry);
    while (entries.size > KEEP) {
      const oldest = [...entries.keys()].find((candidate) => candidate !== pinned);
      if (oldest === undefined) break;
      const evicted = entries.get(oldest);
      entries.delete(oldest);
      if (evicted) revoke(evicted);
    }
  };

  const preferencesKey = (key: DocumentKey) => JSON.stringify(key.preferences);

  const build = (id: string, snapshot: ArticleSnapshot, key: DocumentKey, entry: Entry): PreparedDocument => {
    const { article, content } = snapshot;
    const storedImages = new Map<string, string>();
    for (const image of snapshot.images) {
      const objectUrl = URL.createObjectURL(image.blob);
      entry.objectUrls.push(objectUrl);
      storedImages.set(image.url, objectUrl);
    }
    const storedEnclosures = new Map<string, string>();
    for (const enclosure of snapshot.enclosures) {
      const objectUrl = URL.createObjectURL(enclosure.blob);
      entry.objectUrls.push(objectUrl);
      storedEnclosures.set(enclosure.url, objectUrl);
    }
    const feedTitle = key.feedTitle(article.feedId, article.feedTitle);
    const readerArticle: ReaderArticle = {
      title: article.title || key.preferences.labels.untitled,
      url: article.url ?? undefined,
      author: article.author ?? undefined,
      feedTitle,
      published: article.published ?? undefined,
      html: shownHtml(snapshot) ?? `<p>${escapeHtml(article.summary)}</p>`,
      enclosures: content?.enclosures,
      storedImages,
      storedEnclosures,
    };
    return fromReaderArticle(id, snapshot, readerArticle, key, `${snapshot.signature}|${feedTitle}|${preferencesKey(key)}`);
  };

  const fromReaderArticle = (id: string, snapshot: ArticleSnapshot | null, article: ReaderArticle, key: DocumentKey, documentKey: string): PreparedDocument => {
    const html = articleDocument(article, key.preferences);
    return { id, snapshot, article, html, parsed: parser().parseFromString(html, 'text/html'), key: documentKey };
  };

  const matches = (document: PreparedDocument, key: DocumentKey) => {
    const snapshot = document.snapshot;
    if (!snapshot) return document.key.endsWith(`|${preferencesKey(key)}`);
    if (key.signature !== undefined && key.signature !== snapshot.signature) return false;
    const feedTitle = key.feedTitle(snapshot.article.feedId, snapshot.article.feedTitle);
    return document.key === `${snapshot.signature}|${feedTitle}|${preferencesKey(key)}`;
  };

  return {
    ready(id, key) {
      const done = entries.get(id)?.done;
      return done && matches(done, key) ? done : undefined;
    },
    prepare(id, key) {
      const existing = entries.get(id);
      if (existing && (existing.done === undefined || (existing.done && matches(existing.done, key)))) return existing.promise;
      const entry: Entry = { key: preferencesKey(key), promise: Promise.resolve(null), done: undefined, objectUrls: [] };
      // A person's read, whether the article is opened now or read ahead for the next j: before the sync's next merge.
      entry.promise = asPerson(db, () => readArticleSnapshot(db, id)).then((snapshot) => {
        entry.done = snapshot ? build(id, snapshot, key, entry) : null;
        // Replaced (the reader's live read of the same article made its own) or evicted while it was reading: no
        // later eviction or clear() will see this entry, so its object URLs are given back here or never.
        if (entries.get(id) !== entry) revoke(entry);
        return entry.done;
      });
      remember(id, entry);
      return entry.promise;
    },
    fromSnapshot(snapshot, key) {
      const existing = entries.get(snapshot.id)?.done;
      if (existing && matches(existing, { ...key, signature: snapshot.signature })) return existing;
      const entry: Entry = { key: preferencesKey(key), promise: Promise.resolve(null), done: undefined, objectUrls: [] };
      const document = build(snapshot.id, snapshot, key, entry);
      entry.done = document;
      entry.promise = Promise.resolve(document);
      remember(snapshot.id, entry);
      return document;
    },
    fromArticle(id, article, key) {
      const existing = entries.get(id)?.done;
      // The welcome article is made again when the language or the keys change: same id, other text.
      if (existing && matches(existing, key) && sameArticle(existing.article, article)) return existing;
      const document = fromReaderArticle(id, null, article, key, `welcome|${preferencesKey(key)}`);
      const entry: Entry = { key: preferencesKey(key), promise: Promise.resolve(document), done: document, objectUrls: [] };
      remember(id, entry);
      return document;
    },
    pin(id) {
      pinned = id;
    },
    clear() {
      for (const entry of entries.values()) revoke(entry);
      entries.clear();
    },
  };
}

function sameArticle(a: ReaderArticle, b: ReaderArticle): boolean {
  return a.html === b.html && a.title === b.title && a.author === b.author && a.feedTitle === b.feedTitle && a.published === b.published && a.lang === b.lang;
}
