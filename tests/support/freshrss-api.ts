/**
 * A FreshRSS spoken to directly with fetch, as another device would (not through Broadsheet's clients), and feeds
 * published on the project's feed server for it to fetch. Shared by the unit and end-to-end account tests.
 */
import { createHash } from 'node:crypto';
import type { FeedServer } from './feed-server';
import { rssXml } from './feed-server';
import type { FreshRss } from './freshrss';

/** Publishes a feed of `count` items (newest first, an hour apart) at `path` on the feed server. */
export function publish(feeds: FeedServer, path: string, title: string, count: number, from = 0): string {
  const items = Array.from({ length: count }, (_, i) => {
    const n = from + count - i;
    return { title: `${title} ${n}`, link: `${feeds.origin}${path}/posts/${n}`, guid: `${path}-${n}`, pubDate: new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toUTCString() };
  });
  feeds.setFeed(path, rssXml({ title, link: `${feeds.origin}${path}/`, items }));
  return feeds.url(path);
}

/** The Google Reader API of the server, spoken directly with fetch: another device's view of the account. */
export async function rawGReader(server: FreshRss) {
  const login = await fetch(`${server.greaderUrl}/accounts/ClientLogin`, {
    method: 'POST',
    body: new URLSearchParams({ Email: server.user, Passwd: server.apiPassword }),
  });
  const auth = /Auth=(.+)/.exec(await login.text())?.[1]?.trim() ?? '';
  const headers = { Authorization: `GoogleLogin auth=${auth}` };
  const token = (await (await fetch(`${server.greaderUrl}/reader/api/0/token`, { headers })).text()).trim();
  const get = async (path: string) => (await fetch(`${server.greaderUrl}/reader/api/0/${path}`, { headers })).json() as Promise<Record<string, unknown>>;
  const post = async (path: string, form: Array<[string, string]>) => {
    const body = new URLSearchParams([...form, ['T', token]]);
    return (await fetch(`${server.greaderUrl}/reader/api/0/${path}`, { method: 'POST', headers, body })).text();
  };
  const ids = async (query: string) => {
    const page = (await get(`stream/items/ids?output=json&n=10000&${query}`)) as { itemRefs?: Array<{ id: string }> };
    return new Set((page.itemRefs ?? []).map((r) => BigInt(r.id).toString(16).padStart(16, '0')));
  };
  return {
    get,
    post,
    unread: () => ids('s=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read'),
    starred: () => ids('s=user/-/state/com.google/starred'),
    subscriptions: async () =>
      ((await get('subscription/list?output=json')) as { subscriptions: Array<{ id: string; title: string; url: string; categories: Array<{ label: string }> }> }).subscriptions,
    labels: async () => ((await get('tag/list?output=json')) as { tags: Array<{ id: string }> }).tags.map((t) => t.id).filter((id) => id.includes('/label/')),
  };
}

/** The Fever API of the server, spoken directly with fetch. */
export function rawFever(server: FreshRss) {
  const apiKey = createHash('md5').update(`${server.user}:${server.apiPassword}`).digest('hex');
  const call = async (query: string, form: Record<string, string> = {}) => {
    const response = await fetch(`${server.feverUrl}?api&${query}`, { method: 'POST', body: new URLSearchParams({ api_key: apiKey, ...form }) });
    return response.json() as Promise<Record<string, unknown>>;
  };
  const idSet = (value: unknown) => new Set(String(value ?? '').split(',').filter(Boolean));
  return {
    call,
    unread: async () => idSet((await call('unread_item_ids')).unread_item_ids),
    saved: async () => idSet((await call('saved_item_ids')).saved_item_ids),
    mark: (as: string, id: string) => call('', { mark: 'item', as, id }),
  };
}

