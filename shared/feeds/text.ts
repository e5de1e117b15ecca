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

/** What `\s` matches, but a plain space. */
function isOtherSpace(c: number): boolean {
  if (c <= 0x20) return c >= 0x09 && c <= 0x0d;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** True when collapsing would change nothing: single spaces between words only (most titles and names). */
function isCollapsed(value: string): boolean {
  let afterSpace = true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x20) {
      if (afterSpace) return false;
      afterSpace = true;
    } else if (isOtherSpace(c)) return false;
    else afterSpace = false;
  }
  return !afterSpace || value.length === 0;
}

export function collapseWhitespace(value: string): string {
  return isCollapsed(value) ? value : value.replace(/\s+/g, ' ').trim();
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
  const decoded = decodeEntities(text);
  return collapseWhitespace(decoded.includes('\u00A0') ? decoded.replace(/\u00A0/g, ' ') : decoded);
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
