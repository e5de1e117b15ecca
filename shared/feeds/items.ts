/** Pieces shared by the RSS, Atom and JSON Feed readers: building items the same way whatever the format. */
import { resolveHtmlUrls } from './html-urls';
import { collapseWhitespace, htmlToText } from './text';
import type { ParsedItem } from './types';
import { resolveUrl, urlResolver } from './urls';
import { MAX_KEPT_ENTRIES, textOf, type XmlElement } from './xml-tree';

/**
 * More items than this in one feed is a generated or hostile document; the rest are ignored (and the tree builder
 * does not even keep them).
 */
export const MAX_ITEMS = MAX_KEPT_ENTRIES;

export interface ParseContext {
  feedUrl: string;
  /** Fetch time, for the future-date clamp. */
  now: number;
}

export function newItem(): ParsedItem {
  return { categories: [], enclosures: [] };
}

/** Adds a category (an item's or a feed's) once, whitespace collapsed; empty ones are dropped. */
export function addCategory(categories: string[], raw: string | undefined): void {
  if (raw === undefined) return;
  const value = collapseWhitespace(raw);
  if (value !== '' && !categories.includes(value)) categories.push(value);
}

/** iTunes categories name themselves in `text` and nest (`Technology` › `Podcasting`): each level is a category. */
export function addItunesCategories(categories: string[], element: XmlElement): void {
  addCategory(categories, element.attrs.text);
  for (const child of element.children) {
    if (typeof child !== 'string' && child.ns === 'itunes' && child.name === 'category') addItunesCategories(categories, child);
  }
}

export function addEnclosure(item: ParsedItem, url: string | undefined, type?: string, length?: string | number): void {
  if (url === undefined || item.enclosures.some((e) => e.url === url)) return;
  const enclosure: ParsedItem['enclosures'][number] = { url };
  const cleanType = type?.trim();
  if (cleanType) enclosure.type = cleanType;
  const size = typeof length === 'number' ? length : length !== undefined ? Number(length.trim()) : NaN;
  if (Number.isFinite(size) && size > 0) enclosure.length = Math.floor(size);
  item.enclosures.push(enclosure);
}

/** RSS `author` is an e-mail with an optional name: `jane@example.com (Jane Doe)` or `Jane Doe <jane@example.com>`. */
export function nameFromRssAuthor(raw: string): string {
  const value = collapseWhitespace(raw);
  const paren = /^\S+@\S+\s*\((.+)\)$/.exec(value);
  if (paren?.[1]) return paren[1].trim();
  const angle = /^(.+?)\s*<[^>]*@[^>]*>$/.exec(value);
  if (angle?.[1]) return angle[1].replace(/^["']|["']$/g, '').trim();
  const mailto = /^mailto:(.+)$/i.exec(value);
  return mailto?.[1] ?? value;
}

export function joinNames(names: string[]): string | undefined {
  const unique: string[] = [];
  for (const name of names) {
    const clean = collapseWhitespace(name);
    if (clean !== '' && !unique.includes(clean)) unique.push(clean);
  }
  return unique.length > 0 ? unique.join(', ') : undefined;
}

function isImage(type: string | undefined, medium: string | undefined, url: string): boolean {
  if (medium) return medium === 'image';
  if (type) return type.startsWith('image/');
  return /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i.test(url);
}

/** The texts Media RSS gives an item, for its fields the item's own elements leave empty. */
export interface MediaTexts {
  /** media:description, HTML-ish text. */
  description?: string;
  /** media:title, plain text. */
  title?: string;
}

/**
 * Media RSS: media:content, media:thumbnail, media:group, media:category, media:title and media:description (the first
 * of each kept in `texts`), at the item's level or inside a group or content.
 */
export function readMedia(element: XmlElement, item: ParsedItem, base: string, texts: MediaTexts): void {
  const visit = (el: XmlElement): void => {
    const url = resolveUrl(el.attrs.url, el.base ?? base);
    switch (el.name) {
      case 'content': {
        if (url === undefined) break;
        const type = el.attrs.type;
        if (isImage(type, el.attrs.medium, url)) {
          item.imageUrl ??= url;
          break;
        }
        addEnclosure(item, url, type, el.attrs.filesize);
        break;
      }
      case 'thumbnail':
        if (url !== undefined) item.imageUrl ??= url;
        break;
      case 'description':
        texts.description ??= textOf(el);
        break;
      case 'title':
        texts.title ??= (el.attrs.type ?? '').toLowerCase() === 'html' ? htmlToText(textOf(el)) : collapseWhitespace(textOf(el));
        break;
      case 'category':
        addCategory(item.categories, textOf(el));
        break;
      default:
        break;
    }
    if (el.name === 'group' || el.name === 'content') {
      for (const child of el.children) if (typeof child !== 'string' && child.ns === 'media') visit(child);
    }
  };
  visit(element);
}

/** Trims HTML fields, drops empty ones, and resolves relative URLs inside content. */
export function finishItem(item: ParsedItem, htmlBase: string | undefined): ParsedItem {
  // One resolver for both fields: the base is parsed once per item.
  const resolve = urlResolver(htmlBase);
  if (item.summary !== undefined) {
    const summary = item.summary.trim();
    item.summary = summary === '' ? undefined : resolveHtmlUrls(summary, htmlBase, resolve);
    if (item.summary === undefined) delete item.summary;
  }
  if (item.content !== undefined) {
    const content = item.content.trim();
    if (content === '') delete item.content;
    else item.content = resolveHtmlUrls(content, htmlBase, resolve);
  }
  if (item.title === '') delete item.title;
  if (item.guid !== undefined) {
    const guid = item.guid.trim();
    if (guid === '') delete item.guid;
    else item.guid = guid;
  }
  return item;
}
