/** Atom 1.0 and 0.3 (content modes escaped/base64/xml), with xml:base, media and itunes extensions. */
import { parseDate } from './dates';
import { charsetFromContentType } from './decode';
import { addCategory, addEnclosure, addItunesCategories, finishItem, joinNames, MAX_ITEMS, newItem, readMedia, type MediaTexts, type ParseContext } from './items';
import { collapseWhitespace, htmlToText, textToHtml } from './text';
import type { ParsedFeed, ParsedItem } from './types';
import { resolveUrl } from './urls';
import { hasElementChildren, innerHtml, htmlOf, isKnownNamespace, textOf, type XmlElement } from './xml-tree';

/** The root's namespace, when it is an old or made-up Atom namespace URI (else 'atom'): its elements are Atom too. */
function ownNamespace(root: XmlElement): string {
  return root.ns === '' || isKnownNamespace(root.ns) ? 'atom' : root.ns;
}

function isAtom(el: XmlElement, ownNs: string): boolean {
  return el.ns === 'atom' || el.ns === '' || el.ns === ownNs;
}

function elementsOf(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of el.children) if (typeof child !== 'string') out.push(child);
  return out;
}

/**
 * Base64 text as the characters it encodes (UTF-8 unless the media type names a charset); '' when it is not base64 or
 * not text in that charset (an image, say), which no reader can show.
 */
function decodeBase64(value: string, mediaType: string): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charsetFromContentType(mediaType) ?? 'utf-8', { fatal: true });
  } catch {
    decoder = new TextDecoder('utf-8', { fatal: true });
  }
  try {
    const binary = atob(value.replace(/\s+/g, ''));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return decoder.decode(bytes);
  } catch {
    return '';
  }
}

/** RFC 4287 4.1.3.3: content of a media type that is neither text/* nor XML is base64. */
function isBase64MediaType(type: string): boolean {
  return type.includes('/') && !type.startsWith('text/') && !type.endsWith('+xml') && !type.endsWith('/xml');
}

/**
 * An Atom text construct (title, subtitle, summary, rights) or content, as HTML or as plain text when its type says
 * text (the caller escapes it if it needs HTML). Atom 1.0 `type` (text, html, xhtml, a media type) and Atom 0.3 `mode`
 * (xml, escaped, base64) both decide.
 */
function textConstruct(el: XmlElement, isContent: boolean): { kind: 'html' | 'text'; value: string } {
  const rawType = el.attrs.type ?? '';
  const semicolon = rawType.indexOf(';');
  const type = (semicolon === -1 ? rawType : rawType.slice(0, semicolon)).trim().toLowerCase();
  const mode = (el.attrs.mode ?? '').trim().toLowerCase();
  const isText = type === 'text' || type === 'text/plain';
  if (mode === 'base64' || (isContent && mode === '' && isBase64MediaType(type))) {
    const decoded = decodeBase64(textOf(el), rawType);
    return type.includes('html') ? { kind: 'html', value: decoded } : { kind: 'text', value: decoded };
  }
  // Plain text, however it is written: escaped or in CDATA (`a &lt;b&gt; c`), or even as raw tags, is literal text.
  if (isText) return { kind: 'text', value: hasElementChildren(el) ? innerHtml(el, true) : textOf(el) };
  if (mode === 'escaped' || type === 'html' || type === 'text/html') return { kind: 'html', value: htmlOf(el) };
  if (type === 'xhtml' || type === 'application/xhtml+xml') {
    const elements = elementsOf(el);
    const only = elements.length === 1 ? elements[0] : undefined;
    const wrapper = only && only.name === 'div' && textOf(el).trim() === textOf(only).trim() ? only : el;
    return { kind: 'html', value: innerHtml(wrapper) };
  }
  // Atom 0.3 defaulted to inline XML: raw child elements mean HTML.
  if (hasElementChildren(el)) return { kind: 'html', value: innerHtml(el) };
  return { kind: 'text', value: textOf(el) };
}

function constructAsText(el: XmlElement): string {
  const construct = textConstruct(el, false);
  return construct.kind === 'html' ? htmlToText(construct.value) : collapseWhitespace(construct.value);
}

function constructAsHtml(el: XmlElement, isContent = false): string {
  const construct = textConstruct(el, isContent);
  return construct.kind === 'html' ? construct.value : textToHtml(construct.value);
}

/** An Atom category is its `term`; `label` is only how to show it, used when a category has no term. */
function categoryOf(el: XmlElement): string | undefined {
  return el.attrs.term || textOf(el) || el.attrs.label;
}

function personNames(el: XmlElement): string {
  const nameEl = elementsOf(el).find((c) => c.name === 'name');
  return nameEl ? textOf(nameEl) : elementsOf(el).length === 0 ? textOf(el) : '';
}

interface LinkChoice {
  alternate?: string;
  alternateIsHtml?: boolean;
}

function considerAlternate(choice: LinkChoice, href: string | undefined, type: string | undefined): void {
  if (href === undefined) return;
  const isHtml = type === undefined || type.includes('html');
  if (choice.alternate === undefined || (isHtml && !choice.alternateIsHtml)) {
    choice.alternate = href;
    choice.alternateIsHtml = isHtml;
  }
}

function readEntry(el: XmlElement, ownNs: string, ctx: ParseContext, siteUrl: string | undefined, feedAuthor: string | undefined): ParsedItem {
  const item = newItem();
  const linkBase = siteUrl ?? ctx.feedUrl;
  const links: LinkChoice = {};
  const authors: string[] = [];
  let contentEl: XmlElement | undefined;
  let summaryEl: XmlElement | undefined;
  let published: string | undefined;
  let updated: string | undefined;
  const media: MediaTexts = {};
  let itunesImage: string | undefined;

  for (const child of elementsOf(el)) {
    const name = child.name;
    if (isAtom(child, ownNs)) {
      switch (name) {
        case 'id': item.guid ??= collapseWhitespace(textOf(child)); break;
        case 'title': item.title ??= constructAsText(child); break;
        case 'link': {
          const rel = (child.attrs.rel ?? 'alternate').toLowerCase();
          const href = resolveUrl(child.attrs.href, child.base ?? linkBase);
          if (rel === 'alternate') considerAlternate(links, href, child.attrs.type);
          else if (rel === 'enclosure') addEnclosure(item, href, child.attrs.type, child.attrs.length);
          break;
        }
        case 'author': authors.push(personNames(child)); break;
        case 'summary': summaryEl ??= child; break;
        case 'content': contentEl ??= child; break;
        case 'published': case 'issued': case 'created': published ??= textOf(child); break;
        case 'updated': case 'modified': updated ??= textOf(child); break;
        case 'category': addCategory(item.categories, categoryOf(child)); break;
        default: break;
      }
      continue;
    }
    if (child.ns === 'media') readMedia(child, item, child.base ?? linkBase, media);
    else if (child.ns === 'dc' && name === 'creator') authors.push(textOf(child));
    else if (child.ns === 'dc' && name === 'subject') addCategory(item.categories, textOf(child));
    else if (child.ns === 'itunes' && name === 'image') itunesImage ??= resolveUrl(child.attrs.href, child.base ?? linkBase);
    else if (child.ns === 'itunes' && name === 'category') addItunesCategories(item.categories, child);
  }

  if (links.alternate !== undefined) item.url = links.alternate;
  const author = joinNames(authors) ?? feedAuthor;
  if (author !== undefined) item.author = author;
  if (summaryEl) item.summary = constructAsHtml(summaryEl);
  else if (media.description !== undefined) item.summary = media.description;
  // Out-of-line content (src=…) has no body to show; its link stands in for a missing permalink.
  if (contentEl && contentEl.attrs.src === undefined) item.content = constructAsHtml(contentEl, true);
  else if (contentEl && item.url === undefined) {
    const src = resolveUrl(contentEl.attrs.src, contentEl.base ?? linkBase);
    if (src !== undefined) item.url = src;
  }
  const publishedAt = parseDate(published, ctx.now);
  const updatedAt = parseDate(updated, ctx.now);
  if (publishedAt !== undefined) item.published = publishedAt;
  else if (updatedAt !== undefined) item.published = updatedAt;
  if (updatedAt !== undefined) item.updated = updatedAt;
  if (item.imageUrl === undefined && itunesImage !== undefined) item.imageUrl = itunesImage;
  if (!item.title && media.title) item.title = media.title;
  if (item.title !== undefined && item.title === '') delete item.title;

  const htmlBase = (contentEl ?? summaryEl)?.base ?? item.url ?? siteUrl ?? ctx.feedUrl;
  return finishItem(item, htmlBase);
}

export function readAtom(root: XmlElement, ctx: ParseContext): ParsedFeed {
  const feed: ParsedFeed = { format: 'atom', title: '', items: [] };
  const links: LinkChoice = {};
  const authors: string[] = [];
  const entries: XmlElement[] = [];
  const categories: string[] = [];
  const ownNs = ownNamespace(root);
  let logo: string | undefined;
  let icon: string | undefined;
  let itunesSubtitle: string | undefined;

  for (const child of elementsOf(root)) {
    if (!isAtom(child, ownNs)) {
      if (child.ns === 'itunes') {
        if (child.name === 'image') icon ??= resolveUrl(child.attrs.href, child.base ?? ctx.feedUrl);
        else if (child.name === 'category') addItunesCategories(categories, child);
        else if (child.name === 'subtitle') itunesSubtitle ??= textOf(child);
      } else if (child.ns === 'media' && child.name === 'category') addCategory(categories, textOf(child));
      continue;
    }
    switch (child.name) {
      case 'entry': entries.push(child); break;
      case 'title': if (feed.title === '') feed.title = constructAsText(child); break;
      case 'subtitle': case 'tagline': {
        const text = constructAsText(child);
        if (text !== '') feed.description ??= text;
        break;
      }
      case 'link': {
        const rel = (child.attrs.rel ?? 'alternate').toLowerCase();
        const href = resolveUrl(child.attrs.href, child.base ?? ctx.feedUrl);
        if (rel === 'self') feed.selfUrl ??= href;
        else if (rel === 'alternate') considerAlternate(links, href, child.attrs.type);
        break;
      }
      case 'logo': logo ??= resolveUrl(textOf(child), child.base ?? ctx.feedUrl); break;
      case 'icon': icon ??= resolveUrl(textOf(child), child.base ?? ctx.feedUrl); break;
      case 'author': authors.push(personNames(child)); break;
      case 'category': addCategory(categories, categoryOf(child)); break;
      default: break;
    }
  }
  if (feed.description === undefined && itunesSubtitle !== undefined) {
    const text = htmlToText(itunesSubtitle);
    if (text !== '') feed.description = text;
  }
  if (categories.length > 0) feed.categories = categories;
  if (feed.selfUrl === undefined) delete feed.selfUrl;
  if (links.alternate !== undefined) feed.siteUrl = links.alternate;
  const image = logo ?? icon;
  if (image !== undefined) feed.imageUrl = image;
  const lang = root.attrs['xml:lang']?.trim();
  if (lang) feed.language = lang;

  const feedAuthor = joinNames(authors);
  const count = Math.min(entries.length, MAX_ITEMS);
  for (let i = 0; i < count; i++) feed.items.push(readEntry(entries[i]!, ownNs, ctx, feed.siteUrl, feedAuthor));
  return feed;
}
