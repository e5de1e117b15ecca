/**
 * A forgiving XML tokenizer for feeds. It finds markup with indexOf and leaves text and CDATA as index ranges, so the
 * article HTML that makes up most of a feed's bytes is skipped at memchr speed instead of walked one character at a
 * time in JavaScript. Nothing is an error: a `<` that starts no tag is text, a tag left open at the end of input is
 * still reported, an unterminated comment or CDATA section runs to the end, a DOCTYPE internal subset is skipped
 * whole (its entities are never read, let alone expanded).
 */
import type { TagEvents } from './tag-reader';

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c;
}

/** Characters that end a tag or attribute name. */
function endsName(c: number): boolean {
  return c <= 0x20 || c === 0x2f || c === 0x3e || c === 0x3c || c === 0x3d || c === 0x22 || c === 0x27;
}

function startsName(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0x80;
}

function skipDeclaration(text: string, from: number): number {
  // `<!DOCTYPE x [ … ]>`: a '>' inside the brackets does not end it.
  let depth = 0;
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5b) depth++;
    else if (c === 0x5d) depth--;
    else if (c === 0x3e && depth <= 0) return j;
  }
  return text.indexOf('>', from);
}

/** The attributes of every tag that has none: shared, so attribute-less tags (most of a feed's) allocate no object. */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({});

/** `onOpen` gets a frozen, shared empty object for a tag without attributes: its receiver must not write to it. */
export function scanXml(text: string, events: TagEvents): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt === -1) {
      events.onText?.(i, n);
      return;
    }
    if (lt > i) events.onText?.(i, lt);
    const c = text.charCodeAt(lt + 1);

    if (c === 0x21) {
      // <!-- comment -->, <![CDATA[ … ]]>, <!DOCTYPE …>
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        i = end === -1 ? n : end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        events.onCdata?.(lt + 9, end === -1 ? n : end);
        i = end === -1 ? n : end + 3;
      } else {
        const end = skipDeclaration(text, lt + 2);
        events.onDeclaration?.(text.slice(lt + 1, end === -1 ? n : end));
        i = end === -1 ? n : end + 1;
      }
      continue;
    }

    if (c === 0x3f) {
      // <?xml …?> and other processing instructions
      const end = text.indexOf('>', lt + 2);
      events.onDeclaration?.(text.slice(lt + 1, end === -1 ? n : end));
      i = end === -1 ? n : end + 1;
      continue;
    }

    if (c === 0x2f) {
      let j = lt + 2;
      while (j < n && !endsName(text.charCodeAt(j))) j++;
      if (j === lt + 2) {
        events.onText?.(lt, lt + 2);
        i = lt + 2;
        continue;
      }
      events.onClose(text.slice(lt + 2, j).toLowerCase());
      if (text.charCodeAt(j) === 0x3e) {
        // the usual `</name>`: no need to look further
        i = j + 1;
        continue;
      }
      const gt = text.indexOf('>', j);
      const nextLt = text.indexOf('<', j);
      // `</title <link>`: a close tag missing its '>' ends where the next tag starts
      i = gt === -1 ? n : nextLt !== -1 && nextLt < gt ? nextLt : gt + 1;
      continue;
    }

    if (!startsName(c)) {
      events.onText?.(lt, lt + 1);
      i = lt + 1;
      continue;
    }

    let j = lt + 1;
    while (j < n && !endsName(text.charCodeAt(j))) j++;
    const name = text.slice(lt + 1, j).toLowerCase();
    let attrs: Record<string, string> | undefined;
    let selfClosing = false;
    for (;;) {
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (j >= n) break;
      const ch = text.charCodeAt(j);
      if (ch === 0x3e) {
        j++;
        break;
      }
      if (ch === 0x2f) {
        if (text.charCodeAt(j + 1) === 0x3e) {
          selfClosing = true;
          j += 2;
          break;
        }
        j++;
        continue;
      }
      // `<item <title>`: this tag never ended; the next one starts here
      if (ch === 0x3c) break;
      const nameStart = j;
      while (j < n && !endsName(text.charCodeAt(j))) j++;
      if (j === nameStart) {
        j++; // a stray '=' or quote
        continue;
      }
      const attrName = text.slice(nameStart, j).toLowerCase();
      let k = j;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      attrs ??= {};
      if (text.charCodeAt(k) !== 0x3d) {
        if (!(attrName in attrs)) attrs[attrName] = '';
        continue;
      }
      k++;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      const quote = text.charCodeAt(k);
      let value: string;
      if (quote === 0x22 || quote === 0x27) {
        let end = text.indexOf(quote === 0x22 ? '"' : "'", k + 1);
        if (end === -1) end = n;
        value = text.slice(k + 1, end);
        j = end + 1;
      } else {
        let end = k;
        while (end < n) {
          const a = text.charCodeAt(end);
          if (isSpace(a) || a === 0x3e || a === 0x3c || (a === 0x2f && text.charCodeAt(end + 1) === 0x3e)) break;
          end++;
        }
        value = text.slice(k, end);
        j = end;
      }
      if (!(attrName in attrs)) attrs[attrName] = value;
    }
    events.onOpen(name, attrs ?? NO_ATTRIBUTES, selfClosing, lt);
    i = j;
  }
}
