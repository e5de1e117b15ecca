/** Atom 1.0 and 0.3 (content modes escaped/base64/xml), with xml:base, media and itunes extensions. */
import { parseDate } from './dates';
import { addCategory, addEnclosure, finishItem, joinNames, MAX_ITEMS, newItem, readMedia, type ParseContext } from './items';
import { collapseWhitespace, htmlToText, textToHtml } from './text';
import type { ParsedFeed, ParsedItem } from './types';
import { resolveUrl } from './urls';
import { innerHtml, htmlOf, textOf, type XmlElement } from './xml-tree';

function isAtom(el: XmlElement): boolean {
  return el.ns === 'atom' || el.ns === '';
}

function elementsOf(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of el.children) if (typeof child !== 'string') out.push(child);
  return out;
}

function decodeBase64(value: string): string {
  try {
    const binary = atob(value.replace(/\s+/g, ''));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder().decode(bytes);
  } catch {
    return '';
  }
}

/** An Atom text construct as HTML, or as plain text when `type` is text (the caller escapes it if it needs HTML). */
function textConstruct(el: XmlElement): { kind: 'html' | 'text'; value: string } {
  const type = (el.attrs.type ?? '').toLowerCase().trim();
  const mode = (el.attrs.mode ?? '').toLowerCase();
  if (mode === 'base64') {
    const decoded = decodeBase64(textOf(el));
    return type.includes('html') ? { kind: 'html', value: decoded } : { kind: 'text', value: decoded };
  }
  if (type === 'xhtml' || type === 'application/xhtml+xml') {
    const elements = elementsOf(el);
    const only = elements.length === 1 ? elements[0] : undefined;
    const wrapper = only && only.name === 'div' && textOf(el).trim() === textOf(only).trim() ? only : el;
    return { kind: 'html', value: innerHtml(wrapper) };
  }
  if (type === 'html' || type === 'text/html' || mode === 'escaped') return { kind: 'html', value: htmlOf(el) };
  // Atom 0.3 defaulted to inline XML: raw child elements mean HTML.
  if (elementsOf(el).length > 0) return { kind: 'html', value: innerHtml(el) };
  return { kind: 'text', value: textOf(el) };
}

function constructAsText(el: XmlElement): string {
  const construct = textConstruct(el);
  return construct.kind === 'html' ? htmlToText(construct.value) : collapseWhitespace(construct.value);
}

function constructAsHtml(el: XmlElement): string {
  const construct = textConstruct(el);
  return construct.kind === 'html' ? construct.value : textToHtml(construct.value);
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

function readEntry(el: XmlElement, ctx: ParseContext, siteUrl: string | undefined, feedAuthor: string | undefined): ParsedItem {
  const item = newItem();
  const linkBase = siteUrl ?? ctx.feedUrl;
  const links: LinkChoice = {};
  const authors: string[] = [];
  let contentEl: XmlElement | undefined;
  let summaryEl: XmlElement | undefined;
  let published: string | undefined;
  let updated: string | undefined;
  let mediaSummary: string | undefined;
  let itunesImage: string | undefined;

  for (const child of elementsOf(el)) {
    const name = child.name;
    if (isAtom(child)) {
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
        case 'category': addCategory(item, child.attrs.label ?? child.attrs.term ?? textOf(child)); break;
        default: break;
      }
      continue;
    }
    if (child.ns === 'media') mediaSummary ??= readMedia(child, item, child.base ?? linkBase);
    else if (child.ns === 'dc' && name === 'creator') authors.push(textOf(child));
    else if (child.ns === 'dc' && name === 'subject') addCategory(item, textOf(child));
    else if (child.ns === 'itunes' && name === 'image') itunesImage ??= resolveUrl(child.attrs.href, child.base ?? linkBase);
  }

  if (links.alternate !== undefined) item.url = links.alternate;
  const author = joinNames(authors) ?? feedAuthor;
  if (author !== undefined) item.author = author;
  if (summaryEl) item.summary = constructAsHtml(summaryEl);
  else if (mediaSummary !== undefined) item.summary = mediaSummary;
  // Out-of-line content (src=…) has no body to show; its link stands in for a missing permalink.
  if (contentEl && contentEl.attrs.src === undefined) item.content = constructAsHtml(contentEl);
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
  if (item.title !== undefined && item.title === '') delete item.title;

  const htmlBase = (contentEl ?? summaryEl)?.base ?? item.url ?? siteUrl ?? ctx.feedUrl;
  return finishItem(item, htmlBase);
}

export function readAtom(root: XmlElement, ctx: ParseContext): ParsedFeed {
  const feed: ParsedFeed = { format: 'atom', title: '', items: [] };
  const links: LinkChoice = {};
  const authors: string[] = [];
  const entries: XmlElement[] = [];
  let logo: string | undefined;
  let icon: string | undefined;

  for (const child of elementsOf(root)) {
    if (!isAtom(child)) {
      if (child.ns === 'itunes' && child.name === 'image') icon ??= resolveUrl(child.attrs.href, child.base ?? ctx.feedUrl);
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
      default: break;
    }
  }
  if (feed.selfUrl === undefined) delete feed.selfUrl;
  if (links.alternate !== undefined) feed.siteUrl = links.alternate;
  const image = logo ?? icon;
  if (image !== undefined) feed.imageUrl = image;
  const lang = root.attrs['xml:lang']?.trim();
  if (lang) feed.language = lang;

  const feedAuthor = joinNames(authors);
  const count = Math.min(entries.length, MAX_ITEMS);
  for (let i = 0; i < count; i++) feed.items.push(readEntry(entries[i]!, ctx, feed.siteUrl, feedAuthor));
  return feed;
}
