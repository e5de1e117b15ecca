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

describe('account calls', () => {
  const signIn = { service: 'freshrss', serverUrl: 'https://rss.example', userName: 'ann', password: 'hunter2-secret' };
  const id = 'acct-0f8fad5b-d9cb-469f-a165-70867728950e';

  it('accepts a sign-in and an API call below the account\'s API', () => {
    expect(validateHostArgs('addAccount', [signIn]).ok).toBe(true);
    expect(validateHostArgs('accountRequest', [id, { method: 'GET', path: 'reader/api/0/stream/contents/user/-/state/com.google/reading-list', query: [['n', '500']] }]).ok).toBe(true);
    expect(validateHostArgs('accountRequest', [id, { method: 'POST', path: '', form: [['mark', 'item']] }]).ok).toBe(true);
  });

  it('refuses other schemes, paths that leave the API, and made-up account ids, without quoting the password', () => {
    for (const bad of [
      ['addAccount', [{ ...signIn, serverUrl: 'file:///etc/passwd' }]],
      ['addAccount', [{ ...signIn, password: '' }]],
      ['addAccount', [{ ...signIn, service: 'feedly' }]],
      ['accountRequest', [id, { method: 'GET', path: '../../admin' }]],
      ['accountRequest', [id, { method: 'GET', path: 'https://evil.example/x' }]],
      ['accountRequest', [id, { method: 'DELETE', path: 'x' }]],
      ['accountRequest', ['local', { method: 'GET', path: 'x' }]],
      ['signInAgain', [id, 'x'.repeat(5000)]],
    ] as const) {
      const result = validateHostArgs(bad[0], bad[1]);
      expect(result.ok, JSON.stringify(bad)).toBe(false);
      if (!result.ok) expect(result.error.message).not.toContain('hunter2');
    }
  });
});
