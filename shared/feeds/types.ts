/** The parsed form of any feed (RSS, RDF, Atom, JSON Feed); the contract of shared/feeds. */
export interface ParsedFeed {
  format: 'rss' | 'rdf' | 'atom' | 'json';
  /** Plain text, entities decoded, trimmed ('' when absent). */
  title: string;
  /** Absolute. */
  siteUrl?: string;
  /** Absolute, from atom:link rel=self / feed_url. */
  selfUrl?: string;
  /** Plain text. */
  description?: string;
  language?: string;
  /** Absolute. */
  imageUrl?: string;
  ttlMinutes?: number;
  /** The feed's own categories (RSS/Atom category, iTunes and Media RSS categories), in document order; absent when none. */
  categories?: string[];
  /** In document order. */
  items: ParsedItem[];
}

export interface ParsedEnclosure {
  url: string;
  type?: string;
  length?: number;
}

export interface ParsedItem {
  /** rss guid / atom id / json id, as given. */
  guid?: string;
  /** Absolute permalink. */
  url?: string;
  /** Plain text. */
  title?: string;
  /** Plain text name(s). */
  author?: string;
  /** HTML. */
  summary?: string;
  /** HTML (content:encoded, atom content, content_html; text converted to escaped HTML). */
  content?: string;
  /** Epoch ms, UTC. */
  published?: number;
  /** Epoch ms, UTC. */
  updated?: number;
  categories: string[];
  enclosures: ParsedEnclosure[];
  /** media:thumbnail / media:content image / json image. */
  imageUrl?: string;
}

export interface DiscoveredFeed {
  url: string;
  title?: string;
  type: string;
}

/** One subscription read from OPML. */
export interface OpmlFeed {
  xmlUrl: string;
  title: string;
  htmlUrl?: string;
}

/** A top-level OPML folder; `title: ''` holds the feeds that were not inside any folder. */
export interface OpmlFolder {
  title: string;
  feeds: OpmlFeed[];
}
