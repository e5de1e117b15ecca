import { describe, expect, it } from 'vitest';
import { subscribe } from '../../../../../shared/db/feeds';
import { parseOpml } from '../../../../../shared/feeds';
import { importOpmlInBatches, OPML_BATCH, opmlFeedCount } from '../../../../../renderer/components/dialogs/opml-import';
import { bundledCatalogues } from '../../../../../shared/i18n/catalogues';
import { describeError } from '../../../../../shared/i18n/errors';
import { loadTranslator } from '../../../../../shared/i18n/translator';
import { freshDb } from '../../../shared/db/test-db';

const outline = (n: number) => `<outline type="rss" text="Feed ${n}" xmlUrl="https://feeds.example/${n}.xml"/>`;

function opml(): string {
  const news = Array.from({ length: 25 }, (_, i) => outline(i + 1)).join('\n');
  return `<opml version="2.0"><body>
${outline(0)}
<outline text="News">
${news}
${outline(3)}
<outline type="rss" text="Bad" xmlUrl="mailto:someone@example.com"/>
</outline>
</body></opml>`;
}

describe('importOpmlInBatches', () => {
  it('reports progress batch by batch up to the number of distinct feeds', async () => {
    const db = freshDb();
    const parsed = parseOpml(opml());
    const seen: Array<[number, number]> = [];
    await importOpmlInBatches(db, parsed, (done, total) => seen.push([done, total]));
    expect(opmlFeedCount(parsed)).toBe(26);
    expect(seen[0]).toEqual([0, 26]);
    expect(seen.at(-1)).toEqual([26, 26]);
    // One step per batch: the top-level feed, then 25 in batches of OPML_BATCH.
    expect(seen.length).toBe(1 + 1 + Math.ceil(25 / OPML_BATCH));
    expect(seen.map(([done]) => done)).toEqual([...seen.map(([done]) => done)].sort((a, b) => a - b));
  });

  it('adds the new feeds into one folder across batches, and lists duplicates and skipped lines', async () => {
    const db = freshDb();
    await subscribe(db, 'https://feeds.example/0.xml');
    const summary = await importOpmlInBatches(db, parseOpml(opml()), () => {});
    expect(summary.added).toBe(25);
    expect(summary.foldersCreated).toBe(1);
    expect(await db.folders.count()).toBe(1);
    expect(summary.duplicates.sort()).toEqual(['https://feeds.example/0.xml', 'https://feeds.example/3.xml']);
    expect(summary.invalid).toHaveLength(1);
    expect(summary.invalid[0]?.message).toMatch(/mailto/);
    expect(summary.invalid[0]).toMatchObject({ code: 'errors.opml.notAddress', values: { address: 'mailto:someone@example.com' } });
    const folder = await db.folders.toCollection().first();
    expect(await db.feeds.where('folderId').equals(folder!.id).count()).toBe(25);
  });

  it('says why the library refused an entry in the reader\'s language, with its address', async () => {
    const db = freshDb();
    // parseOpml already skips what is not a web address; a file made elsewhere (or an older parser) may still hand one over.
    const summary = await importOpmlInBatches(db, { outlines: [{ title: '', feeds: [{ xmlUrl: 'gopher://old.example/feed', title: 'Old' }] }], errors: [], problems: [], duplicates: [] }, () => {});
    expect(summary.added).toBe(0);
    const { t } = await loadTranslator('de', bundledCatalogues);
    expect(summary.invalid.map((problem) => describeError(problem, t))).toEqual(['„gopher://old.example/feed“: Nur http- und https-Adressen können abonniert werden: gopher://old.example/feed']);
  });
});
