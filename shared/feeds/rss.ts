/** RSS 0.90–0.94, 2.0 and RSS 1.0 (RDF), with the content, dc, dcterms, atom, media, itunes and slash extensions. */
import { parseDate } from './dates';
import {
  addCategory, addEnclosure, addItunesCategories, finishItem, joinNames, MAX_ITEMS, nameFromRssAuthor, newItem, readMedia,
  type MediaTexts, type ParseContext,
} from './items';
import { collapseWhitespace, htmlToText } from './text';
import type { ParsedFeed, ParsedItem } from './types';
import { isWebUrl, resolveUrl } from './urls';
import { htmlOf, innerHtml, isKnownNamespace, textOf, type XmlElement } from './xml-tree';

/**
 * The root's namespace when it is one we do not know (`<rss xmlns="http://example.com/…">`, `<x:rss xmlns:x="…">`):
 * the feed's own elements then carry it. 'rss' otherwise.
 */
function ownNamespace(root: XmlElement): string {
  return root.ns === '' || isKnownNamespace(root.ns) ? 'rss' : root.ns;
}

/** One of the feed's own elements: no namespace, an RSS one, or the root's own. */
function isRss(el: XmlElement, ownNs: string): boolean {
  return el.ns === '' || el.ns === 'rss' || el.ns === ownNs;
}

/** RSS 0.90 is RDF in form, under its own namespace (my.netscape.com/rdf/simple/0.9). */
function isRss090(el: XmlElement): boolean {
  for (const key in el.attrs) {
    if (key.startsWith('xmlns') && el.attrs[key]!.includes('my.netscape.com/rdf/simple/0.9')) return true;
  }
  return false;
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

function readItem(el: XmlElement, ownNs: string, ctx: ParseContext, siteUrl: string | undefined, feedAuthor: string | undefined): ParsedItem {
  const item = newItem();
  const linkBase = siteUrl ?? ctx.feedUrl;
  const links: ItemLinks = {};
  const creators: string[] = [];
  let rssAuthor: string | undefined;
  let atomAuthor: string | undefined;
  let itunesAuthor: string | undefined;
  let dcTitle: string | undefined;
  let fallbackSummary: string | undefined;
  // The body: content:encoded, xhtml:body or (Netscape's) fullitem, whichever comes first; description is the summary
  // wherever it stands.
  let contentEl: XmlElement | undefined;
  let summaryEl: XmlElement | undefined;
  let pubDate: string | undefined;
  let createdDate: string | undefined;
  let dcDate: string | undefined;
  let itunesImage: string | undefined;
  const media: MediaTexts = {};

  for (const child of elementsOf(el)) {
    const name = child.name;
    if (isRss(child, ownNs)) {
      switch (name) {
        case 'title': item.title = htmlToText(textOf(child)); break;
        case 'link': links.link ??= child; break;
        case 'description': summaryEl ??= child; break;
        case 'fullitem': contentEl ??= child; break;
        case 'guid': links.guid ??= child; break;
        case 'author': {
          // An empty <author/> names nobody: it does not hide a dc:creator.
          const name = nameFromRssAuthor(textOf(child));
          if (name !== '') rssAuthor ??= name;
          break;
        }
        case 'category': addCategory(item.categories, textOf(child)); break;
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
      case 'xhtml':
        if (name === 'body') contentEl ??= child;
        break;
      case 'dc':
        if (name === 'creator' || name === 'author' || name === 'contributor') creators.push(textOf(child));
        else if (name === 'date') dcDate ??= textOf(child);
        else if (name === 'subject') addCategory(item.categories, textOf(child));
        else if (name === 'title') dcTitle ??= textOf(child);
        else if (name === 'description') fallbackSummary ??= htmlOf(child);
        break;
      case 'dcterms':
        if (name === 'created' || name === 'issued') createdDate ??= textOf(child);
        else if (name === 'modified') item.updated ??= parseDate(textOf(child), ctx.now);
        break;
      case 'atom':
        if (name === 'link') {
          const rel = (child.attrs.rel ?? 'alternate').toLowerCase();
          const href = resolveUrl(child.attrs.href, child.base ?? linkBase);
          if (rel === 'alternate') links.atomLink ??= href;
          else if (rel === 'enclosure') addEnclosure(item, href, child.attrs.type, child.attrs.length);
        } else if (name === 'updated') item.updated ??= parseDate(textOf(child), ctx.now);
        else if (name === 'published') createdDate ??= textOf(child);
        else if (name === 'author') {
          const nameEl = elementsOf(child).find((c) => c.name === 'name');
          atomAuthor ??= nameEl ? textOf(nameEl) : textOf(child);
        }
        break;
      case 'media':
        readMedia(child, item, child.base ?? linkBase, media);
        fallbackSummary ??= media.description;
        break;
      case 'itunes':
        if (name === 'author') itunesAuthor ??= textOf(child);
        else if (name === 'category') addItunesCategories(item.categories, child);
        else if (name === 'image') itunesImage ??= resolveUrl(child.attrs.href ?? textOf(child), child.base ?? linkBase);
        else if (name === 'summary') fallbackSummary ??= textOf(child);
        break;
      default:
        break;
    }
  }

  if (!item.title && dcTitle !== undefined) item.title = htmlToText(dcTitle);
  if (!item.title && media.title) item.title = media.title;
  if (links.guid) item.guid = collapseWhitespace(textOf(links.guid));
  item.guid ??= el.attrs['rdf:about'] ?? el.attrs.about;

  let url = links.link ? resolveUrl(textOf(links.link) || links.link.attrs['rdf:resource'], links.link.base ?? linkBase) : undefined;
  url ??= links.atomLink;
  if (url === undefined && links.guid && (links.guid.attrs.ispermalink ?? 'true').toLowerCase() !== 'false') {
    const guidUrl = resolveUrl(item.guid, undefined);
    if (guidUrl !== undefined && isWebUrl(guidUrl)) url = guidUrl;
  }
  if (url !== undefined) item.url = url;

  // <author> is the item's own; Dublin Core, Atom and iTunes names stand in when it is absent.
  const author = rssAuthor ?? joinNames(creators) ?? atomAuthor ?? itunesAuthor ?? feedAuthor;
  if (author !== undefined && collapseWhitespace(author) !== '') item.author = collapseWhitespace(author);

  if (summaryEl) item.summary = htmlOf(summaryEl);
  else if (fallbackSummary !== undefined) item.summary = fallbackSummary;
  // An xhtml:body is the XHTML itself (its text is text); the others carry HTML escaped or in CDATA.
  if (contentEl) item.content = contentEl.ns === 'xhtml' ? innerHtml(contentEl) : htmlOf(contentEl);

  const published = parseDate(pubDate ?? dcDate ?? createdDate, ctx.now);
  if (published !== undefined) item.published = published;
  // dc:date is when the item was last changed (Dublin Core's "date of an event in the lifecycle").
  if (item.updated === undefined && dcDate !== undefined) item.updated = parseDate(dcDate, ctx.now);
  if (item.updated === undefined) delete item.updated;
  if (item.imageUrl === undefined && itunesImage !== undefined) item.imageUrl = itunesImage;

  const htmlBase = (contentEl ?? summaryEl)?.base ?? url ?? siteUrl ?? ctx.feedUrl;
  return finishItem(item, htmlBase);
}

/** Reads an `rss` or `rdf:RDF` root. */
export function readRss(root: XmlElement, format: 'rss' | 'rdf', ctx: ParseContext): ParsedFeed {
  const ownNs = ownNamespace(root);
  const rootChildren = elementsOf(root);
  const channel = rootChildren.find((c) => isRss(c, ownNs) && c.name === 'channel') ?? (root.name === 'channel' ? root : undefined);
  const channelChildren = channel && channel !== root ? elementsOf(channel) : [];

  const feed: ParsedFeed = { format: format === 'rdf' && (isRss090(root) || (channel !== undefined && isRss090(channel))) ? 'rss' : format, title: '', items: [] };
  const categories: string[] = [];
  let itunesSubtitle: string | undefined;
  let itunesSummary: string | undefined;
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
    if (isRss(child, ownNs)) {
      switch (name) {
        case 'item': itemEls.push(child); break;
        case 'category': addCategory(categories, textOf(child)); break;
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
      else if (name === 'subject') addCategory(categories, textOf(child));
    } else if (child.ns === 'itunes') {
      if (name === 'image') itunesImage ??= resolveUrl(child.attrs.href ?? textOf(child), child.base ?? ctx.feedUrl);
      else if (name === 'author') authors.push(textOf(child));
      else if (name === 'subtitle') itunesSubtitle ??= textOf(child);
      else if (name === 'summary') itunesSummary ??= textOf(child);
      else if (name === 'category') addItunesCategories(categories, child);
    } else if (child.ns === 'media' && name === 'category') {
      addCategory(categories, textOf(child));
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
  // A podcast's one-line subtitle stands in for a missing description before its longer summary does.
  for (const candidate of [description, itunesSubtitle, itunesSummary]) {
    const text = candidate === undefined ? '' : htmlToText(candidate);
    if (text !== '') {
      feed.description = text;
      break;
    }
  }
  if (categories.length > 0) feed.categories = categories;
  const xmlLang = channel?.attrs['xml:lang'] ?? root.attrs['xml:lang'];
  if (feed.language === undefined && xmlLang !== undefined) feed.language = collapseWhitespace(xmlLang) || undefined;
  const image = imageUrl ?? itunesImage;
  if (image !== undefined) feed.imageUrl = image;
  if (feed.language === undefined) delete feed.language;
  if (feed.selfUrl === undefined) delete feed.selfUrl;

  const feedAuthor = joinNames(authors);
  const count = Math.min(itemEls.length, MAX_ITEMS);
  for (let i = 0; i < count; i++) feed.items.push(readItem(itemEls[i]!, ownNs, ctx, siteUrl, feedAuthor));
  return feed;
}
