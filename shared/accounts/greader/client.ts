/**
 * A Google Reader API client (FreshRSS, Miniflux, Inoreader, The Old Reader, BazQux): every call goes through the
 * host, which adds the sign-in and write tokens. Answers are checked with schemas; a body that is not what the API
 * sends (cut off, an HTML error page) is a typed `parse` error, never a half-read page.
 */
import * as v from 'valibot';
import type { HostError, HostResult } from '../../host';
import { err, ok } from '../../result';
import type { AccountCall, ChangeBatch, RemoteItem, RemoteItemPage, RemoteSubscriptions } from '../remote';
import { itemIdFromLong, itemIdFromShort, longItemId } from './item-ids';

const API = 'reader/api/0';
const READING_LIST = 'user/-/state/com.google/reading-list';
export const READ_TAG = 'user/-/state/com.google/read';
export const STARRED_TAG = 'user/-/state/com.google/starred';
const LABEL_PREFIX = 'user/-/label/';

/** Items per stream/contents page, ids per stream/items/ids page, ids per edit-tag or items/contents call. */
export const ITEMS_PER_PAGE = 500;
const IDS_PER_PAGE = 10_000;
export const IDS_PER_EDIT = 250;

const text = v.optional(v.nullable(v.string()));
const SubscriptionListSchema = v.looseObject({
  subscriptions: v.array(
    v.looseObject({
      id: v.string(),
      title: text,
      url: text,
      htmlUrl: text,
      categories: v.optional(v.array(v.looseObject({ id: v.string(), label: text }))),
    }),
  ),
});
const TagListSchema = v.looseObject({ tags: v.array(v.looseObject({ id: v.string(), type: text })) });
const numberish = v.optional(v.nullable(v.union([v.number(), v.string()])));
const ItemSchema = v.looseObject({
  id: v.string(),
  title: text,
  published: numberish,
  crawlTimeMsec: numberish,
  author: text,
  canonical: v.optional(v.array(v.looseObject({ href: text }))),
  alternate: v.optional(v.array(v.looseObject({ href: text }))),
  summary: v.optional(v.looseObject({ content: text })),
  content: v.optional(v.looseObject({ content: text })),
  categories: v.optional(v.array(v.string())),
  origin: v.optional(v.looseObject({ streamId: v.string() })),
  enclosure: v.optional(v.array(v.looseObject({ href: text, type: text, length: numberish }))),
});
const StreamSchema = v.looseObject({ items: v.array(ItemSchema), continuation: text });
const ItemIdsSchema = v.looseObject({ itemRefs: v.optional(v.nullable(v.array(v.looseObject({ id: v.string() })))), continuation: text });
const UnreadCountSchema = v.looseObject({ unreadcounts: v.array(v.looseObject({ id: v.string(), count: numberish })) });
const QuickAddSchema = v.looseObject({ streamId: text, numResults: numberish, error: text });

function parseJson<T>(schema: v.GenericSchema<unknown, T>, body: string, what: string): HostResult<T> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return err(malformed(what));
  }
  const parsed = v.safeParse(schema, value);
  return parsed.success ? ok(parsed.output) : err(malformed(what));
}

const malformed = (what: string): HostError => ({ kind: 'parse', message: `The server's ${what} could not be read (it may have been cut off).` });

function expectOk(body: string, what: string): HostResult<null> {
  return body.trim() === 'OK' ? ok(null) : err({ kind: 'http', status: 400, message: `The server did not accept ${what}.` });
}

const labelOf = (streamId: string): string => (streamId.startsWith(LABEL_PREFIX) ? streamId.slice(LABEL_PREFIX.length) : streamId);
export const labelStreamId = (title: string): string => LABEL_PREFIX + title;

function toMs(value: number | string | null | undefined, unit: 's' | 'ms'): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  if (n === null || n === undefined || !Number.isFinite(n) || n <= 0) return null;
  return unit === 's' ? n * 1000 : n;
}

function toItem(raw: v.InferOutput<typeof ItemSchema>): RemoteItem | null {
  const feed = raw.origin?.streamId;
  if (!feed) return null;
  const categories = raw.categories ?? [];
  return {
    itemId: itemIdFromLong(raw.id),
    feedRemoteId: feed,
    title: raw.title ?? '',
    url: raw.canonical?.[0]?.href ?? raw.alternate?.[0]?.href ?? null,
    author: raw.author || null,
    html: raw.content?.content ?? raw.summary?.content ?? '',
    published: toMs(raw.published, 's'),
    crawledAt: toMs(raw.crawlTimeMsec, 'ms'),
    read: categories.some((c) => c.endsWith('/state/com.google/read')),
    starred: categories.some((c) => c.endsWith('/state/com.google/starred')),
    enclosures: (raw.enclosure ?? []).flatMap((e) => {
      if (!e.href) return [];
      const length = typeof e.length === 'string' ? Number(e.length) : e.length;
      return [{ url: e.href, ...(e.type ? { type: e.type } : {}), ...(length && Number.isFinite(length) ? { length } : {}) }];
    }),
  };
}

export interface GReaderClient {
  subscriptions(): Promise<HostResult<RemoteSubscriptions>>;
  /** One page of the reading list, newest first; `since` (seconds) limits it to items stored after that time. */
  itemPage(since: number | null, continuation: string | null): Promise<HostResult<RemoteItemPage>>;
  /** Unread items per feed (`feed/…` stream id → count), one small call: whether read state changed at all. */
  unreadCounts(): Promise<HostResult<Map<string, number>>>;
  /** How many items the reading list holds (a first sync's progress bar): one id list, no article bodies. */
  itemCount(): Promise<HostResult<number>>;
  unreadIds(): Promise<HostResult<Set<string>>>;
  starredIds(): Promise<HostResult<Set<string>>>;
  itemsByIds(itemIds: readonly string[]): Promise<HostResult<RemoteItem[]>>;
  push(batch: ChangeBatch): Promise<HostResult<null>>;
  subscribe(url: string, folderTitle: string | null): Promise<HostResult<string>>;
  unsubscribe(feedRemoteId: string): Promise<HostResult<null>>;
  renameFeed(feedRemoteId: string, title: string): Promise<HostResult<null>>;
  moveFeed(feedRemoteId: string, fromFolder: string | null, toFolderTitle: string | null): Promise<HostResult<null>>;
  renameFolder(folderRemoteId: string, title: string): Promise<HostResult<null>>;
}

export function createGReaderClient(call: AccountCall, itemsPerPage: number = ITEMS_PER_PAGE): GReaderClient {
  async function getJson<T>(path: string, query: Array<[string, string]>, schema: v.GenericSchema<unknown, T>, what: string): Promise<HostResult<T>> {
    const answer = await call({ method: 'GET', path: `${API}/${path}`, query: [...query, ['output', 'json']] });
    return answer.ok ? parseJson(schema, answer.value.body, what) : answer;
  }

  async function post(path: string, form: Array<[string, string]>, what: string): Promise<HostResult<null>> {
    const answer = await call({ method: 'POST', path: `${API}/${path}`, form });
    return answer.ok ? expectOk(answer.value.body, what) : answer;
  }

  /** Every id of a stream (paged by continuation), in the article-id form. */
  async function ids(query: Array<[string, string]>): Promise<HostResult<Set<string>>> {
    const all = new Set<string>();
    let continuation: string | null = null;
    for (;;) {
      const page: HostResult<v.InferOutput<typeof ItemIdsSchema>> = await getJson('stream/items/ids', [...query, ['n', String(IDS_PER_PAGE)], ...(continuation ? [['c', continuation] as [string, string]] : [])], ItemIdsSchema, 'list of article ids');
      if (!page.ok) return page;
      for (const ref of page.value.itemRefs ?? []) all.add(itemIdFromShort(ref.id));
      const next: string | null = page.value.continuation || null;
      if (!next || next === continuation || (page.value.itemRefs ?? []).length === 0) return ok(all);
      continuation = next;
    }
  }

  return {
    async subscriptions() {
      const [subs, tags] = await Promise.all([
        getJson('subscription/list', [], SubscriptionListSchema, 'subscription list'),
        getJson('tag/list', [], TagListSchema, 'folder list'),
      ]);
      if (!subs.ok) return subs;
      if (!tags.ok) return tags;
      const folders = new Map<string, string>();
      for (const tag of tags.value.tags) {
        // Labels only; FreshRSS marks folders with type "folder", others list every label (and states, skipped).
        if (tag.id.includes('/label/') && (tag.type === undefined || tag.type === null || tag.type === 'folder')) folders.set(tag.id, labelOf(tag.id));
      }
      const feeds = subs.value.subscriptions.flatMap((s) => {
        const url = s.url ?? (s.id.startsWith('feed/') && /^feed\/https?:/i.test(s.id) ? s.id.slice(5) : null);
        if (!url) return [];
        const category = s.categories?.find((c) => c.id.includes('/label/'));
        if (category && !folders.has(category.id)) folders.set(category.id, category.label ?? labelOf(category.id));
        return [{ remoteId: s.id, title: s.title?.trim() || url, url, siteUrl: s.htmlUrl || null, folderRemoteId: category?.id ?? null }];
      });
      return ok({ folders: [...folders].map(([remoteId, title]) => ({ remoteId, title })), feeds });
    },

    async itemPage(since, continuation) {
      const query: Array<[string, string]> = [['n', String(itemsPerPage)]];
      if (since !== null) query.push(['ot', String(since)]);
      if (continuation) query.push(['c', continuation]);
      const page = await getJson(`stream/contents/${READING_LIST}`, query, StreamSchema, 'list of articles');
      if (!page.ok) return page;
      const items = page.value.items.flatMap((raw) => toItem(raw) ?? []);
      const next = page.value.continuation || null;
      return ok({ items, next: next && next !== continuation && page.value.items.length > 0 ? next : null });
    },

    async unreadCounts() {
      const answer = await getJson('unread-count', [], UnreadCountSchema, 'unread counts');
      if (!answer.ok) return answer;
      const counts = new Map<string, number>();
      for (const entry of answer.value.unreadcounts) {
        const n = Number(entry.count ?? 0);
        if (entry.id.startsWith('feed/') && Number.isFinite(n)) counts.set(entry.id, n);
      }
      return ok(counts);
    },

    async itemCount() {
      const all = await ids([['s', READING_LIST]]);
      return all.ok ? ok(all.value.size) : all;
    },
    unreadIds: () => ids([['s', READING_LIST], ['xt', READ_TAG]]),
    starredIds: () => ids([['s', STARRED_TAG]]),

    async itemsByIds(itemIds) {
      const items: RemoteItem[] = [];
      for (let i = 0; i < itemIds.length; i += IDS_PER_EDIT) {
        const form = itemIds.slice(i, i + IDS_PER_EDIT).map((id): [string, string] => ['i', longItemId(id)]);
        const answer = await call({ method: 'POST', path: `${API}/stream/items/contents`, query: [['output', 'json']], form });
        if (!answer.ok) return answer;
        const page = parseJson(StreamSchema, answer.value.body, 'articles');
        if (!page.ok) return page;
        items.push(...page.value.items.flatMap((raw) => toItem(raw) ?? []));
      }
      return ok(items);
    },

    push({ change, itemIds }) {
      const tag: [string, string] =
        change === 'read' ? ['a', READ_TAG] : change === 'unread' ? ['r', READ_TAG] : change === 'star' ? ['a', STARRED_TAG] : ['r', STARRED_TAG];
      return post('edit-tag', [...itemIds.map((id): [string, string] => ['i', longItemId(id)]), tag], `the ${change} change`);
    },

    async subscribe(url, folderTitle) {
      const answer = await call({ method: 'POST', path: `${API}/subscription/quickadd`, query: [['output', 'json']], form: [['quickadd', url]] });
      if (!answer.ok) return answer;
      const added = parseJson(QuickAddSchema, answer.value.body, 'answer to the subscription');
      if (!added.ok) return added;
      const streamId = added.value.streamId;
      if (!streamId || Number(added.value.numResults ?? 1) === 0) {
        return err({ kind: 'http', status: 400, message: `The server could not subscribe to ${url}${added.value.error ? `: ${added.value.error}` : '.'}` });
      }
      if (folderTitle) {
        const moved = await post('subscription/edit', [['ac', 'edit'], ['s', streamId], ['a', labelStreamId(folderTitle)]], 'the folder of the new subscription');
        if (!moved.ok) return moved;
      }
      return ok(streamId);
    },

    unsubscribe: (feedRemoteId) => post('subscription/edit', [['ac', 'unsubscribe'], ['s', feedRemoteId]], 'the unsubscription'),
    renameFeed: (feedRemoteId, title) => post('subscription/edit', [['ac', 'edit'], ['s', feedRemoteId], ['t', title]], 'the new name'),
    moveFeed(feedRemoteId, fromFolder, toFolderTitle) {
      const form: Array<[string, string]> = [['ac', 'edit'], ['s', feedRemoteId]];
      if (toFolderTitle) form.push(['a', labelStreamId(toFolderTitle)]);
      if (fromFolder) form.push(['r', fromFolder]);
      return post('subscription/edit', form, 'the move');
    },
    renameFolder: (folderRemoteId, title) => post('rename-tag', [['s', folderRemoteId], ['dest', labelStreamId(title)]], 'the folder name'),
  };
}
