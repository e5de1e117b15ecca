/**
 * Resolves relative URLs inside content HTML (href, src, srcset, poster, …) against the item's base. It tokenizes the
 * HTML with htmlparser2's tokenizer and splices only the attribute values that change, so the rest of the markup is
 * returned byte for byte. A cheap test first skips the pass for HTML that has no relative URL at all (the common case).
 */
import { Tokenizer } from 'htmlparser2';
import { decodeAttributeEntities } from './text';
import { resolveUrl } from './urls';

const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'cite', 'background', 'longdesc', 'data-src', 'srcset']);

/** Matches an URL attribute whose value does not start with a scheme or '#'; srcset always needs a look. */
const MAY_NEED_RESOLVING =
  /\b(?:href|src|poster|cite|background|longdesc|data-src)\s*=\s*["']?\s*(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|["'\s>])|\bsrcset\s*=/i;

// htmlparser2's QuoteType values
const QUOTE_UNQUOTED = 1;
const QUOTE_SINGLE = 2;

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

export function resolveHtmlUrls(html: string, base: string | undefined): string {
  if (base === undefined || html.length === 0 || !MAY_NEED_RESOLVING.test(html)) return html;
  const edits: { start: number; end: number; text: string }[] = [];
  let attrName = '';
  let valueStart = -1;
  let valueEnd = -1;
  const tokenizer = new Tokenizer(
    { xmlMode: false, decodeEntities: false },
    {
      onattribname(start, end) {
        attrName = html.slice(start, end).toLowerCase();
        valueStart = -1;
      },
      onattribdata(start, end) {
        if (valueStart === -1) valueStart = start;
        valueEnd = end;
      },
      onattribend(quote) {
        if (valueStart === -1 || !URL_ATTRIBUTES.has(attrName)) return;
        const raw = html.slice(valueStart, valueEnd);
        const value = decodeAttributeEntities(raw).trim();
        if (value === '' || value.startsWith('#')) return;
        const resolved = attrName === 'srcset' ? resolveSrcset(value, base) : resolveUrl(value, base);
        if (resolved === undefined || resolved === value) return;
        let text = resolved.replace(/&/g, '&amp;');
        if (quote === QUOTE_SINGLE) text = text.replace(/'/g, '&#39;');
        else text = text.replace(/"/g, '&quot;');
        if (quote === QUOTE_UNQUOTED) text = `"${text}"`;
        edits.push({ start: valueStart, end: valueEnd, text });
        valueStart = -1;
      },
      onattribentity() {},
      oncdata() {},
      onclosetag() {},
      oncomment() {},
      ondeclaration() {},
      onend() {},
      onopentagend() {},
      onopentagname() {},
      onprocessinginstruction() {},
      onselfclosingtag() {},
      ontext() {},
      ontextentity() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  if (edits.length === 0) return html;
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += html.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + html.slice(at);
}
