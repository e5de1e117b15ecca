import { describe, expect, it } from 'vitest';
import { validateHostArgs } from '../../../shared/host-schema';
import { createTranslator } from '../../../shared/i18n/translator';
import * as drafts from '../../../shared/notifications';
import { wordNotification } from '../../../shared/notifications';

// The worker decides the notifications as drafts; the window words them. These tests read the English words.
const { t } = createTranslator();
const batchNewArticleNotifications = (...args: Parameters<typeof drafts.batchNewArticleNotifications>) =>
  drafts.batchNewArticleNotifications(...args).map((draft) => wordNotification(draft, t));
const ruleNotifications = (...args: Parameters<typeof drafts.ruleNotifications>) => drafts.ruleNotifications(...args).map((draft) => wordNotification(draft, t));

const titles = new Map([
  ['f1', 'Daring Fireball'],
  ['f2', 'LWN.net'],
  ['f3', 'The Old New Thing'],
  ['f4', 'Hacker News'],
]);
const on = { notifyNewArticles: true };

describe('new-article notifications', () => {
  it('says nothing when the setting is off or nothing is new', () => {
    expect(batchNewArticleNotifications([{ feedId: 'f1', added: 5 }], titles, { notifyNewArticles: false })).toEqual([]);
    expect(batchNewArticleNotifications([{ feedId: 'f1', added: 0 }, { feedId: 'f2', added: 0 }], titles, on)).toEqual([]);
    expect(batchNewArticleNotifications([], titles, on)).toEqual([]);
  });

  it('names the article when a feed got exactly one, so a click opens it', () => {
    const result = batchNewArticleNotifications([{ feedId: 'f1', added: 1, articles: [{ id: 'a1', title: 'Apple  news\n today' }] }], titles, on);
    expect(result).toEqual([{ title: 'Daring Fireball', body: 'Apple news today', articleId: 'a1', feedId: 'f1' }]);
  });

  it('batches several articles of one feed into "N new articles in Feed"', () => {
    const articles = ['One', 'Two', 'Three', 'Four'].map((title, index) => ({ id: `a${index}`, title }));
    const [note, ...rest] = batchNewArticleNotifications([{ feedId: 'f2', added: 4, articles }], titles, on);
    expect(rest).toEqual([]);
    expect(note).toEqual({ title: '4 new articles in LWN.net', body: 'One\nTwo\nThree', feedId: 'f2' });
  });

  it('gives one notification per feed while few feeds have news, busiest first', () => {
    const result = batchNewArticleNotifications(
      [
        { feedId: 'f1', added: 2 },
        { feedId: 'f2', added: 7 },
        { feedId: 'f3', added: 0 },
      ],
      titles,
      on,
    );
    expect(result.map((note) => note.title)).toEqual(['7 new articles in LWN.net', '2 new articles in Daring Fireball']);
  });

  it('adds up several outcomes of the same feed', () => {
    const result = batchNewArticleNotifications([{ feedId: 'f1', added: 2 }, { feedId: 'f1', added: 3 }], titles, on);
    expect(result.map((note) => note.title)).toEqual(['5 new articles in Daring Fireball']);
  });

  it('summarises many feeds in one notification', () => {
    const outcomes = ['f1', 'f2', 'f3', 'f4'].map((feedId, index) => ({ feedId, added: index + 1 }));
    const result = batchNewArticleNotifications(outcomes, titles, on);
    expect(result).toEqual([
      { title: '10 new articles in 4 feeds', body: 'Hacker News (4)\nThe Old New Thing (3)\nLWN.net (2)\nDaring Fireball (1)' },
    ]);
  });

  it('mentions how many feeds a long summary leaves out', () => {
    const outcomes = Array.from({ length: 8 }, (_, index) => ({ feedId: `x${index}`, added: 1 }));
    const [note] = batchNewArticleNotifications(outcomes, {}, { notifyNewArticles: true, maxPerFeedNotifications: 2 });
    expect(note?.title).toBe('8 new articles in 8 feeds');
    expect(note?.body.split('\n')).toHaveLength(6);
    expect(note?.body).toMatch(/and 3 more feeds$/);
  });

  it('leaves muted feeds out and falls back for a feed without a title', () => {
    const result = batchNewArticleNotifications(
      [{ feedId: 'f1', added: 3 }, { feedId: 'nameless', added: 2 }],
      { f1: 'Daring Fireball' },
      { notifyNewArticles: true, mutedFeedIds: ['f1'] },
    );
    expect(result.map((note) => note.title)).toEqual(['2 new articles in Untitled feed']);
  });

  it('always produces notifications the host accepts, whatever the titles', () => {
    const huge = 'x'.repeat(10_000);
    const result = batchNewArticleNotifications(
      [{ feedId: 'f1', added: 1, articles: [{ id: 'a1', title: huge }] }, { feedId: 'f2', added: 3, articles: [{ id: 'b', title: huge }] }],
      { f1: huge, f2: '\u0000\u0007' },
      on,
    );
    for (const note of result) expect(validateHostArgs('notify', [note]).ok).toBe(true);
  });
});

describe('ruleNotifications', () => {
  it('announces each article a rule asked about, with its feed, then one summary when there are many', () => {
    const one = ruleNotifications([{ id: 'a1', feedId: 'f2', title: 'Kernel\u0007 security fix' }], titles);
    expect(one).toEqual([{ title: 'LWN.net', body: 'Kernel security fix', articleId: 'a1', feedId: 'f2' }]);
    const many = ruleNotifications(
      Array.from({ length: 5 }, (_, i) => ({ id: `a${i}`, feedId: 'f1', title: `Match ${i}` })),
      titles,
    );
    expect(many).toEqual([{ title: '5 articles match your rules', body: 'Match 0\nMatch 1\nMatch 2\nand 2 more' }]);
    expect(ruleNotifications([], titles)).toEqual([]);
    for (const note of [...one, ...many]) expect(validateHostArgs('notify', [note]).ok).toBe(true);
  });
});
