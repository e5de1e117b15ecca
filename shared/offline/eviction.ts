/**
 * Which stored images to delete when the library is over its storage budget. Pure: the caller reads the rows and
 * deletes what comes back.
 *
 * Order: images whose article is gone, then images of read articles, then of unread ones; oldest stored first
 * within each group (retention removes old articles the same way). Images of starred articles are never planned:
 * a bookmark is kept whole, even over budget. Feed icons (`favicon:<feedId>`, no article) are never planned either:
 * they are a few KB per feed and the sidebar shows them.
 */
import { feedIdOfFaviconKey } from './favicon';

export interface EvictionImage {
  url: string;
  articleId: string;
  bytes: number;
  storedAt: number;
}

export interface EvictionArticleState {
  read: boolean;
  starred: boolean;
}

export interface EvictionInput {
  images: readonly EvictionImage[];
  /** State of the articles the images belong to; a missing article means it was deleted. */
  articles: ReadonlyMap<string, EvictionArticleState>;
  /** Bytes stored besides images (article text), counted against the budget but never planned. */
  otherBytes?: number;
  budgetBytes: number;
}

export interface EvictionPlan {
  /** Image URLs to delete, in the order chosen. */
  evict: string[];
  freedBytes: number;
  /** Stored bytes once the plan is carried out. */
  remainingBytes: number;
  /** Still over budget after the plan (only starred articles' images are left to blame). */
  overBudget: boolean;
}

function group(image: EvictionImage, articles: EvictionInput['articles']): number {
  if (feedIdOfFaviconKey(image.url) !== null) return -1;
  const article = articles.get(image.articleId);
  if (!article) return 0;
  if (article.starred) return -1;
  return article.read ? 1 : 2;
}

export function planEviction(input: EvictionInput): EvictionPlan {
  let total = input.otherBytes ?? 0;
  for (const image of input.images) total += image.bytes;
  if (total <= input.budgetBytes) return { evict: [], freedBytes: 0, remainingBytes: total, overBudget: false };

  const candidates = input.images
    .map((image) => ({ image, group: group(image, input.articles) }))
    .filter((entry) => entry.group >= 0)
    .sort((a, b) => a.group - b.group || a.image.storedAt - b.image.storedAt || a.image.url.localeCompare(b.image.url));
  const evict: string[] = [];
  let freed = 0;
  for (const { image } of candidates) {
    if (total - freed <= input.budgetBytes) break;
    evict.push(image.url);
    freed += image.bytes;
  }
  const remaining = total - freed;
  return { evict, freedBytes: freed, remainingBytes: remaining, overBudget: remaining > input.budgetBytes };
}
