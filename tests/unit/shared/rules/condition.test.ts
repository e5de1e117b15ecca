import { describe, expect, it } from 'vitest';
import { compileCondition, type MatchInput } from '../../../../shared/rules/condition';
import { compilePattern, maxCharsFor, MAX_MATCH_CHARS } from '../../../../shared/rules/pattern';
import { decide, inScope, type CompiledRule, type ScopeFeed } from '../../../../shared/rules/rule-set';
import type { RuleRow } from '../../../../shared/db/schema';

const article = (patch: Partial<MatchInput> = {}): MatchInput => ({
  title: 'Apple announces the iPhone 17 Pro',
  author: 'Jane Doe',
  summary: 'The new phone has a titanium frame.',
  text: () => 'Full story: the keynote in Cupertino showed a faster chip and a sponsored segment.',
  feedTitle: 'Ars Technica',
  folderTitle: 'Tech news',
  published: Date.UTC(2025, 0, 15),
  ...patch,
});

function matches(condition: string, input: MatchInput = article()): boolean {
  const compiled = compileCondition(condition);
  if (!compiled.ok) throw new Error(compiled.error.message);
  return compiled.condition.matches(input);
}

describe('rule conditions (the search language, one article at a time)', () => {
  it('matches plain words as whole words in any field, case and accents ignored', () => {
    expect(matches('iphone')).toBe(true);
    expect(matches('IPHONE titanium')).toBe(true);
    expect(matches('cupertino')).toBe(true); // in the article text
    expect(matches('jane')).toBe(true); // in the author
    expect(matches('iph')).toBe(false); // not a word start: a rule acts without asking
    expect(matches('iphone android')).toBe(false); // every word must hold
    expect(matches('café', article({ title: 'Best CAFE in town' }))).toBe(true);
    expect(matches('東京都', article({ title: '東京都の天気' }))).toBe(true); // no spaces between Han words
    expect(matches('大阪', article({ title: '東京都の天気' }))).toBe(false);
  });

  it('matches "phrases" as words in a row within one field', () => {
    expect(matches('"iphone 17 pro"')).toBe(true);
    expect(matches('"pro iphone"')).toBe(false);
    expect(matches('"titanium frame"')).toBe(true);
    expect(matches('"doe the"')).toBe(false); // the author's last word and the summary's first are not a phrase
    expect(matches('"pro the"')).toBe(false);
  });

  it('drops articles with -word and -"phrase"', () => {
    expect(matches('apple -sponsored')).toBe(false); // sponsored is in the text
    expect(matches('apple -android')).toBe(true);
    expect(matches('-"faster chip"')).toBe(false);
    expect(matches('-"slower chip"')).toBe(true);
  });

  it('author:, title: and content: look in their own field only', () => {
    expect(matches('author:jane')).toBe(true);
    expect(matches('author:apple')).toBe(false);
    expect(matches('title:apple')).toBe(true);
    expect(matches('title:titanium')).toBe(false);
    expect(matches('content:titanium')).toBe(true); // summary
    expect(matches('content:keynote')).toBe(true); // text
    expect(matches('content:apple')).toBe(false);
  });

  it('feed: and folder: match the title of the article\'s feed and folder', () => {
    expect(matches('feed:ars')).toBe(true);
    expect(matches('feed:"ars technica"')).toBe(true);
    expect(matches('feed:verge')).toBe(false);
    expect(matches('folder:tech')).toBe(true);
    expect(matches('folder:sport')).toBe(false);
  });

  it('before: and after: compare the publish date', () => {
    expect(matches('after:2025-01-01')).toBe(true);
    expect(matches('before:2025-01-01')).toBe(false);
    expect(matches('after:2025-01-01', article({ published: null }))).toBe(false);
  });

  it('/regular expressions/ match case-insensitively, per field, and negate with -', () => {
    expect(matches('/iphone \\d+/')).toBe(true);
    expect(matches('/IPHONE 1[0-9] pro/')).toBe(true);
    expect(matches('title:/^apple/')).toBe(true);
    expect(matches('title:/titanium/')).toBe(false);
    expect(matches('content:/cupertino/')).toBe(true);
    expect(matches('author:/^jane\\b/')).toBe(true);
    expect(matches('-/sponsor(ed)?/')).toBe(false);
    expect(matches('/a b|sponsored segment/')).toBe(true); // a pattern may hold spaces
  });

  it('an empty condition matches every article (the scope alone decides)', () => {
    expect(matches('')).toBe(true);
    expect(compileCondition('  ').ok && compileCondition('  ').ok).toBe(true);
  });

  it('does not read the article text when the title already decides', () => {
    let reads = 0;
    const input = article({ text: () => (reads++, 'keynote') });
    expect(matches('content:keynote title:android', input)).toBe(false);
    expect(reads).toBe(0);
    expect(matches('content:keynote title:apple', input)).toBe(true);
    expect(reads).toBe(1);
  });
});

describe('the regular expression guard', () => {
  it('refuses a pattern that cannot compile, with the reason', () => {
    const result = compileCondition('title:/[unclosed/');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/not a valid regular expression: .*(class|terminated)/i);
    expect(compileCondition('/(/').ok).toBe(false);
  });

  it('refuses shapes that backtrack exponentially', () => {
    for (const source of ['(a+)+$', '(\\w*\\s?)*x', '(a|ab)*c', '(x+x+)+y', '(.*){3}', '(a)\\1', '(?<w>a)\\k<w>']) {
      const result = compilePattern(source);
      expect(result.ok, source).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(/exponential/);
    }
  });

  it('refuses more than three unbounded repetitions and over-long patterns', () => {
    expect(compilePattern('a+b+c+d+').ok).toBe(false);
    expect(compilePattern('a+b+c+').ok).toBe(true);
    expect(compilePattern('x'.repeat(300)).ok).toBe(false);
  });

  it('accepts ordinary patterns: classes, alternatives, bounded repeats, lookahead', () => {
    for (const source of ['iphone \\d+', '(foo|bar) baz', 'colou?r', '[a-z]{2,5}', '^\\[sponsored\\]', 'foo(?=bar)', '(?:ab)?c', 'a.*b']) {
      expect(compilePattern(source).ok, source).toBe(true);
    }
  });

  it('looks at a shorter beginning of the text the more repetitions a pattern has', () => {
    expect(maxCharsFor(0)).toBe(MAX_MATCH_CHARS);
    expect(maxCharsFor(1)).toBeLessThan(maxCharsFor(0));
    expect(maxCharsFor(2)).toBeLessThan(maxCharsFor(1));
    const result = compilePattern('needle');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.pattern.test(`${'x'.repeat(MAX_MATCH_CHARS)} needle`)).toBe(false);
    expect(result.pattern.test(`${'x'.repeat(100)} needle`)).toBe(true);
  });

  it('keeps a polynomial pattern on adversarial text within its bound', () => {
    // Three unbounded repetitions over the same characters: the worst accepted shape, on text that never matches.
    const result = compilePattern('\\w+\\w+\\w+z');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.pattern.maxChars).toBeLessThanOrEqual(64);
    const cpu = process.cpuUsage();
    expect(result.pattern.test('a'.repeat(100_000))).toBe(false);
    const used = process.cpuUsage(cpu);
    // CPU time, not wall time (a shared machine stalls wall clocks): unbounded, this takes minutes.
    expect((used.user + used.system) / 1000).toBeLessThan(2000);
  });
});

const rule = (id: string, position: number, condition: string, actions: Partial<RuleRow['actions']>, scope: RuleRow['scope'] = { kind: 'all' }): CompiledRule => {
  const compiled = compileCondition(condition);
  if (!compiled.ok) throw new Error(compiled.error.message);
  return {
    rule: { id, name: id, position, enabled: 1, scope, condition, actions: { markRead: false, bookmark: false, hide: false, notify: false, keep: false, ...actions }, createdAt: 0, updatedAt: 0 },
    condition: compiled.condition,
  };
};

describe('scope and decisions', () => {
  const feed: ScopeFeed = { id: 'f1', folderId: 'd1', accountId: 'local' };

  it('scopes a rule to everything, an account, a folder or one feed', () => {
    expect(inScope({ kind: 'all' }, feed)).toBe(true);
    expect(inScope({ kind: 'account', accountId: 'local' }, feed)).toBe(true);
    expect(inScope({ kind: 'account', accountId: 'acct-2' }, feed)).toBe(false);
    expect(inScope({ kind: 'folder', folderId: 'd1' }, feed)).toBe(true);
    expect(inScope({ kind: 'folder', folderId: 'd2' }, feed)).toBe(false);
    expect(inScope({ kind: 'feed', feedId: 'f1' }, feed)).toBe(true);
    expect(inScope({ kind: 'feed', feedId: 'f2' }, feed)).toBe(false);
    expect(decide([rule('r', 0, 'apple', { markRead: true }, { kind: 'feed', feedId: 'f2' })], feed, article())).toBeNull();
  });

  it('unites the actions of every matching rule', () => {
    const decision = decide([rule('a', 0, 'apple', { markRead: true }), rule('b', 1, 'iphone', { bookmark: true, keep: true }), rule('c', 2, 'android', { notify: true })], feed, article());
    expect(decision).toEqual({ markRead: true, bookmark: true, hide: false, notify: false, keep: true });
  });

  it('lets hide win over notify (and over bookmark), whichever rule comes first', () => {
    const notifyFirst = decide([rule('n', 0, 'apple', { notify: true, bookmark: true }), rule('h', 1, 'iphone', { hide: true })], feed, article());
    expect(notifyFirst).toEqual({ markRead: true, bookmark: false, hide: true, notify: false, keep: false });
    const hideFirst = decide([rule('h', 0, 'iphone', { hide: true }), rule('n', 1, 'apple', { notify: true })], feed, article());
    expect(hideFirst?.notify).toBe(false);
  });
});
