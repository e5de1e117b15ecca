/**
 * Tracking pixels: images that exist to report that an article was read. They are neither stored nor shown.
 * A host listed bare matches itself and its subdomains; with a path prefix it matches only under that path.
 */
const TRACKER_RULES: readonly string[] = [
  'feeds.feedburner.com/~r/',
  'feeds.feedburner.com/~ff/',
  'feedproxy.google.com/~r/',
  'pixel.wp.com',
  'stats.wordpress.com',
  'feeds.wordpress.com/1.0/',
  'google-analytics.com',
  'doubleclick.net',
  'feedblitz.com',
  'mf.feeds.reuters.com',
  'pixel.quantserve.com',
  'scorecardresearch.com',
  'feedsportal.com',
  'assoc-amazon.com',
  'facebook.com/tr',
  'pixel.mathtag.com',
  'analytics.twitter.com',
  'counter.theconversation.com',
  'newsletter-tracking',
  'rss.buysellads.com',
];

interface Rule {
  host: string;
  path: string;
}

const rules: readonly Rule[] = TRACKER_RULES.map((rule) => {
  const slash = rule.indexOf('/');
  return slash === -1 ? { host: rule, path: '' } : { host: rule.slice(0, slash), path: rule.slice(slash) };
});

/** A URL on a known tracker host (or path). Unparseable URLs are not trackers: the caller drops them anyway. */
export function isTrackerUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  return rules.some(
    (rule) => (host === rule.host || host.endsWith(`.${rule.host}`)) && (rule.path === '' || url.pathname.startsWith(rule.path)),
  );
}

function dimension(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const parsed = Number.parseFloat(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** An <img> that is a tracking pixel: a known tracker URL, or sized 0 or 1 pixel by its attributes. */
export function isTrackingImage(src: string, width?: string | null, height?: string | null): boolean {
  const w = dimension(width);
  const h = dimension(height);
  if ((w !== undefined || h !== undefined) && (w ?? 0) <= 1 && (h ?? 0) <= 1) return true;
  return isTrackerUrl(src);
}
