import { describe, expect, it } from 'vitest';
import { isHttpUrl, validateHostArgs } from '../../../shared/host-schema';
import { contentTypeFor, staticFilePath } from '../../../shared/static-files';

describe('host argument validation', () => {
  it('accepts only absolute http(s) URLs', () => {
    expect(isHttpUrl('https://example.com/feed')).toBe(true);
    expect(isHttpUrl('http://127.0.0.1:8080/x')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'data:,x', 'feed.xml', '//example.com', 'https://', 'ftp://example.com']) {
      expect(isHttpUrl(bad), bad).toBe(false);
    }
  });

  it('names the offending field in its message', () => {
    const result = validateHostArgs('fetchFeed', [{ url: 'gopher://x' }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/url.*only http and https/);
  });

  it('trims whitespace around a URL', () => {
    expect(validateHostArgs('fetchPage', ['  https://example.com/  '])).toEqual({ ok: true, value: ['https://example.com/'] });
  });

  it('rejects extra arguments', () => {
    expect(validateHostArgs('appInfo', ['surprise']).ok).toBe(false);
  });
});

describe('static file paths', () => {
  it('maps / to index.html and keeps nested paths', () => {
    expect(staticFilePath('/')).toBe('index.html');
    expect(staticFilePath('/assets/index-abc.js')).toBe('assets/index-abc.js');
  });

  it.each(['/../etc/passwd', '/assets/../../x', '/%2e%2e/x', '/a%5c..%5cb', '/a%00b', '/%E0%A4%A'])('refuses %s', (pathname) => {
    expect(staticFilePath(pathname)).toBeNull();
  });

  it('gives scripts and pages their content types', () => {
    expect(contentTypeFor('assets/a.js')).toContain('text/javascript');
    expect(contentTypeFor('index.html')).toContain('text/html');
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream');
  });
});
