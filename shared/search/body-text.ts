/**
 * The plain text of an article's HTML as the index reads it. The index sees words only, and every whitespace
 * character separates words, so collapsing whitespace changes nothing it keeps: text that fits in `max` is taken
 * as it comes out of the markup (collapsing it was a third of the text extraction in the first build). Longer text
 * is cut exactly as `htmlToSnippet` cuts it, so the same words are indexed either way.
 */
import { htmlToText, snippetOfText } from '../sync/snippet';

export function bodyTextForIndex(html: string, max: number): string {
  const text = htmlToText(html);
  return text.length <= max ? text : snippetOfText(text, max);
}
