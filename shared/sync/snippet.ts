/** The short plain-text summary stored on slim article rows (lists and search read it, never the HTML). */
import { decodeHTML } from 'entities';

export const SNIPPET_MAX = 300;

/** Tags stripped by pattern (no DOM in shared/), entities decoded, whitespace collapsed, cut at a word. */
export function htmlToSnippet(html: string, max: number = SNIPPET_MAX): string {
  const text = decodeHTML(
    html
      .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<[^>]*>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd() + '…';
}
