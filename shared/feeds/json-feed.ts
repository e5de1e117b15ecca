/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read defensively: every field is checked before use. */
import { parseDate } from './dates';
import { FeedParseError } from './errors';
import { addCategory, addEnclosure, finishItem, joinNames, MAX_ITEMS, newItem, type ParseContext } from './items';
import { collapseWhitespace, htmlToText, textToHtml } from './text';
import type { ParsedFeed, ParsedItem } from './types';
import { resolveUrl } from './urls';
import { coded } from '../i18n/errors';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function authorNames(source: Json): string[] {
  const names: string[] = [];
  const list = Array.isArray(source.authors) ? source.authors : isObject(source.author) ? [source.author] : [];
  for (const author of list) {
    if (isObject(author)) {
      const name = str(author.name);
      if (name) names.push(name);
    } else if (typeof author === 'string') names.push(author);
  }
  return names;
}

function readItem(raw: Json, ctx: ParseContext, siteUrl: string | undefined, feedAuthor: string | undefined): ParsedItem {
  const item = newItem();
  const base = siteUrl ?? ctx.feedUrl;
  const id = raw.id;
  if (typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) item.guid = String(id);
  const url = resolveUrl(str(raw.url), ctx.feedUrl) ?? resolveUrl(str(raw.external_url), ctx.feedUrl);
  if (url !== undefined) item.url = url;
  const title = str(raw.title);
  if (title !== undefined) item.title = htmlToText(title);
  const author = joinNames(authorNames(raw)) ?? feedAuthor;
  if (author !== undefined) item.author = author;
  const summary = str(raw.summary);
  if (summary !== undefined) item.summary = textToHtml(summary);
  const html = str(raw.content_html);
  const text = str(raw.content_text);
  if (html !== undefined) item.content = html;
  else if (text !== undefined) item.content = textToHtml(text);
  const published = parseDate(str(raw.date_published), ctx.now);
  if (published !== undefined) item.published = published;
  const updated = parseDate(str(raw.date_modified), ctx.now);
  if (updated !== undefined) item.updated = updated;
  if (Array.isArray(raw.tags)) for (const tag of raw.tags) if (typeof tag === 'string') addCategory(item.categories, tag);
  if (Array.isArray(raw.attachments)) {
    for (const attachment of raw.attachments) {
      if (!isObject(attachment)) continue;
      const size = attachment.size_in_bytes;
      addEnclosure(item, resolveUrl(str(attachment.url), base), str(attachment.mime_type), typeof size === 'number' ? size : undefined);
    }
  }
  const image = resolveUrl(str(raw.image), base) ?? resolveUrl(str(raw.banner_image), base);
  if (image !== undefined) item.imageUrl = image;
  return finishItem(item, item.url ?? base);
}

export function isJsonFeedVersion(value: unknown): boolean {
  return typeof value === 'string' && /^https?:\/\/jsonfeed\.org\/version\/1(\.\d+)?\/?$/i.test(value.trim());
}

export function readJsonFeed(text: string, ctx: ParseContext): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) throw new FeedParseError('too-deep', coded('errors.feed.jsonTooDeep', 'This JSON document is nested too deeply to read.'));
    throw new FeedParseError('not-a-feed', coded('errors.feed.notXmlOrJson', 'This document is neither XML nor valid JSON, so it is not a feed.'));
  }
  if (!isObject(data) || !isJsonFeedVersion(data.version)) {
    throw new FeedParseError('not-a-feed', coded('errors.feed.notJsonFeed', 'This JSON document is not a JSON Feed (no jsonfeed.org version).'));
  }
  const feed: ParsedFeed = { format: 'json', title: htmlToText(str(data.title) ?? ''), items: [] };
  const siteUrl = resolveUrl(str(data.home_page_url), ctx.feedUrl);
  if (siteUrl !== undefined) feed.siteUrl = siteUrl;
  const selfUrl = resolveUrl(str(data.feed_url), ctx.feedUrl);
  if (selfUrl !== undefined) feed.selfUrl = selfUrl;
  const description = str(data.description);
  if (description !== undefined && collapseWhitespace(description) !== '') feed.description = htmlToText(description);
  const language = str(data.language);
  if (language) feed.language = language.trim();
  const image = resolveUrl(str(data.icon), ctx.feedUrl) ?? resolveUrl(str(data.favicon), ctx.feedUrl);
  if (image !== undefined) feed.imageUrl = image;
  const feedAuthor = joinNames(authorNames(data));
  const items = Array.isArray(data.items) ? data.items : [];
  const count = Math.min(items.length, MAX_ITEMS);
  for (let i = 0; i < count; i++) {
    const raw: unknown = items[i];
    if (isObject(raw)) feed.items.push(readItem(raw, ctx, siteUrl, feedAuthor));
  }
  return feed;
}
