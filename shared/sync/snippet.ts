/** The short plain-text summary stored on slim article rows (lists and search read it, never the HTML). */
import { decodeHTML } from 'entities';

export const SNIPPET_MAX = 300;

const HIDDEN_BLOCK = /<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi;
const HIDDEN_BLOCK_START = /^<(?:script|style|template)\b/i;

/**
 * Whether HIDDEN_BLOCK can match: some "<" starts a script, style or template tag. The pattern itself is slow to
 * find nothing (its case-insensitive alternation is tried at every "<"; it was the costliest part of indexing a
 * synced article), while most HTML has none of these: this looks only at the tags starting with s or t.
 */
export function mayHideBlocks(html: string): boolean {
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    const next = html.charCodeAt(at + 1) | 0x20;
    // "<template" and the character after it: enough for the pattern's word boundary.
    if ((next === 0x73 || next === 0x74) && HIDDEN_BLOCK_START.test(html.slice(at, at + 10))) return true;
  }
  return false;
}

/** Tags stripped by pattern (no DOM in shared/) and entities decoded; whitespace left as it was. */
export function htmlToText(html: string): string {
  const visible = mayHideBlocks(html) ? html.replace(HIDDEN_BLOCK, ' ') : html;
  const stripped = (visible.includes('<!--') ? visible.replace(/<!--[\s\S]*?-->/g, ' ') : visible).replace(/<[^>]*>/g, ' ');
  // Every entity starts with "&".
  return stripped.includes('&') ? decodeHTML(stripped) : stripped;
}

/** Plain text with whitespace collapsed, cut at a word. */
export function snippetOfText(text: string, max: number = SNIPPET_MAX): string {
  return cutCollapsed(collapsed(text), max);
}

/** Whitespace runs as one space, ends trimmed. */
function collapsed(text: string): string {
  // A run that is one space already is left alone: the same result as replacing every run, without a replacement
  // per word (the search index's first build extracts the text of every stored article).
  return text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

/** Collapsed text cut at a word to at most `max` characters. */
function cutCollapsed(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd() + '…';
}

/** Tags stripped, entities decoded, whitespace collapsed, cut at a word. */
export function htmlToSnippet(html: string, max: number = SNIPPET_MAX): string {
  // Only the start of a long document can reach the snippet: its whole text cost a pass per pattern over all of it
  // (an article with no summary gets its summary from its whole content, every new article of a sync). Heads stop at
  // half the document, so one with too little text for a snippet costs at most two thirds more than before.
  for (let end = Math.max(max, 64) * 2; end * 2 < html.length; end *= 4) {
    const head = cleanHead(html, end);
    if (head === null) break;
    const text = collapsed(htmlToText(head));
    if (text.length > max) return cutCollapsed(text, max);
  }
  return snippetOfText(htmlToText(html), max);
}

/** The longest entity name and then some: an "&" this close to the end of a head is left to the whole document. */
const ENTITY_REACH = 40;

/**
 * A start of `html`, at least `end` characters long, whose text (htmlToText) is the start of the whole document's
 * text, or null. It ends just before a "<" outside any tag, with no comment or script, style or template block opened
 * in it (one left open would be matched differently without its end) and no "&" near its end (an entity cut short).
 * Then every pattern of htmlToText matches in it what it matches there in the whole document, and its text, collapsed
 * and trimmed, is the start of the whole one's: when that is longer than the snippet, the snippet is the same.
 */
function cleanHead(html: string, end: number): string | null {
  for (let cut = html.indexOf('<', end), tries = 0; cut >= 0 && tries < 8; cut = html.indexOf('<', cut + 1), tries++) {
    // The tag before the cut is closed before it ("<a title='x<y'>" is one tag).
    const open = html.lastIndexOf('<', cut - 1);
    const close = open < 0 ? -1 : html.indexOf('>', open);
    if (open >= 0 && (close < 0 || close > cut)) continue;
    if (html.lastIndexOf('&', cut - 1) >= cut - ENTITY_REACH) continue;
    const head = html.slice(0, cut);
    return head.includes('<!--') || mayHideBlocks(head) ? null : head;
  }
  return null;
}
