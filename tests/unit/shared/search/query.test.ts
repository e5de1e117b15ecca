import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../../../../shared/search/query';

describe('parseSearchQuery', () => {
  it('separates words, phrases and exclusions', () => {
    expect(parseSearchQuery('solar "power grid" -coal -"fossil fuel"')).toMatchObject({
      words: ['solar'],
      phrases: ['power grid'],
      excluded: ['coal', 'fossil fuel'],
    });
  });

  it('reads feed:, folder:, author: and is: operators, with quoted values', () => {
    const q = parseSearchQuery('feed:"Ars Technica" folder:tech author:jane is:unread is:starred');
    expect(q).toMatchObject({ feeds: ['Ars Technica'], folders: ['tech'], authors: ['jane'], unread: true, starred: true, words: [] });
    expect(parseSearchQuery('is:read').unread).toBe(false);
  });

  it('turns before: and after: into UTC day starts', () => {
    const q = parseSearchQuery('before:2024-03-01 after:2023-12-31');
    expect(q.before).toBe(Date.UTC(2024, 2, 1));
    expect(q.after).toBe(Date.UTC(2023, 11, 31));
  });

  it('searches unknown operators, bad dates and bad is: values as words', () => {
    expect(parseSearchQuery('foo:bar before:2024-02-31 is:weird').words).toEqual(['foo:bar', 'before:2024-02-31', 'is:weird']);
  });

  it('ignores an operator with no value yet and keeps an unclosed quote as a phrase (typing)', () => {
    expect(parseSearchQuery('feed: "half typed')).toMatchObject({ feeds: [], words: [], phrases: ['half typed'] });
  });

  it('returns an empty query for blank input', () => {
    expect(parseSearchQuery('   ')).toEqual({ words: [], phrases: [], excluded: [], authors: [], feeds: [], folders: [] });
  });
});
