/** parseFeed: bytes or text in, a ParsedFeed out, whatever the format and however broken the XML. */
import { readAtom } from './atom';
import { decodeBody } from './decode';
import { FeedParseError } from './errors';
import type { ParseContext } from './items';
import { readJsonFeed } from './json-feed';
import { readRss } from './rss';
import { hasControlBytes, stripControlChars } from './text';
import type { ParsedFeed } from './types';
import { languageTag } from './language';
import { isWebUrl, resolveUrl } from './urls';
import { findElement, isKnownNamespace, readXml, type XmlElement } from './xml-tree';
import { coded } from '../i18n/errors';

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
  /**
   * The response's Content-Location header: where the document says it lives, so the base of its relative links
   * (resolved against `url`; an xml:base in the document still applies below it). Ignored unless http(s).
   */
  contentLocation?: string;
  /** The response's Content-Language header: the feed's language when the feed names none. */
  contentLanguage?: string;
}

function isFeedRoot(el: XmlElement): boolean {
  const { name, ns } = el;
  if (name === 'rss' || (name === 'rdf' && ns === 'rdf')) return true;
  // An Atom root under an old or made-up namespace URI (`<feed version="0.3" xmlns="http://example.com/…">`) is still
  // Atom; a <feed> of a vocabulary we know (XHTML, Media RSS…) is not.
  return name === 'feed' && (ns === 'atom' || ns === '' || !isKnownNamespace(ns));
}

function looksLikeJson(text: string, contentType: string | undefined): boolean {
  const first = /\S/.exec(text)?.[0];
  if (first === '{' || first === '[') return true;
  return first !== '<' && contentType !== undefined && /json/i.test(contentType);
}

export function parseFeed(body: string | Uint8Array, options: ParseFeedOptions): ParsedFeed {
  const size = typeof body === 'string' ? body.length : body.byteLength;
  if (size > MAX_FEED_CHARS) throw new FeedParseError('too-large', coded('errors.feed.documentTooLarge', `This document is too large to be read as a feed (${size} bytes).`, { size }));
  let decoded: string;
  let clean = false;
  if (typeof body === 'string') decoded = body;
  else {
    const result = decodeBody(body, options.contentType);
    decoded = result.text;
    // No encoding but UTF-16 makes a C0 control out of bytes of 0x20 and above (ISO-2022-JP's escapes are C0 bytes
    // themselves), so bytes without one decode to text with nothing to strip.
    clean = !result.encoding.startsWith('utf-16') && !hasControlBytes(body);
  }
  const unmarked = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  const text = clean ? unmarked : stripControlChars(unmarked);
  if (text.trim() === '') throw new FeedParseError('empty', coded('errors.feed.empty', 'The document is empty.'));
  const location = resolveUrl(options.contentLocation, options.url);
  // Only a web address can stand in for the one the body came from (no ftp:, file:, … base for the feed's links).
  const documentUrl = location !== undefined && isWebUrl(location) ? location : options.url;
  const ctx: ParseContext = { feedUrl: documentUrl, now: options.now ?? Date.now() };
  const feed = readFeed(text, ctx, options.contentType);
  const language = languageTag(feed.language) ?? languageTag(options.contentLanguage);
  if (language !== undefined) feed.language = language;
  else delete feed.language;
  return feed;
}

function readFeed(text: string, ctx: ParseContext, contentType: string | undefined): ParsedFeed {
  if (looksLikeJson(text, contentType)) return readJsonFeed(text, ctx);

  const doc = readXml(text, ctx.feedUrl);
  const isHtml =
    doc.htmlDoctype || doc.roots.some((el) => el.name === 'html') || findElement(doc.roots, (el) => el.name === 'body' || el.name === 'head', 2) !== undefined;
  // In an HTML page, only a feed element at the top level counts: an <rss> inside the page is text about RSS.
  const root = isHtml
    ? doc.roots.find(isFeedRoot)
    : (findElement(doc.roots, isFeedRoot) ?? findElement(doc.roots, (el) => el.name === 'channel' && el.ns === '', 2));
  if (!root) {
    if (isHtml) throw new FeedParseError('html-page', coded('errors.feed.htmlPage', 'This address is a web page, not a feed: try discovering its feeds.'));
    if (doc.droppedDeep > 0) throw new FeedParseError('too-deep', coded('errors.feed.tooDeep', 'This document is nested too deeply to read.'));
    throw new FeedParseError('not-a-feed', coded('errors.feed.notFeed', 'This document is not RSS, Atom or JSON Feed.'));
  }
  if (root.name === 'feed') return readAtom(root, ctx);
  return readRss(root, root.name === 'rdf' ? 'rdf' : 'rss', ctx);
}
