/**
 * The tolerant XML reader behind RSS, RDF, Atom and OPML: a forgiving scanner (xml-scanner.ts) feeds a light element
 * tree that never fails. Unclosed and mis-nested tags are closed here (a field such as <title> left open is closed by
 * the next field, an <item> or <entry> is never nested in another), undeclared HTML entities are decoded with the full
 * HTML entity table, an unescaped `&` stays a literal `&`, and CDATA is taken as is.
 *
 * Why this tokenizer, by measurement (tests/fixtures/feeds, bench/feeds.ts corpus of 31 MB, Node 20):
 * - rss-parser (xml2js/sax) throws on 25 of our 173 XML fixtures; htmlparser2's Tokenizer in XML mode and our scanner
 *   both read all 173 with the same results (the tree builder does the recovery, not the tokenizer).
 * - Tokenizing the corpus: htmlparser2 Tokenizer ~90 ms, our scanner ~19 ms (it skips text and CDATA with indexOf).
 * - htmlparser2's Parser keeps its element stack with Array#unshift, so 200,000 nested tags took 15 s; here the stack is
 *   ours and capped.
 * Guards: user-defined DOCTYPE entities are never expanded (the scanner skips the internal subset, so a billion-laughs
 * document is read in linear time), elements nested deeper than MAX_DEPTH are dropped with their content (so every
 * recursive helper is bounded), a close tag looks for its element among the top 64 open ones only, and items/entries
 * past the readers' cap (MAX_KEPT_ENTRIES per parent) are skipped without being kept, so memory is bounded by the cap,
 * not by the document.
 */
import { scanXml } from './xml-scanner';
import { decodeAttributeEntities, decodeEntities } from './text';
import { resolveUrl } from './urls';

export const MAX_DEPTH = 256;

export interface XmlElement {
  /** Namespace key: a short name for the namespaces feeds use ('atom', 'rss', 'dc', 'content', 'media', …), '' for none, else the URI. */
  ns: string;
  /** Local name, lower case. */
  name: string;
  /** Qualified name as written (lower case), for re-serialising HTML carried raw. */
  qname: string;
  /** Attributes by qualified name (lower case), entities decoded. */
  attrs: Record<string, string>;
  children: XmlNode[];
  /** The absolute xml:base in scope, when this element or an ancestor declared one. */
  base?: string;
  /** Index of the element's `<` in the source text. */
  start: number;
}

export type XmlNode = XmlElement | string;

export interface XmlDocument {
  /** Top-level elements (usually one). */
  roots: XmlElement[];
  /** A `<!DOCTYPE html>` was seen. */
  htmlDoctype: boolean;
  /** Elements dropped for being nested deeper than MAX_DEPTH. */
  droppedDeep: number;
}

const KNOWN_NAMESPACES: Record<string, string> = {
  'www.w3.org/2005/atom': 'atom',
  'purl.org/atom/ns': 'atom',
  'purl.org/rss/1.0': 'rss',
  'my.netscape.com/rdf/simple/0.9': 'rss',
  'backend.userland.com/rss2': 'rss',
  'www.w3.org/1999/02/22-rdf-syntax-ns': 'rdf',
  'purl.org/rss/1.0/modules/content': 'content',
  'purl.org/dc/elements/1.1': 'dc',
  'purl.org/dc/terms': 'dcterms',
  'search.yahoo.com/mrss': 'media',
  'www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'purl.org/rss/1.0/modules/slash': 'slash',
  'www.w3.org/1999/xhtml': 'xhtml',
  'www.w3.org/xml/1998/namespace': 'xml',
};

/** Prefixes feeds use without declaring them, mapped to the namespace they always mean. */
const CONVENTIONAL_PREFIXES: Record<string, string> = {
  atom: 'atom', atom03: 'atom', rdf: 'rdf', content: 'content', dc: 'dc', dcterms: 'dcterms', media: 'media',
  itunes: 'itunes', slash: 'slash', xhtml: 'xhtml', xml: 'xml', rss: 'rss',
};

const KNOWN_KEYS = new Set(Object.values(KNOWN_NAMESPACES));

/** True for the short keys of the vocabularies we read ('atom', 'media'…), false for '' and for any other namespace. */
export function isKnownNamespace(ns: string): boolean {
  return KNOWN_KEYS.has(ns);
}

export function namespaceKey(uri: string): string {
  const normalized = uri
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[/#]+$/, '');
  return KNOWN_NAMESPACES[normalized] ?? uri.trim();
}

type Scope = Record<string, string>;

/** Text-only feed fields: when one of FIELD_NAMES opens inside one of these, the field was left unclosed. */
const LEAF_NAMES = new Set(['title', 'link', 'guid', 'pubdate', 'author', 'category', 'comments', 'creator', 'date', 'updated', 'published', 'id']);

/**
 * Whether an open element is one of the text-only fields, so that a field opening inside it means it was left
 * unclosed (`<title>No close<link>…`). Only in the vocabularies where those names hold text, and only while it holds no
 * element: an Atom person (`<author xmlns="…Atom"><name>…</name><title>Director</title>`), an iTunes category (which
 * nests), or any element of another vocabulary may hold a `title` or a `link` of its own, which stays inside it rather
 * than becoming the item's.
 */
function isOpenTextField(el: XmlElement): boolean {
  if (!LEAF_NAMES.has(el.name)) return false;
  const { ns } = el;
  if (ns !== '' && ns !== 'rss' && ns !== 'dc' && ns !== 'dcterms' && !(ns === 'atom' && el.name !== 'author')) return false;
  for (const child of el.children) if (typeof child !== 'string') return false;
  return true;
}
const FIELD_NAMES = new Set([...LEAF_NAMES, 'item', 'entry', 'description', 'enclosure', 'encoded', 'summary', 'content']);
/** Namespaces of the feed's own elements and the text fields within them (see SIBLING_ONLY). */
const FEED_VOCABULARIES = new Set(['', 'rss', 'atom', 'rdf', 'content', 'dc', 'dcterms']);
/**
 * Elements that never nest: a second one opening inside the first means the first was left unclosed, unless an element
 * of another vocabulary stands between them.
 */
const SIBLING_ONLY = new Set(['item', 'entry']);

/** A close tag is matched against at most this many open elements; further down it is treated as stray. */
const CLOSE_SEARCH_LIMIT = 64;

/**
 * Children of one element kept per kind of feed entry (RSS/RDF item, Atom entry); the readers read no more than this
 * (items.ts MAX_ITEMS), so later ones are not kept: a hostile feed of a million items costs time, not memory.
 */
export const MAX_KEPT_ENTRIES = 100_000;

/**
 * 1 for an RSS/RDF item, 2 for an Atom entry (as rss.ts and atom.ts recognise them: in their own namespace, none, or
 * the namespace of the document's root), else 0.
 */
function entryKind(ns: string, name: string, rootNs: string): number {
  if (name === 'item') return ns === '' || ns === 'rss' || ns === rootNs ? 1 : 0;
  if (name === 'entry') return ns === '' || ns === 'atom' || ns === rootNs ? 2 : 0;
  return 0;
}

/** Reads any XML-ish text into an element tree. Never throws; time is linear in the input whatever its nesting. */
export function readXml(text: string, documentUrl: string | undefined): XmlDocument {
  const roots: XmlElement[] = [];
  const open: XmlElement[] = [];
  // Namespace scope of each open element (shared with the parent's unless it declared a prefix).
  const scopes: Scope[] = [];
  const rootScope: Scope = { '': '' };
  let droppedDeep = 0;
  // Elements open below MAX_DEPTH are not kept; only their count matters, to know when we are back.
  let dropping = 0;
  let htmlDoctype = false;
  let pending = '';
  // Entries past MAX_KEPT_ENTRIES stay on the open stack, so that unclosed and mis-nested tags are recovered exactly as
  // for kept ones, but they and everything inside them are attached nowhere: from index `discardFrom` of `open` up.
  let discardFrom = -1;
  // Per open element: how many RSS items and Atom entries it holds so far.
  const itemCounts: number[] = [];
  const entryCounts: number[] = [];

  const flushText = (): void => {
    if (pending === '') return;
    const parent = open[open.length - 1];
    if (parent && discardFrom === -1) {
      const last = parent.children[parent.children.length - 1];
      if (typeof last === 'string') parent.children[parent.children.length - 1] = last + pending;
      else parent.children.push(pending);
    }
    pending = '';
  };

  // Stand-ins for discarded elements on the open stack, one per name (they hold nothing), so that skipping a million
  // entries allocates next to nothing. Capped, in case a document invents a new name for every tag.
  const ghosts = new Map<string, XmlElement>();
  const ghost = (qname: string, name: string): XmlElement => {
    let element = ghosts.get(qname);
    if (element === undefined) {
      element = { ns: '', name, qname, attrs: {}, children: [], start: -1 };
      if (ghosts.size < 256) ghosts.set(qname, element);
    }
    return element;
  };

  const pushOpen = (element: XmlElement, scope: Scope): void => {
    open.push(element);
    scopes.push(scope);
    itemCounts.push(0);
    entryCounts.push(0);
  };

  // Popping one by one: assigning `length` is a runtime call in V8, several times slower for the usual one or two.
  const closeTo = (length: number): void => {
    while (open.length > length) {
      open.pop();
      scopes.pop();
      itemCounts.pop();
      entryCounts.pop();
    }
    if (length <= discardFrom) discardFrom = -1;
  };

  scanXml(text, {
    onOpen(qname, attribs, selfClosing, start) {
      if (dropping > 0 || open.length >= MAX_DEPTH) {
        droppedDeep++;
        if (!selfClosing) dropping++;
        return;
      }
      flushText();
      const colon = qname.indexOf(':');
      const name = colon === -1 ? qname : qname.slice(colon + 1);
      if (FIELD_NAMES.has(name)) {
        const top = open[open.length - 1];
        if (top && isOpenTextField(top)) closeTo(open.length - 1);
        if (SIBLING_ONLY.has(name)) {
          for (let i = open.length - 1; i >= 0; i--) {
            const candidate = open[i]!;
            if (candidate.name === name) {
              closeTo(i);
              break;
            }
            // An <item> inside an element of another vocabulary (`<x:related><item>`) belongs to that element.
            if (!FEED_VOCABULARIES.has(candidate.ns) && candidate.ns !== open[0]!.ns) break;
          }
        }
      }

      const parent = open[open.length - 1];
      if (discardFrom !== -1) {
        // Inside a discarded entry: only the element's name matters (for closing), attributes are never read.
        if (!selfClosing) pushOpen(ghost(qname, name), rootScope);
        return;
      }

      let scope = scopes[scopes.length - 1] ?? rootScope;
      let ownScope = false;
      let xmlBase: string | undefined;
      for (const key in attribs) {
        const raw = attribs[key]!;
        const value = decodeAttributeEntities(raw);
        if (value !== raw) attribs[key] = value;
        if (key.startsWith('xmlns')) {
          if (!ownScope) {
            scope = { ...scope };
            ownScope = true;
          }
          scope[key.length === 5 ? '' : key.slice(6)] = namespaceKey(value);
        } else if (key === 'xml:base') xmlBase = value;
      }
      const prefix = colon === -1 ? '' : qname.slice(0, colon);
      const ns = scope[prefix] ?? CONVENTIONAL_PREFIXES[prefix] ?? prefix;

      const kind = parent ? entryKind(ns, name, open[0]!.ns) : 0;
      if (kind !== 0) {
        const counts = kind === 1 ? itemCounts : entryCounts;
        const top = open.length - 1;
        const seen = counts[top] ?? 0;
        if (seen >= MAX_KEPT_ENTRIES) {
          if (!selfClosing) {
            discardFrom = open.length;
            pushOpen(ghost(qname, name), scope);
          }
          return;
        }
        counts[top] = seen + 1;
      }
      const element: XmlElement = { ns, name, qname, attrs: attribs, children: [], start };
      const inherited = parent?.base;
      if (xmlBase !== undefined) {
        const resolved = resolveUrl(xmlBase, inherited ?? documentUrl);
        if (resolved !== undefined) element.base = resolved;
        else if (inherited !== undefined) element.base = inherited;
      } else if (inherited !== undefined) element.base = inherited;
      if (parent) parent.children.push(element);
      else roots.push(element);
      if (!selfClosing) pushOpen(element, scope);
    },
    onClose(qname) {
      if (dropping > 0) {
        dropping--;
        return;
      }
      const colon = qname.indexOf(':');
      const name = colon === -1 ? qname : qname.slice(colon + 1);
      const floor = Math.max(0, open.length - CLOSE_SEARCH_LIMIT);
      for (let i = open.length - 1; i >= floor; i--) {
        const candidate = open[i]!;
        if (candidate.qname === qname || candidate.name === name) {
          flushText();
          closeTo(i);
          return;
        }
      }
      // A close tag with no open element: stray, ignored.
    },
    onText(start, end) {
      if (dropping > 0 || open.length === 0 || discardFrom !== -1) return;
      pending += decodeEntities(text.slice(start, end));
    },
    onCdata(start, end) {
      if (dropping > 0 || open.length === 0 || discardFrom !== -1) return;
      pending += text.slice(start, end);
    },
    onDeclaration(value) {
      if (/^!doctype\s+html\b/i.test(value)) htmlDoctype = true;
    },
  });
  flushText();
  return { roots, htmlDoctype, droppedDeep };
}

/** Concatenated text of an element and its descendants. */
export function textOf(element: XmlElement): string {
  const { children } = element;
  if (children.length === 1 && typeof children[0] === 'string') return children[0];
  let out = '';
  for (const child of children) out += typeof child === 'string' ? child : textOf(child);
  return out;
}

const VOID_ELEMENTS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
]);

function escapeText(value: string): string {
  return value.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeAttr(value: string): string {
  return value.replace(/[&"<]/g, (c) => (c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&lt;'));
}

/**
 * Serialises the children of an element as HTML (for HTML carried raw inside a feed element, or Atom xhtml content);
 * with `literal`, as the markup a person would read, text unescaped (for tags written inside a plain-text field).
 */
export function innerHtml(element: XmlElement, literal = false): string {
  let out = '';
  for (const child of element.children) {
    if (typeof child === 'string') {
      out += literal ? child : escapeText(child);
      continue;
    }
    // HTML has no prefixes: drop the xhtml one Atom uses.
    const tag = child.ns === 'xhtml' ? child.name : child.qname;
    out += `<${tag}`;
    for (const key in child.attrs) {
      if (key.startsWith('xmlns')) continue;
      out += ` ${key}="${escapeAttr(child.attrs[key]!)}"`;
    }
    out += '>';
    out += innerHtml(child, literal);
    if (!VOID_ELEMENTS.has(child.name)) out += `</${tag}>`;
  }
  return out;
}

/** True when an element holds elements (raw HTML) rather than only text. */
export function hasElementChildren(element: XmlElement): boolean {
  for (const child of element.children) if (typeof child !== 'string') return true;
  return false;
}

/**
 * The HTML an element carries: raw child elements re-serialised, or else its text (which is the HTML when the feed
 * escaped it or used CDATA).
 */
export function htmlOf(element: XmlElement): string {
  return hasElementChildren(element) ? innerHtml(element) : textOf(element);
}

/** Finds the first element matching a predicate, breadth-first within a few levels. */
export function findElement(roots: XmlElement[], match: (el: XmlElement) => boolean, maxLevels = 4): XmlElement | undefined {
  let level: XmlElement[] = roots;
  for (let i = 0; i < maxLevels && level.length > 0; i++) {
    const next: XmlElement[] = [];
    for (const el of level) {
      if (match(el)) return el;
      for (const child of el.children) if (typeof child !== 'string') next.push(child);
    }
    level = next;
  }
  return undefined;
}
