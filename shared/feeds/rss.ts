/** RSS 0.90–0.94, 2.0 and RSS 1.0 (RDF), with the content, dc, dcterms, atom, media, itunes and slash extensions. */
import { parseDate } from './dates';
import {
  addCategory, addEnclosure, finishItem, joinNames, MAX_ITEMS, nameFromRssAuthor, newItem, readMedia, type ParseContext,
} from './items';
import { collapseWhitespace, htmlToText } from './text';
import type { ParsedFeed, ParsedItem } from './types';
import { isWebUrl, resolveUrl } from './urls';
import { htmlOf, textOf, type XmlElement } from './xml-tree';

function isRss(el: XmlElement): boolean {
  return el.ns === '' || el.ns === 'rss';
}

function elementsOf(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of el.children) if (typeof child !== 'string') out.push(child);
  return out;
}

interface ItemLinks {
  link?: XmlElement;
  atomLink?: string;
  guid?: XmlElement;
}

function readItem(el: XmlElement, ctx: ParseContext, siteUrl: string | undefined, feedAuthor: string | undefined): ParsedItem {
  const item = newItem();
  const linkBase = siteUrl ?? ctx.feedUrl;
  const links: ItemLinks = {};
  const creators: string[] = [];
  let rssAuthor: string | undefined;
  let atomAuthor: string | undefined;
  let itunesAuthor: string | undefined;
  let dcTitle: string | undefined;
  let fallbackSummary: string | undefined;
  let contentEl: XmlElement | undefined;
  let summaryEl: XmlElement | undefined;
  let pubDate: string | undefined;
  let dcDate: string | undefined;
  let itunesImage: string | undefined;

  for (const child of elementsOf(el)) {
    const name = child.name;
    if (isRss(child)) {
      switch (name) {
        case 'title': item.title = htmlToText(textOf(child)); break;
        case 'link': links.link ??= child; break;
        case 'description': summaryEl ??= child; break;
        case 'guid': links.guid ??= child; break;
        case 'author': rssAuthor ??= nameFromRssAuthor(textOf(child)); break;
        case 'category': addCategory(item, textOf(child)); break;
        case 'enclosure':
          addEnclosure(item, resolveUrl(child.attrs.url, child.base ?? linkBase), child.attrs.type, child.attrs.length);
          break;
        case 'pubdate': pubDate ??= textOf(child); break;
        default: break;
      }
      continue;
    }
    switch (child.ns) {
      case 'content':
        if (name === 'encoded') contentEl ??= child;
        break;
      case 'dc':
        if (name === 'creator' || name === 'contributor') creators.push(textOf(child));
        else if (name === 'date') dcDate ??= textOf(child);
        else if (name === 'subject') addCategory(item, textOf(child));
        else if (name === 'title') dcTitle ??= textOf(child);
        else if (name === 'description') fallbackSummary ??= htmlOf(child);
        break;
      case 'dcterms':
        if (name === 'created' || name === 'issued') dcDate ??= textOf(child);
        else if (name === 'modified') item.updated ??= parseDate(textOf(child), ctx.now);
        break;
      case 'atom':
        if (name === 'link') {
          const rel = (child.attrs.rel ?? 'alternate').toLowerCase();
          const href = resolveUrl(child.attrs.href, child.base ?? linkBase);
          if (rel === 'alternate') links.atomLink ??= href;
          else if (rel === 'enclosure') addEnclosure(item, href, child.attrs.type, child.attrs.length);
        } else if (name === 'updated') item.updated ??= parseDate(textOf(child), ctx.now);
        else if (name === 'published') dcDate ??= textOf(child);
        else if (name === 'author') {
          const nameEl = elementsOf(child).find((c) => c.name === 'name');
          atomAuthor ??= nameEl ? textOf(nameEl) : textOf(child);
        }
        break;
      case 'media': {
        const description = readMedia(child, item, child.base ?? linkBase);
        fallbackSummary ??= description;
        break;
      }
      case 'itunes':
        if (name === 'author') itunesAuthor ??= textOf(child);
        else if (name === 'image') itunesImage ??= resolveUrl(child.attrs.href ?? textOf(child), child.base ?? linkBase);
        else if (name === 'summary') fallbackSummary ??= textOf(child);
        break;
      default:
        break;
    }
  }

  if (item.title === undefined && dcTitle !== undefined) item.title = htmlToText(dcTitle);
  if (links.guid) item.guid = collapseWhitespace(textOf(links.guid));
  item.guid ??= el.attrs['rdf:about'] ?? el.attrs.about;

  let url = links.link ? resolveUrl(textOf(links.link) || links.link.attrs['rdf:resource'], links.link.base ?? linkBase) : undefined;
  url ??= links.atomLink;
  if (url === undefined && links.guid && (links.guid.attrs.ispermalink ?? 'true').toLowerCase() !== 'false') {
    const guidUrl = resolveUrl(item.guid, undefined);
    if (guidUrl !== undefined && isWebUrl(guidUrl)) url = guidUrl;
  }
  if (url !== undefined) item.url = url;

  const author = joinNames(creators) ?? rssAuthor ?? atomAuthor ?? itunesAuthor ?? feedAuthor;
  if (author !== undefined && collapseWhitespace(author) !== '') item.author = collapseWhitespace(author);

  if (summaryEl) item.summary = htmlOf(summaryEl);
  else if (fallbackSummary !== undefined) item.summary = fallbackSummary;
  if (contentEl) item.content = htmlOf(contentEl);

  const published = parseDate(pubDate ?? dcDate, ctx.now);
  if (published !== undefined) item.published = published;
  if (item.updated === undefined) delete item.updated;
  if (item.imageUrl === undefined && itunesImage !== undefined) item.imageUrl = itunesImage;

  const htmlBase = (contentEl ?? summaryEl)?.base ?? url ?? siteUrl ?? ctx.feedUrl;
  return finishItem(item, htmlBase);
}

/** Reads an `rss` or `rdf:RDF` root. */
export function readRss(root: XmlElement, format: 'rss' | 'rdf', ctx: ParseContext): ParsedFeed {
  const rootChildren = elementsOf(root);
  const channel = rootChildren.find((c) => isRss(c) && c.name === 'channel') ?? (root.name === 'channel' ? root : undefined);
  const channelChildren = channel && channel !== root ? elementsOf(channel) : [];

  const feed: ParsedFeed = { format, title: '', items: [] };
  let siteLink: XmlElement | undefined;
  let atomAlternate: string | undefined;
  let imageUrl: string | undefined;
  let itunesImage: string | undefined;
  let description: string | undefined;
  let dcTitle: string | undefined;
  const authors: string[] = [];
  const itemEls: XmlElement[] = [];

  const readImage = (image: XmlElement): void => {
    const urlEl = elementsOf(image).find((c) => c.name === 'url');
    const raw = urlEl ? textOf(urlEl) : image.attrs['rdf:resource'] ?? image.attrs.about;
    imageUrl ??= resolveUrl(raw, (urlEl ?? image).base ?? ctx.feedUrl);
  };

  for (const child of [...channelChildren, ...rootChildren]) {
    const name = child.name;
    if (isRss(child)) {
      switch (name) {
        case 'item': itemEls.push(child); break;
        case 'title': if (feed.title === '') feed.title = htmlToText(textOf(child)); break;
        case 'link': siteLink ??= child; break;
        case 'description': description ??= textOf(child); break;
        case 'language': feed.language ??= collapseWhitespace(textOf(child)) || undefined; break;
        case 'ttl': {
          const ttl = Number(textOf(child).trim());
          if (Number.isFinite(ttl) && ttl > 0) feed.ttlMinutes ??= Math.round(ttl);
          break;
        }
        case 'image': readImage(child); break;
        case 'managingeditor': break;
        default: break;
      }
      continue;
    }
    if (child.ns === 'atom' && name === 'link') {
      const rel = (child.attrs.rel ?? 'alternate').toLowerCase();
      const href = resolveUrl(child.attrs.href, child.base ?? ctx.feedUrl);
      if (rel === 'self') feed.selfUrl ??= href;
      else if (rel === 'alternate') atomAlternate ??= href;
    } else if (child.ns === 'dc') {
      if (name === 'language') feed.language ??= collapseWhitespace(textOf(child)) || undefined;
      else if (name === 'title') dcTitle ??= textOf(child);
      else if (name === 'creator') authors.push(textOf(child));
    } else if (child.ns === 'itunes') {
      if (name === 'image') itunesImage ??= resolveUrl(child.attrs.href ?? textOf(child), child.base ?? ctx.feedUrl);
      else if (name === 'author') authors.push(textOf(child));
      else if (name === 'summary') description ??= textOf(child);
    } else if (child.ns === 'atom' && name === 'author') {
      const nameEl = elementsOf(child).find((c) => c.name === 'name');
      authors.push(nameEl ? textOf(nameEl) : textOf(child));
    }
  }

  if (feed.title === '' && dcTitle !== undefined) feed.title = htmlToText(dcTitle);
  const site = siteLink
    ? resolveUrl(textOf(siteLink) || siteLink.attrs['rdf:resource'] || siteLink.attrs.href, siteLink.base ?? ctx.feedUrl)
    : undefined;
  const siteUrl = site ?? atomAlternate;
  if (siteUrl !== undefined) feed.siteUrl = siteUrl;
  if (description !== undefined) {
    const text = htmlToText(description);
    if (text !== '') feed.description = text;
  }
  const image = imageUrl ?? itunesImage;
  if (image !== undefined) feed.imageUrl = image;
  if (feed.language === undefined) delete feed.language;
  if (feed.selfUrl === undefined) delete feed.selfUrl;

  const feedAuthor = joinNames(authors);
  const count = Math.min(itemEls.length, MAX_ITEMS);
  for (let i = 0; i < count; i++) feed.items.push(readItem(itemEls[i]!, ctx, siteUrl, feedAuthor));
  return feed;
}
