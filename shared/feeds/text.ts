/** Entity decoding, HTML → plain text, and text → HTML, for the small strings feeds carry (titles, names, descriptions). */
import { decodeHTML, decodeHTMLAttribute } from 'entities/decode';

// C0 controls other than tab, LF and CR (this plain range form scans ~2x faster than one with \u007F or \uFFFE added).
const CONTROL_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const HAS_CONTROL_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F]/;

/** Removes characters XML forbids; broken feeds carry them (form feeds, NULs, vertical tabs). */
export function stripControlChars(value: string): string {
  return HAS_CONTROL_CHARS.test(value) ? value.replace(CONTROL_CHARS, '') : value;
}

/**
 * Decodes every HTML entity (named, decimal, hex), because feeds use HTML entities such as `&nbsp;` without declaring
 * them. An `&` that starts no entity is kept as it is, which is what makes unescaped ampersands harmless.
 */
export function decodeEntities(value: string): string {
  return value.includes('&') ? decodeHTML(value) : value;
}

/** Like decodeEntities, with the attribute rules (`&copy=1` in a query string stays as it is). */
export function decodeAttributeEntities(value: string): string {
  return value.includes('&') ? decodeHTMLAttribute(value) : value;
}

export function collapseWhitespace(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

const DROP_BLOCKS = /<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
const BLOCK_TAGS = /<\/?(?:br|p|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|pre|hr|section|article)\b[^>]*>/gi;
const ANY_TAG = /<\/?[a-zA-Z][^>]*>|<!\[CDATA\[|\]\]>/g;

/** Reduces an HTML fragment to plain text: tags dropped (block tags become spaces), entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  let text = html;
  if (text.includes('<')) {
    text = text.replace(DROP_BLOCKS, ' ').replace(BLOCK_TAGS, ' ').replace(ANY_TAG, '');
  }
  return collapseWhitespace(decodeEntities(text).replace(/\u00A0/g, ' '));
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Plain text as HTML: escaped, with line breaks kept as paragraphs and <br>. */
export function textToHtml(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  return trimmed
    .split(/\r?\n\s*\r?\n/)
    .map((para) => `<p>${escapeHtml(para.trim()).replace(/\r?\n/g, '<br>')}</p>`)
    .join('');
}
