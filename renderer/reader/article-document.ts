/**
 * The document shown in the reader's sandboxed frame: the sanitised article in readable typography
 * (a 60–75 character measure, serif by default) that follows the app's colour scheme.
 */
import { escapeHtml } from '../../shared/feeds/text';
import { formattersFor } from '../../shared/i18n/format';
import { isHttpUrl } from '../../shared/host-schema';
import { sanitizeArticleHtml } from './sanitize';
import { directionOf } from '../../shared/i18n/locales';

export interface ReaderArticle {
  title: string;
  url?: string;
  author?: string;
  feedTitle: string;
  published?: number;
  html: string;
  enclosures?: readonly { url: string; type?: string; length?: number }[];
  /** Web URL → object URL of stored images (renderer/offline): shown from the store instead of the network. */
  storedImages?: ReadonlyMap<string, string>;
  /** Enclosure URL → object URL of an episode downloaded for offline listening. */
  storedEnclosures?: ReadonlyMap<string, string>;
  /** The article's language when it is known (the welcome article is written in the window's); else its text decides. */
  lang?: string;
}

export interface ReaderPreferences {
  /** 'sepia' is a warm light palette; 'light dark' follows the system. */
  colorScheme: 'light' | 'dark' | 'light dark' | 'sepia';
  fontFamily: 'serif' | 'sans' | 'mono';
  fontSizePx: number;
  lineHeight: number;
  /** The window's language: the byline's date is written in it, and so are the few words the frame adds. */
  locale: string;
  labels: { attachments: string; untitled: string };
}

export const defaultReaderPreferences: ReaderPreferences = {
  colorScheme: 'light dark',
  fontFamily: 'serif',
  fontSizePx: 18,
  lineHeight: 1.6,
  locale: 'en',
  labels: { attachments: 'Attachments', untitled: '(untitled)' },
};

const readerFonts: Record<ReaderPreferences['fontFamily'], string> = {
  serif: "'Iowan Old Style', 'Palatino Linotype', Palatino, Georgia, 'Noto Serif', 'DejaVu Serif', serif",
  sans: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  mono: "ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
};

/** The reader's colours: light and dark pairs that follow the colour scheme, or one warm sepia set. */
const readerPalettes = {
  auto: {
    bg: 'light-dark(#fbfaf7, #1c1d21)', fg: 'light-dark(#1d1f23, #e6e4df)', muted: 'light-dark(#555960, #a5a8ae)',
    link: 'light-dark(#2f5fb3, #7ea6f2)', code: 'light-dark(#f0eee8, #25272c)', rule: 'light-dark(#dedad2, #33363c)',
    quote: 'light-dark(#40444b, #c4c2bd)',
  },
  sepia: { bg: '#f6efdf', fg: '#3b3024', muted: '#65563f', link: '#7a4a12', code: '#eadfc6', rule: '#d9caa8', quote: '#4f4231' },
} as const;

function readerCss(preferences: ReaderPreferences): string {
  const family = readerFonts[preferences.fontFamily];
  const colours = readerPalettes[preferences.colorScheme === 'sepia' ? 'sepia' : 'auto'];
  const scheme = preferences.colorScheme === 'sepia' ? 'light' : preferences.colorScheme;
  return `
:root { color-scheme: ${scheme}; --bg: ${colours.bg}; --fg: ${colours.fg}; --muted: ${colours.muted}; --link: ${colours.link};
  --code: ${colours.code}; --rule: ${colours.rule}; --quote: ${colours.quote}; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0; padding: 36px 40px 80px; font: ${preferences.fontSizePx}px/${preferences.lineHeight} ${family};
  overflow-wrap: break-word; }
main { max-width: 68ch; margin: 0 auto; }
header { margin-bottom: 28px; font-family: system-ui, sans-serif; }
.feed { font-size: 13px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
h1.title { font: 700 1.75em/1.2 ${family}; margin: 8px 0 10px; }
h1.title a { color: inherit; text-decoration: none; }
h1.title a:hover { text-decoration: underline; }
.byline { font-size: 14px; color: var(--muted); }
a { color: var(--link); }
img, video, svg, canvas { max-width: 100%; height: auto; }
figure { margin: 1.5em 0; } figcaption { font-size: .85em; color: var(--muted); }
pre, code, kbd { font-family: ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace; font-size: .88em; }
pre { overflow-x: auto; padding: 12px 14px; border-radius: 6px; background: var(--code); line-height: 1.45; }
kbd { padding: 0 5px; border: 1px solid var(--rule); border-bottom-width: 2px; border-radius: 4px; font-size: .8em; }
blockquote { margin: 1.2em 0; padding-left: 1em; border-left: 3px solid var(--rule); color: var(--quote); }
table { border-collapse: collapse; width: 100%; font-size: .85em; display: block; overflow-x: auto; }
th, td { border-bottom: 1px solid var(--rule); padding: 6px 10px 6px 0; text-align: start; vertical-align: top; }
audio, video { width: 100%; margin: 8px 0; }
.enclosures { margin-top: 2em; }
hr { border: 0; border-top: 1px solid var(--rule); }
`;
}

/** Audio and video enclosures (podcasts) get a native player; other files a link. Only http(s) sources. */
function enclosuresHtml(enclosures: NonNullable<ReaderArticle['enclosures']>, stored: ReadonlyMap<string, string> | undefined, label: string): string {
  const items = enclosures
    .filter((enclosure) => isHttpUrl(enclosure.url))
    .map((enclosure) => {
      // A downloaded episode plays from its stored blob (an object URL this page made), offline too.
      const storedUrl = stored?.get(enclosure.url);
      const media = storedUrl?.startsWith('blob:') ? escapeHtml(storedUrl) : escapeHtml(enclosure.url);
      const src = escapeHtml(enclosure.url);
      const type = enclosure.type ?? '';
      if (type.startsWith('audio/')) return `<audio controls preload="none" src="${media}"></audio>`;
      if (type.startsWith('video/')) return `<video controls preload="none" src="${media}"></video>`;
      if (type.startsWith('image/')) return '';
      return `<a href="${src}">${escapeHtml(enclosure.url.split('/').pop() || enclosure.url)}</a>`;
    })
    .filter(Boolean);
  return items.length === 0 ? '' : `<section class="enclosures" aria-label="${escapeHtml(label)}">${items.join('\n')}</section>`;
}

/** A complete HTML document for the frame's srcdoc; `dir="auto"` lets right-to-left articles read right to left. */
export function articleDocument(article: ReaderArticle, preferences: ReaderPreferences): string {
  const date = article.published === undefined ? '' : formattersFor(preferences.locale).longDateTime(article.published);
  const byline = [article.author, date].filter(Boolean).map((part) => escapeHtml(String(part))).join(' · ');
  const title = article.url && isHttpUrl(article.url)
    ? `<a href="${escapeHtml(article.url)}">${escapeHtml(article.title)}</a>`
    : escapeHtml(article.title);
  return `<!doctype html><html><head><meta charset="utf-8"><style>${readerCss(preferences)}</style></head>
<body><main><article ${article.lang ? `lang="${escapeHtml(article.lang)}" dir="${directionOf(article.lang)}"` : 'dir="auto"'}>
<header><div class="feed">${escapeHtml(article.feedTitle)}</div><h1 class="title">${title}</h1>
<div class="byline">${byline}</div></header>
<div class="content">${sanitizeArticleHtml(article.html, { ...(article.storedImages ? { storedImages: article.storedImages } : {}), ...(article.url ? { baseUrl: article.url } : {}) })}</div>
${enclosuresHtml(article.enclosures ?? [], article.storedEnclosures, preferences.labels.attachments)}
</article></main></body></html>`;
}
