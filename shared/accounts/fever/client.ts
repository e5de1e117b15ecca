/**
 * A Fever API client. Every call is a POST to `?api&…` with the api_key (md5 of `user:password`), which the host
 * adds. Fever pages items by id (`since_id`, 50 at a time), lists unread and saved ids as comma-separated text, and
 * marks one item per call. It has no calls to add, rename, move or remove subscriptions.
 */
import * as v from 'valibot';
import type { HostError, HostResult } from '../../host';
import { err, ok } from '../../result';
import type { AccountCall, ChangeBatch, RemoteItem, RemoteItemPage, RemoteSubscriptions } from '../remote';

/** What a Fever server returns per items call at most. */
export const FEVER_PAGE_SIZE = 50;

const id = v.pipe(v.union([v.number(), v.string()]), v.transform(String), v.regex(/^\d+$/));
const text = v.optional(v.nullable(v.string()));
const numberish = v.optional(v.nullable(v.union([v.number(), v.string()])));
const FeedsGroupsSchema = v.optional(v.nullable(v.array(v.looseObject({ group_id: id, feed_ids: v.union([v.string(), v.number()]) }))));
const GroupsSchema = v.looseObject({ groups: v.array(v.looseObject({ id, title: text })), feeds_groups: FeedsGroupsSchema });
const FeedsSchema = v.looseObject({
  feeds: v.array(v.looseObject({ id, title: text, url: text, site_url: text })),
  feeds_groups: FeedsGroupsSchema,
});
const ItemSchema = v.looseObject({
  id,
  feed_id: id,
  title: text,
  author: text,
  html: text,
  url: text,
  is_saved: numberish,
  is_read: numberish,
  created_on_time: numberish,
});
const ItemsSchema = v.looseObject({ items: v.optional(v.nullable(v.array(ItemSchema))), total_items: v.optional(v.nullable(v.union([v.number(), v.string()]))) });
const UnreadSchema = v.looseObject({ unread_item_ids: v.optional(v.nullable(v.union([v.string(), v.number()]))) });
const SavedSchema = v.looseObject({ saved_item_ids: v.optional(v.nullable(v.union([v.string(), v.number()]))) });

const malformed = (what: string): HostError => ({ kind: 'parse', message: `The server's ${what} could not be read (it may have been cut off).` });

function idList(value: string | number | null | undefined): Set<string> {
  return new Set(String(value ?? '').split(',').map((s) => s.trim()).filter((s) => /^\d+$/.test(s)));
}

function toItem(raw: v.InferOutput<typeof ItemSchema>): RemoteItem {
  const created = Number(raw.created_on_time ?? NaN);
  return {
    itemId: raw.id,
    feedRemoteId: raw.feed_id,
    title: raw.title ?? '',
    url: raw.url || null,
    author: raw.author || null,
    html: raw.html ?? '',
    published: Number.isFinite(created) && created > 0 ? created * 1000 : null,
    crawledAt: null,
    read: Number(raw.is_read ?? 0) === 1,
    starred: Number(raw.is_saved ?? 0) === 1,
    enclosures: [],
  };
}

/** Numeric order of decimal ids of any length (Fever ids may exceed 2^53 on some servers). */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export interface FeverClient {
  subscriptions(): Promise<HostResult<RemoteSubscriptions>>;
  /** The next items after `sinceId`, oldest first; `next` is the highest id of the page (null when none came). */
  itemPage(sinceId: string): Promise<HostResult<RemoteItemPage>>;
  unreadIds(): Promise<HostResult<Set<string>>>;
  starredIds(): Promise<HostResult<Set<string>>>;
  itemsByIds(itemIds: readonly string[]): Promise<HostResult<RemoteItem[]>>;
  push(batch: ChangeBatch): Promise<HostResult<null>>;
}

export function createFeverClient(call: AccountCall): FeverClient {
  async function get<T>(query: Array<[string, string]>, schema: v.GenericSchema<unknown, T>, what: string, form: Array<[string, string]> = []): Promise<HostResult<T>> {
    const answer = await call({ method: 'POST', path: '', query, form });
    if (!answer.ok) return answer;
    let value: unknown;
    try {
      value = JSON.parse(answer.value.body);
    } catch {
      return err(malformed(what));
    }
    const parsed = v.safeParse(schema, value);
    return parsed.success ? ok(parsed.output) : err(malformed(what));
  }

  return {
    async subscriptions() {
      const [groups, feeds] = await Promise.all([get([['groups', '']], GroupsSchema, 'list of groups'), get([['feeds', '']], FeedsSchema, 'list of feeds')]);
      if (!groups.ok) return groups;
      if (!feeds.ok) return feeds;
      const folderOf = new Map<string, string>();
      for (const link of feeds.value.feeds_groups ?? groups.value.feeds_groups ?? []) {
        for (const feedId of idList(link.feed_ids)) if (!folderOf.has(feedId)) folderOf.set(feedId, link.group_id);
      }
      return ok({
        folders: groups.value.groups.map((g) => ({ remoteId: g.id, title: g.title?.trim() || `Group ${g.id}` })),
        feeds: feeds.value.feeds.flatMap((f) =>
          f.url ? [{ remoteId: f.id, title: f.title?.trim() || f.url, url: f.url, siteUrl: f.site_url || null, folderRemoteId: folderOf.get(f.id) ?? null }] : [],
        ),
      });
    },

    async itemPage(sinceId) {
      const page = await get([['items', ''], ['since_id', sinceId]], ItemsSchema, 'list of articles');
      if (!page.ok) return page;
      const items = (page.value.items ?? []).map(toItem);
      const highest = items.reduce<string | null>((max, item) => (max === null || compareIds(item.itemId, max) > 0 ? item.itemId : max), null);
      const total = Number(page.value.total_items ?? NaN);
      return ok({ items, next: highest !== null && compareIds(highest, sinceId) > 0 ? highest : null, ...(Number.isFinite(total) && total >= 0 ? { total } : {}) });
    },

    async unreadIds() {
      const answer = await get([['unread_item_ids', '']], UnreadSchema, 'list of unread articles');
      return answer.ok ? ok(idList(answer.value.unread_item_ids)) : answer;
    },

    async starredIds() {
      const answer = await get([['saved_item_ids', '']], SavedSchema, 'list of saved articles');
      return answer.ok ? ok(idList(answer.value.saved_item_ids)) : answer;
    },

    async itemsByIds(itemIds) {
      const items: RemoteItem[] = [];
      for (let i = 0; i < itemIds.length; i += FEVER_PAGE_SIZE) {
        const page = await get([['items', ''], ['with_ids', itemIds.slice(i, i + FEVER_PAGE_SIZE).join(',')]], ItemsSchema, 'articles');
        if (!page.ok) return page;
        items.push(...(page.value.items ?? []).map(toItem));
      }
      return ok(items);
    },

    async push({ change, itemIds }) {
      const as = change === 'read' ? 'read' : change === 'unread' ? 'unread' : change === 'star' ? 'saved' : 'unsaved';
      for (const itemId of itemIds) {
        const answer = await call({ method: 'POST', path: '', form: [['mark', 'item'], ['as', as], ['id', itemId]] });
        if (!answer.ok) return answer;
      }
      return ok(null);
    },
  };
}
