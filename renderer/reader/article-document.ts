/**
 * The document shown in the reader's sandboxed frame: the sanitised article in readable typography
 * (a 60–75 character measure, serif by default) that follows the app's colour scheme.
 */
import { escapeHtml } from '../../shared/feeds/text';
import { isHttpUrl } from '../../shared/host-schema';
import { sanitizeArticleHtml } from './sanitize';

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
}

export interface ReaderPreferences {
  colorScheme: 'light' | 'dark' | 'light dark';
  fontFamily: 'serif' | 'sans' | 'mono';
  fontSizePx: number;
  lineHeight: number;
}

export const defaultReaderPreferences: ReaderPreferences = {
  colorScheme: 'light dark',
  fontFamily: 'serif',
  fontSizePx: 18,
  lineHeight: 1.6,
};

const readerFonts: Record<ReaderPreferences['fontFamily'], string> = {
  serif: "'Iowan Old Style', 'Palatino Linotype', Palatino, Georgia, 'Noto Serif', 'DejaVu Serif', serif",
  sans: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  mono: "ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
};

function readerCss(preferences: ReaderPreferences): string {
  const family = readerFonts[preferences.fontFamily];
  return `
:root { color-scheme: ${preferences.colorScheme}; }
html { background: light-dark(#fbfaf7, #1c1d21); color: light-dark(#1d1f23, #e6e4df); }
body { margin: 0; padding: 36px 40px 80px; font: ${preferences.fontSizePx}px/${preferences.lineHeight} ${family};
  overflow-wrap: break-word; }
main { max-width: 68ch; margin: 0 auto; }
header { margin-bottom: 28px; font-family: system-ui, sans-serif; }
.feed { font-size: 13px; text-transform: uppercase; letter-spacing: .06em; color: light-dark(#555960, #a5a8ae); }
h1.title { font: 700 1.75em/1.2 ${family}; margin: 8px 0 10px; }
h1.title a { color: inherit; text-decoration: none; }
h1.title a:hover { text-decoration: underline; }
.byline { font-size: 14px; color: light-dark(#555960, #a5a8ae); }
a { color: light-dark(#2f5fb3, #7ea6f2); }
img, video, svg, canvas { max-width: 100%; height: auto; }
figure { margin: 1.5em 0; } figcaption { font-size: .85em; color: light-dark(#555960, #a5a8ae); }
pre, code, kbd { font-family: ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace; font-size: .88em; }
pre { overflow-x: auto; padding: 12px 14px; border-radius: 6px; background: light-dark(#f0eee8, #25272c); line-height: 1.45; }
kbd { padding: 0 5px; border: 1px solid light-dark(#d5d1c8, #3a3d44); border-bottom-width: 2px; border-radius: 4px; font-size: .8em; }
blockquote { margin: 1.2em 0; padding-left: 1em; border-left: 3px solid light-dark(#dedad2, #3a3d44); color: light-dark(#40444b, #c4c2bd); }
table { border-collapse: collapse; width: 100%; font-size: .85em; display: block; overflow-x: auto; }
th, td { border-bottom: 1px solid light-dark(#dedad2, #33363c); padding: 6px 10px 6px 0; text-align: start; vertical-align: top; }
audio, video { width: 100%; margin: 8px 0; }
.enclosures { margin-top: 2em; }
hr { border: 0; border-top: 1px solid light-dark(#dedad2, #33363c); }
`;
}

/** Audio and video enclosures (podcasts) get a native player; other files a link. Only http(s) sources. */
function enclosuresHtml(enclosures: NonNullable<ReaderArticle['enclosures']>): string {
  const items = enclosures
    .filter((enclosure) => isHttpUrl(enclosure.url))
    .map((enclosure) => {
      const src = escapeHtml(enclosure.url);
      const type = enclosure.type ?? '';
      if (type.startsWith('audio/')) return `<audio controls preload="none" src="${src}"></audio>`;
      if (type.startsWith('video/')) return `<video controls preload="none" src="${src}"></video>`;
      if (type.startsWith('image/')) return '';
      return `<a href="${src}">${escapeHtml(enclosure.url.split('/').pop() || enclosure.url)}</a>`;
    })
    .filter(Boolean);
  return items.length === 0 ? '' : `<section class="enclosures" aria-label="Attachments">${items.join('\n')}</section>`;
}

/** A complete HTML document for the frame's srcdoc; `dir="auto"` lets right-to-left articles read right to left. */
export function articleDocument(article: ReaderArticle, preferences: ReaderPreferences, locale?: string): string {
  const date =
    article.published === undefined
      ? ''
      : new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(article.published);
  const byline = [article.author, date].filter(Boolean).map((part) => escapeHtml(String(part))).join(' · ');
  const title = article.url && isHttpUrl(article.url)
    ? `<a href="${escapeHtml(article.url)}">${escapeHtml(article.title)}</a>`
    : escapeHtml(article.title);
  return `<!doctype html><html><head><meta charset="utf-8"><style>${readerCss(preferences)}</style></head>
<body><main><article dir="auto">
<header><div class="feed">${escapeHtml(article.feedTitle)}</div><h1 class="title">${title}</h1>
<div class="byline">${byline}</div></header>
<div class="content">${sanitizeArticleHtml(article.html, { ...(article.storedImages ? { storedImages: article.storedImages } : {}), ...(article.url ? { baseUrl: article.url } : {}) })}</div>
${enclosuresHtml(article.enclosures ?? [])}
</article></main></body></html>`;
}
