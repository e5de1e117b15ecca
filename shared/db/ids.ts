/**
 * Stable string ids. A feed's id derives from its URL and an article's from its feed and its guid (else link,
 * else title + date), so the same article fetched twice lands on the same row.
 */
import { err, ok, type Result } from '../result';
import { coded } from '../i18n/errors';
import type { DescribableError } from '../i18n/errors';

/**
 * FNV-1a 64 over the UTF-8 bytes, as 16 hex digits. Written by hand because ids are needed synchronously
 * inside merges and Dexie transactions (crypto.subtle.digest is async and would end an IndexedDB transaction),
 * and BigInt arithmetic is several times slower on long contents. The 64-bit state is four 16-bit limbs. The UTF-8
 * bytes are made on the fly, exactly as TextEncoder makes them (a lone surrogate becomes U+FFFD): encoding each
 * string first cost as much again as hashing it (every article's content is hashed in a sync).
 */
export function fnv1a64(input: string): string {
  return fnv1a64Joined([input]);
}

/**
 * fnv1a64 of the parts joined by U+0000, without joining them: an article's content hash covers its fields so, and
 * the joined copy (its whole HTML again, for every article of a sync) cost more to make and collect than to hash.
 */
export function fnv1a64Joined(parts: readonly string[]): string {
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  const last = parts.length - 1;
  for (let p = 0; p <= last; p++) {
    const input = parts[p] as string;
    const length = input.length;
    // Past a part's last unit comes the separator's 0 byte (a surrogate pair never spans it, as in the joined string).
    const end = p < last ? length + 1 : length;
    // A character of two to four UTF-8 bytes hashes its first byte at once and leaves the rest in `pending`, highest
    // first: one byte per round, so a one-byte character (most of an article's HTML) is one round with no inner loop.
    let pending = 0;
    let pendingShift = -8;
    for (let i = 0; i < end || pendingShift >= 0; ) {
      let byte: number;
      if (pendingShift >= 0) {
        byte = (pending >>> pendingShift) & 0xff;
        pendingShift -= 8;
      } else {
        const code = i < length ? input.charCodeAt(i) : 0;
        i++;
        if (code < 0x80) {
          byte = code;
        } else {
          // This character's UTF-8 bytes, first byte highest, and how many there are.
          let count: number;
          if (code < 0x800) {
            pending = ((0xc0 | (code >> 6)) << 8) | (0x80 | (code & 63));
            count = 2;
          } else if (code >= 0xd800 && code <= 0xdfff) {
            const next = code <= 0xdbff && i < length ? input.charCodeAt(i) : 0;
            if (next >= 0xdc00 && next <= 0xdfff) {
              const point = ((code - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
              pending = ((0xf0 | (point >> 18)) << 24) | ((0x80 | ((point >> 12) & 63)) << 16) | ((0x80 | ((point >> 6) & 63)) << 8) | (0x80 | (point & 63));
              count = 4;
              i++;
            } else {
              pending = 0xefbfbd;
              count = 3;
            }
          } else {
            pending = ((0xe0 | (code >> 12)) << 16) | ((0x80 | ((code >> 6) & 63)) << 8) | (0x80 | (code & 63));
            count = 3;
          }
          byte = (pending >>> (8 * (count - 1))) & 0xff;
          pendingShift = 8 * (count - 2);
        }
      }
      h0 ^= byte;
      // h * 0x100000001b3 = h * 0x1b3 + (h << 40), keeping the low 64 bits.
      const t0 = h0 * 0x1b3;
      let t1 = h1 * 0x1b3;
      let t2 = h2 * 0x1b3 + (h0 << 8);
      let t3 = h3 * 0x1b3 + (h1 << 8);
      t1 += t0 >>> 16;
      h0 = t0 & 0xffff;
      t2 += t1 >>> 16;
      h1 = t1 & 0xffff;
      t3 += t2 >>> 16;
      h2 = t2 & 0xffff;
      h3 = t3 & 0xffff;
    }
  }
  return hex64((h3 << 16) | h2, (h1 << 16) | h0);
}

/** A hex digit's character code (0-9, a-f). */
function digit(n: number): number {
  return n + (n < 10 ? 48 : 87);
}

/**
 * 64 bits given as two 32-bit halves, as 16 lower-case hex digits, made from their codes: toString(16) and padStart
 * per part cost ~8× as much in Chromium, paid for every article of a sync (its id and its content hash).
 */
function hex64(hi: number, lo: number): string {
  return String.fromCharCode(
    digit(hi >>> 28), digit((hi >>> 24) & 15), digit((hi >>> 20) & 15), digit((hi >>> 16) & 15),
    digit((hi >>> 12) & 15), digit((hi >>> 8) & 15), digit((hi >>> 4) & 15), digit(hi & 15),
    digit(lo >>> 28), digit((lo >>> 24) & 15), digit((lo >>> 20) & 15), digit((lo >>> 16) & 15),
    digit((lo >>> 12) & 15), digit((lo >>> 8) & 15), digit((lo >>> 4) & 15), digit(lo & 15),
  );
}

/**
 * An article's content hash: 'w' and 16 hex digits, over the parts' UTF-16 code units, each part followed by its
 * length (so text moved from one field to the next changes it). It is only ever compared for equality with the hash
 * stored for the same article, to tell a changed article on a later fetch; every new article of a sync is hashed,
 * whole HTML included, and fnv1a64Joined's byte-at-a-time UTF-8 cost twice as much (code units need no encoding).
 * Rows stored before it hold an fnv1a64Joined hash (see isLegacyContentHash): compare those with that function.
 *
 * Two 32-bit lanes see every pair of code units; each step (xor, multiply by an odd constant, rotate) is a bijection of
 * a lane's state, so parts of the same lengths that differ in one pair of units always hash differently.
 */
export function contentHash(parts: readonly string[]): string {
  let a = 0x9747b28c | 0;
  let b = 0x2c1b3c6d | 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p] as string;
    const length = part.length;
    let i = 0;
    for (; i + 1 < length; i += 2) {
      const pair = part.charCodeAt(i) | (part.charCodeAt(i + 1) << 16);
      a = Math.imul(a ^ pair, 0x85ebca6b);
      a = (a << 13) | (a >>> 19);
      b = Math.imul(b ^ pair, 0xcc9e2d51);
      b = (b << 17) | (b >>> 15);
    }
    // An odd part's last unit on its own, then the length (which tells "a" from "a\u0000").
    const tail = i < length ? part.charCodeAt(i) : 0;
    a = Math.imul(a ^ tail, 0x85ebca6b);
    a = (a << 13) | (a >>> 19);
    b = Math.imul(b ^ tail, 0xcc9e2d51);
    b = (b << 17) | (b >>> 15);
    a = Math.imul(a ^ length, 0x85ebca6b);
    a = (a << 13) | (a >>> 19);
    b = Math.imul(b ^ length, 0xcc9e2d51);
    b = (b << 17) | (b >>> 15);
  }
  // Murmur3's finalizer on each lane, each fed the other's high bits first: a bijection of the 64 bits, so lanes that
  // differ give hashes that differ, with every bit of both lanes spread over the digits.
  a ^= b >>> 16;
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  a ^= a >>> 16;
  b ^= a >>> 15;
  b = Math.imul(b ^ (b >>> 16), 0x85ebca6b);
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b ^= b >>> 16;
  return 'w' + hex64(a, b);
}

/** A content hash stored before contentHash existed: fnv1a64Joined's 16 hex digits (contentHash's start with 'w'). */
export function isLegacyContentHash(hash: string): boolean {
  return hash.length === 16;
}

/**
 * The canonical form of a feed URL: `feed:` schemes mapped to http(s), host lower-cased, default port and
 * fragment dropped. Only http and https are accepted.
 */
export function normaliseFeedUrl(input: string): Result<string, DescribableError> {
  let text = input.trim();
  if (/^feed:\/\//i.test(text)) text = 'http://' + text.slice('feed://'.length);
  else if (/^feed:/i.test(text)) text = text.slice('feed:'.length);
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) text = 'https://' + text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err(coded('errors.library.invalidAddress', `Not a valid address: ${input}`, { address: input }));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return err(coded('errors.library.notHttp', `Only http and https addresses can be followed: ${input}`, { address: input }));
  url.hash = '';
  return ok(url.href);
}

export function feedIdFor(normalisedUrl: string): string {
  return fnv1a64(normalisedUrl);
}

export interface ArticleKeySource {
  guid?: string;
  url?: string;
  title?: string;
  published?: number;
}

/** The identity key of an item before hashing: guid, else link, else title + published date. */
export function articleKey(item: ArticleKeySource): string {
  const guid = item.guid?.trim();
  if (guid) return 'g:' + guid;
  const url = item.url?.trim();
  if (url) return 'u:' + url;
  return 't:' + (item.title ?? '').trim() + '\n' + String(item.published ?? '');
}

export function articleIdFor(feedId: string, key: string): string {
  return feedId + ':' + fnv1a64(key);
}

/**
 * Ids for every item of one fetched document, in order. A key repeated inside the same document (feeds that
 * reuse one guid for several posts) is disambiguated by folding the copy's link and title into its key, and
 * an exact copy by its occurrence number, so no item is dropped and refetching gives the same ids.
 */
export function articleIdsForItems(feedId: string, items: readonly ArticleKeySource[]): string[] {
  const seen = new Set<string>();
  return items.map((item) => {
    let key = articleKey(item);
    if (seen.has(key)) {
      const folded = key + '\n' + (item.url ?? '') + '\n' + (item.title ?? '');
      key = folded;
      for (let n = 2; seen.has(key); n++) key = folded + '\n#' + n;
    }
    seen.add(key);
    return articleIdFor(feedId, key);
  });
}

export function hostnameOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
