/**
 * OPML 1.0/2.0 import and export. Import reads with the same tolerant XML reader as feeds (so nesting is capped): folders nested deeper than
 * one level are flattened into their top-level folder, feeds outside any folder go to the folder titled '', bad
 * outlines are reported with their line and skipped, and a feed listed twice is imported once and reported.
 */
import { coded } from '../i18n/errors';
import type { DescribableError } from '../i18n/errors';
import { decodeAttributeEntities } from './text';
import type { OpmlFeed, OpmlFolder } from './types';
import { isWebUrl, resolveUrl } from './urls';
import { findElement, readXml, type XmlElement } from './xml-tree';

export interface OpmlImport {
  outlines: OpmlFolder[];
  /** One readable sentence per skipped outline (with its line number). */
  errors: string[];
  /** The same complaints as `errors`, as catalogue messages for the reader's language (shared/i18n/errors). */
  problems: DescribableError[];
  /** xmlUrls seen more than once (imported once). */
  duplicates: string[];
}

export interface WriteOpmlOptions {
  title?: string;
  /** Epoch ms. */
  dateCreated?: number;
}

function clean(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = decodeAttributeEntities(value).replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

export function parseOpml(text: string): OpmlImport {
  const errors: string[] = [];
  const problems: DescribableError[] = [];
  const complain = (problem: DescribableError) => {
    errors.push(problem.message);
    problems.push(problem);
  };
  const duplicates: string[] = [];
  const folders = new Map<string, OpmlFolder>();
  const seen = new Set<string>();

  const lineStarts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (index: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  const folderFor = (title: string): OpmlFolder => {
    let folder = folders.get(title);
    if (!folder) {
      folder = { title, feeds: [] };
      folders.set(title, folder);
    }
    return folder;
  };

  /** Reads the outlines under `parent` into the top-level folder `folderTitle` ('' = no folder). */
  const readOutlines = (parent: XmlElement, folderTitle: string | undefined): void => {
    for (const child of parent.children) {
      if (typeof child === 'string' || child.name !== 'outline') continue;
      const attrs = child.attrs;
      const rawUrl = attrs.xmlurl ?? attrs.url;
      const type = (attrs.type ?? '').toLowerCase();
      const title = clean(attrs.title) ?? clean(attrs.text);
      const line = lineOf(child.start);
      if (rawUrl === undefined) {
        if (type === 'rss' || type === 'atom') {
          complain(
            title === undefined
              ? coded('errors.opml.noXmlUrl', `Line ${line}: the feed "(untitled)" has no xmlUrl; skipped.`, { line, title: { code: 'errors.opml.untitled' } })
              : coded('errors.opml.noXmlUrl', `Line ${line}: the feed "${title}" has no xmlUrl; skipped.`, { line, title }),
          );
          continue;
        }
        // A folder: only top-level folders are kept, deeper ones flatten into their top-level folder.
        readOutlines(child, folderTitle ?? title ?? 'Untitled');
        continue;
      }
      const decoded = clean(rawUrl) ?? '';
      const url = resolveUrl(decoded, undefined);
      if (url === undefined || !isWebUrl(url)) {
        complain(coded('errors.opml.notAddress', `Line ${line}: "${decoded}" is not a web address; skipped.`, { line, address: decoded }));
        continue;
      }
      if (seen.has(url)) {
        if (!duplicates.includes(url)) duplicates.push(url);
        continue;
      }
      seen.add(url);
      const feed: OpmlFeed = { xmlUrl: url, title: title ?? url };
      const htmlUrl = resolveUrl(clean(attrs.htmlurl), url);
      if (htmlUrl !== undefined && isWebUrl(htmlUrl)) feed.htmlUrl = htmlUrl;
      folderFor(folderTitle ?? '').feeds.push(feed);
    }
  };

  const doc = readXml(text, undefined);
  const opml = findElement(doc.roots, (el) => el.name === 'opml', 3);
  if (!opml) {
    complain(coded('errors.opml.notOpml', 'This file is not OPML (no <opml> element).'));
    return { outlines: [], errors, problems, duplicates };
  }
  const body = findElement([opml], (el) => el.name === 'body', 3);
  if (body) readOutlines(body, undefined);
  return { outlines: [...folders.values()], errors, problems, duplicates };
}

function escapeAttr(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r?\n|\r/g, '&#10;')
    .replace(/\t/g, '&#9;')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

function feedOutline(feed: OpmlFeed, indent: string): string {
  const html = feed.htmlUrl ? ` htmlUrl="${escapeAttr(feed.htmlUrl)}"` : '';
  const title = escapeAttr(feed.title);
  return `${indent}<outline type="rss" text="${title}" title="${title}" xmlUrl="${escapeAttr(feed.xmlUrl)}"${html}/>\n`;
}

export function writeOpml(folders: OpmlFolder[], options: WriteOpmlOptions = {}): string {
  const title = options.title ?? 'Broadsheet subscriptions';
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head>\n';
  out += `    <title>${escapeAttr(title)}</title>\n`;
  if (options.dateCreated !== undefined) out += `    <dateCreated>${new Date(options.dateCreated).toUTCString()}</dateCreated>\n`;
  out += '  </head>\n  <body>\n';
  for (const folder of folders) {
    if (folder.title === '') {
      for (const feed of folder.feeds) out += feedOutline(feed, '    ');
      continue;
    }
    const name = escapeAttr(folder.title);
    out += `    <outline text="${name}" title="${name}">\n`;
    for (const feed of folder.feeds) out += feedOutline(feed, '      ');
    out += '    </outline>\n';
  }
  return `${out}  </body>\n</opml>\n`;
}
