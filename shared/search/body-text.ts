/**
 * The plain text of an article's HTML as the index reads it. The index sees words only, and every whitespace
 * character separates words, so collapsing whitespace changes nothing it keeps: text that fits in `max` is taken
 * as it comes out of the markup (collapsing it was a third of the text extraction in the first build). Longer text
 * is cut exactly as `htmlToSnippet` cuts it, so the same words are indexed either way.
 */
import { htmlToText, mayHideBlocks, snippetOfText } from '../sync/snippet';

export function bodyTextForIndex(html: string, max: number): string {
  const text = htmlToText(html);
  return text.length <= max ? text : snippetOfText(text, max);
}

/**
 * Whether the index may take `html` itself as the text (SearchDoc.markup): htmlToText would only replace its tags by
 * spaces, which separate words as the tags do when the scanner skips them: no entity ("&"), no comment, no
 * script/style/template block, and short enough that its text is not cut (tags and entities only shorten it). Most
 * feeds' HTML is like that; the index then scans it once, without a stripped copy of every body.
 */
export function onlyTagsToStrip(html: string, max: number): boolean {
  return html.length <= max && !html.includes('&') && !html.includes('<!--') && !mayHideBlocks(html);
}
