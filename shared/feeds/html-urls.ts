/**
 * Resolves relative URLs inside content HTML (href, src, srcset, poster, …) against the item's base. A careful
 * attribute rewriter rather than a tokenizer pass: a regular expression finds the start tags that can carry URLs (and
 * comments, which are skipped), attributes are read only inside those tags, the raw text of script/style/textarea is
 * skipped, and only the values that change are spliced, so the rest of the markup is returned byte for byte.
 * Measured on the bench corpus (25 MB of article HTML) this pass is several times cheaper than re-tokenizing the HTML
 * with htmlparser2's Tokenizer, which walks every character of the article text.
 */
import { decodeAttributeEntities } from './text';
import { resolveUrl } from './urls';

const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'cite', 'background', 'longdesc', 'data-src', 'srcset']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
const ABSOLUTE = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c;
}

function endsName(c: number): boolean {
  return isSpace(c) || c === 0x2f || c === 0x3e || c === 0x3d;
}

function resolveSrcset(value: string, base: string): string {
  return value
    .split(',')
    .map((candidate) => {
      const parts = candidate.trim().split(/\s+/);
      const url = parts[0];
      if (!url) return candidate.trim();
      parts[0] = resolveUrl(url, base) ?? url;
      return parts.join(' ');
    })
    .join(', ');
}

/** The new attribute text for a URL value, or undefined to leave it as it is. */
function rewriteValue(name: string, raw: string, base: string): string | undefined {
  const value = decodeAttributeEntities(raw).trim();
  if (value === '' || value.charCodeAt(0) === 0x23 /* # */) return undefined;
  if (name !== 'srcset' && ABSOLUTE.test(value)) return undefined;
  const resolved = name === 'srcset' ? resolveSrcset(value, base) : resolveUrl(value, base);
  if (resolved === undefined || resolved === value) return undefined;
  return resolved.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/**
 * Start tags worth reading (URL carriers and raw-text elements) and comments. Letting the regular expression engine
 * skip every other tag (p, em, figure…) is what makes this pass cheap: article HTML has a tag every few dozen bytes.
 */
const INTERESTING_SOURCE =
  '<(?:(a|area|img|image|picture|source|video|audio|track|iframe|embed|object|frame|input|link|blockquote|q|del|ins|body|table|td|th|script|style|textarea|xmp|noembed|noframes|plaintext)(?=[\\s/>])|!--)';

export function resolveHtmlUrls(html: string, base: string | undefined): string {
  if (base === undefined || !html.includes('=')) return html;
  const interesting = new RegExp(INTERESTING_SOURCE, 'gi');
  const n = html.length;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < n) {
    interesting.lastIndex = i;
    const match = interesting.exec(html);
    if (!match) break;
    const lt = match.index;
    const tagMatch = match[1];
    if (tagMatch === undefined) {
      const end = html.indexOf('-->', lt + 4);
      if (end === -1) break;
      i = end + 3;
      continue;
    }
    const tag = tagMatch.toLowerCase();
    let j = lt + 1 + tag.length;
    // attributes up to the end of the start tag
    while (j < n) {
      while (j < n && (isSpace(html.charCodeAt(j)) || html.charCodeAt(j) === 0x2f)) j++;
      if (j >= n || html.charCodeAt(j) === 0x3e) {
        j++;
        break;
      }
      const nameStart = j;
      while (j < n && !endsName(html.charCodeAt(j))) j++;
      if (j === nameStart) {
        j++;
        continue;
      }
      const name = html.slice(nameStart, j).toLowerCase();
      let k = j;
      while (k < n && isSpace(html.charCodeAt(k))) k++;
      if (html.charCodeAt(k) !== 0x3d) continue;
      k++;
      while (k < n && isSpace(html.charCodeAt(k))) k++;
      const quote = html.charCodeAt(k);
      let valueStart: number;
      let valueEnd: number;
      if (quote === 0x22 || quote === 0x27) {
        valueStart = k + 1;
        valueEnd = html.indexOf(quote === 0x22 ? '"' : "'", valueStart);
        if (valueEnd === -1) valueEnd = n;
        j = valueEnd + 1;
      } else {
        valueStart = k;
        valueEnd = k;
        while (valueEnd < n && !isSpace(html.charCodeAt(valueEnd)) && html.charCodeAt(valueEnd) !== 0x3e) valueEnd++;
        j = valueEnd;
      }
      if (!URL_ATTRIBUTES.has(name)) continue;
      const replacement = rewriteValue(name, html.slice(valueStart, valueEnd), base);
      if (replacement === undefined) continue;
      const text = quote === 0x27 ? replacement.replace(/'/g, '&#39;') : replacement;
      if (quote === 0x22 || quote === 0x27) out += html.slice(copied, valueStart) + text;
      else out += `${html.slice(copied, valueStart)}"${text}"`;
      copied = valueEnd;
    }
    i = j;
    if (RAW_TEXT.has(tag)) {
      const close = new RegExp(`</${tag}[\\s/>]`, 'gi');
      close.lastIndex = i;
      const end = close.exec(html);
      i = end ? end.index + 2 : n;
    }
  }
  return copied === 0 ? html : out + html.slice(copied);
}
