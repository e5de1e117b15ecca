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
  // A run that is one space already is left alone: the same result as replacing every run, without a replacement
  // per word (the search index's first build extracts the text of every stored article).
  const collapsed = text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
  if (collapsed.length <= max) return collapsed;
  const cut = collapsed.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd() + '…';
}

/** Tags stripped, entities decoded, whitespace collapsed, cut at a word. */
export function htmlToSnippet(html: string, max: number = SNIPPET_MAX): string {
  return snippetOfText(htmlToText(html), max);
}
