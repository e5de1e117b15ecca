/** parseFeed: bytes or text in, a ParsedFeed out, whatever the format and however broken the XML. */
import { readAtom } from './atom';
import { decodeBody } from './decode';
import { FeedParseError } from './errors';
import type { ParseContext } from './items';
import { readJsonFeed } from './json-feed';
import { readRss } from './rss';
import { stripControlChars } from './text';
import type { ParsedFeed } from './types';
import { findElement, readXml, type XmlElement } from './xml-tree';

/**
 * Bodies larger than this (bytes, or UTF-16 units for a string) are refused before any work with FeedParseError
 * 'too-large'. Just above the HTTP layer's 15 MiB download limit, so nothing fetched is refused here, while a string
 * handed in directly cannot make the parser hold more than a few times this much.
 */
export const MAX_FEED_CHARS = 16 * 1024 * 1024;

export interface ParseFeedOptions {
  /** The URL the body came from (after redirects): the last resort base for relative links. */
  url: string;
  contentType?: string;
  /** Fetch time in epoch ms; dates more than a day after it are clamped to it. Defaults to Date.now(). */
  now?: number;
}

function isFeedRoot(el: XmlElement): boolean {
  const { name, ns } = el;
  if (name === 'rss' || (name === 'rdf' && ns === 'rdf')) return true;
  return name === 'feed' && (ns === 'atom' || ns === '');
}

function looksLikeJson(text: string, contentType: string | undefined): boolean {
  const first = /\S/.exec(text)?.[0];
  if (first === '{' || first === '[') return true;
  return first !== '<' && contentType !== undefined && /json/i.test(contentType);
}

export function parseFeed(body: string | Uint8Array, options: ParseFeedOptions): ParsedFeed {
  const size = typeof body === 'string' ? body.length : body.byteLength;
  if (size > MAX_FEED_CHARS) throw new FeedParseError('too-large', `This document is too large to be read as a feed (${size} bytes).`);
  const decoded = typeof body === 'string' ? body : decodeBody(body, options.contentType).text;
  const text = stripControlChars(decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded);
  if (text.trim() === '') throw new FeedParseError('empty', 'The document is empty.');
  const ctx: ParseContext = { feedUrl: options.url, now: options.now ?? Date.now() };

  if (looksLikeJson(text, options.contentType)) return readJsonFeed(text, ctx);

  const doc = readXml(text, options.url);
  const isHtml =
    doc.htmlDoctype || doc.roots.some((el) => el.name === 'html') || findElement(doc.roots, (el) => el.name === 'body' || el.name === 'head', 2) !== undefined;
  // In an HTML page, only a feed element at the top level counts: an <rss> inside the page is text about RSS.
  const root = isHtml
    ? doc.roots.find(isFeedRoot)
    : (findElement(doc.roots, isFeedRoot) ?? findElement(doc.roots, (el) => el.name === 'channel' && el.ns === '', 2));
  if (!root) {
    if (isHtml) throw new FeedParseError('html-page', 'This address is a web page, not a feed: try discovering its feeds.');
    if (doc.droppedDeep > 0) throw new FeedParseError('too-deep', 'This document is nested too deeply to read.');
    throw new FeedParseError('not-a-feed', 'This document is not RSS, Atom or JSON Feed.');
  }
  if (root.name === 'feed') return readAtom(root, ctx);
  return readRss(root, root.name === 'rdf' ? 'rdf' : 'rss', ctx);
}
