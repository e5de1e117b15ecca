/** The short plain-text summary stored on slim article rows (lists and search read it, never the HTML). */
import { decodeHTML } from 'entities';

export const SNIPPET_MAX = 300;

/** Tags stripped by pattern (no DOM in shared/) and entities decoded; whitespace left as it was. */
export function htmlToText(html: string): string {
  const stripped = html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ');
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
